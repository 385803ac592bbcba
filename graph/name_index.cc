#include "graph/name_index.h"

#include <algorithm>
#include <utility>

#include "graph/key_codec.h"
#include "graph/name_normalizer.h"
#include "graph/utf8.h"

namespace dossier::graph {
namespace {

void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

// Calls `fn` with each word of `words` (a normalised name: words separated by spaces).
template <typename Fn>
void ForEachWord(std::string_view words, Fn&& fn) {
  size_t start = 0;
  while (start < words.size()) {
    size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    if (end > start) fn(words.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

std::vector<std::string> NormalizedFullNames(const internal::NodeRecord& record) {
  std::vector<std::string> names;
  auto add = [&](const std::string& raw) {
    std::string n = NormalizeName(raw);
    if (!n.empty()) names.push_back(std::move(n));
  };
  add(record.name());
  for (const std::string& alias : record.aliases()) add(alias);
  SortUnique(&names);
  return names;
}

void ForEachNameIndexText(const internal::NodeRecord& record,
                          absl::FunctionRef<void(char kind, std::string_view text)> visit) {
  if (record.aliases_size() == 0) {
    // A name alone (every bulk-loaded node, most others): the same texts in the same order
    // without the general path's vectors, which a load of millions of names pays for.
    const std::string full = NormalizeName(record.name());
    if (full.empty()) return;
    std::string renormalized;
    std::string_view words = full;
    if (!IsAscii(full)) words = renormalized = NormalizeName(full);
    constexpr size_t kMaxWords = 16;
    std::string_view split[kMaxWords];
    size_t count = 0;
    ForEachWord(words, [&](std::string_view word) {
      if (count < kMaxWords) split[count] = word;
      ++count;
    });
    if (count <= kMaxWords) {
      visit(kFullNameIndex, full);  // 'F' < 'T': full names come first in key order.
      std::sort(split, split + count);
      const size_t distinct = std::unique(split, split + count) - split;
      for (size_t i = 0; i < distinct; ++i) visit(kTokenIndex, split[i]);
      return;
    }
  }
  const std::vector<std::string> fulls = NormalizedFullNames(record);
  // A normalised ASCII name is its own normal form, so its words are split out of it directly;
  // a name still holding other bytes is normalised once more, as NameTokens does.
  std::vector<std::string> renormalized;
  renormalized.reserve(fulls.size());
  std::vector<std::pair<char, std::string_view>> texts;
  for (const std::string& full : fulls) {
    texts.emplace_back(kFullNameIndex, full);
    std::string_view words = full;
    if (!IsAscii(full)) words = renormalized.emplace_back(NormalizeName(full));
    ForEachWord(words, [&](std::string_view word) { texts.emplace_back(kTokenIndex, word); });
  }
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  for (const auto& [kind, text] : texts) visit(kind, text);
}

std::vector<std::string> NameIndexKeys(NodeId id, const internal::NodeRecord& record) {
  std::vector<std::string> keys;
  ForEachNameIndexText(record, [&](char kind, std::string_view text) {
    keys.push_back(NameIndexKey(kind, text, id));
  });
  // (kind, text) order is key order: a text's terminating \0 sorts before any byte that could
  // extend it.
  return keys;
}

}  // namespace dossier::graph
