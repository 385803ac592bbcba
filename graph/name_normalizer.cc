#include "graph/name_normalizer.h"

#include <memory>
#include <unordered_map>

#include "absl/strings/str_split.h"
#include "graph/utf8.h"
#include "unicode/translit.h"
#include "unicode/unistr.h"

namespace dossier::graph {
namespace {

// ICU transliterators are not thread-safe; each thread builds its own once.
icu::Transliterator* ThreadTransliterator() {
  thread_local std::unique_ptr<icu::Transliterator> transliterator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createInstance(
        "Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) t.reset();
    return t;
  }();
  return transliterator.get();
}

// Names in other scripts recur (one person across many letters and aliases), and transliterating
// Han or Cyrillic costs tens of microseconds: the result is remembered per thread, forgetting
// everything once the memo reaches a bound.
std::string Transliterate(std::string_view name) {
  constexpr size_t kMaxMemoEntries = 1 << 14;
  thread_local std::unordered_map<std::string, std::string> memo;
  std::string key(name);
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (icu::Transliterator* t = ThreadTransliterator()) t->transliterate(text);
  std::string out;
  text.toUTF8String(out);
  if (memo.size() >= kMaxMemoEntries) memo.clear();
  memo.emplace(std::move(key), out);
  return out;
}

}  // namespace

std::string NormalizeName(std::string_view name) {
  // Transliteration costs microseconds a call; ASCII input has nothing to
  // transliterate, and bulk loads normalise millions of names.
  std::string ascii;
  if (IsAscii(name)) {
    ascii.assign(name);
  } else {
    ascii = Transliterate(name);
  }

  std::string out;
  out.reserve(ascii.size());
  bool pending_space = false;
  for (unsigned char c : ascii) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<unsigned char>(c - 'A' + 'a');
      keep = true;
    }
    // Apostrophes join ("O'Brien" ~ "obrien"); everything else separates words.
    if (c == '\'') continue;
    if (!keep) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

std::vector<std::string> NameTokens(std::string_view name) {
  std::vector<std::string> tokens;
  for (absl::string_view token : absl::StrSplit(NormalizeName(name), ' ', absl::SkipEmpty())) {
    bool seen = false;
    for (const std::string& t : tokens) seen = seen || t == token;
    if (!seen) tokens.emplace_back(token);
  }
  return tokens;
}

}  // namespace dossier::graph
