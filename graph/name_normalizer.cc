#include "graph/name_normalizer.h"

#include <memory>
#include <optional>
#include <unordered_map>

#include "absl/strings/str_split.h"
#include "graph/latin_lower_table.h"
#include "graph/utf8.h"
#include "unicode/translit.h"
#include "unicode/unistr.h"
#include "unicode/utf8.h"

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

// For a name whose non-ASCII text is all in the blocks of latin_lower_table.h (most Latin names
// that are not plain ASCII): each such code point's transliteration, from the table, between the
// ASCII bytes as they are. That equals transliterating the whole name: ASCII passes through
// Any-Latin and Latin-ASCII unchanged, and Latin-ASCII maps these code points without looking at
// their neighbours (its one context rule drops combining marks, which are not in the table's
// blocks; whatever case a neighbour could make, Lower erases). name_normalizer_test holds the two
// equal for
// every code point of the blocks beside ASCII, beside each combining mark and in random names. No
// transliterator is built for such names: a process that meets no other script never builds ICU's
// registry of them, half the instructions of a one-letter import.
// False, with `out` unspecified, for any other name.
bool FoldLatinCodePoints(std::string_view name, std::string* out) {
  out->clear();
  out->reserve(name.size());
  const auto length = static_cast<int32_t>(name.size());
  int32_t i = 0;
  while (i < length) {
    if (static_cast<unsigned char>(name[i]) < 0x80) {
      out->push_back(name[i++]);
      continue;
    }
    UChar32 cp;
    U8_NEXT(name.data(), i, length, cp);
    if (cp < 0) return false;  // Invalid UTF-8: the whole-name path.
    const std::optional<std::string_view> lowered = LatinLower(static_cast<char32_t>(cp));
    if (!lowered) return false;
    out->append(*lowered);
  }
  return true;
}

std::string Normalize(std::string_view name, bool whole) {
  // Transliteration costs microseconds a call; ASCII input has nothing to
  // transliterate, and bulk loads normalise millions of names.
  std::string ascii;
  if (IsAscii(name)) {
    ascii.assign(name);
  } else if (whole || !FoldLatinCodePoints(name, &ascii)) {
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

}  // namespace

std::string NormalizeName(std::string_view name) { return Normalize(name, false); }

std::string NormalizeNameWholeForTest(std::string_view name) { return Normalize(name, true); }

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
