#include "importer/text_util.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "importer/ascii_transliterator.h"
#include "importer/latin_ascii_table.h"

namespace dossier::importer {

int DecodeUtf8AtSlow(std::string_view s, size_t pos, char32_t* cp) {
  if (pos >= s.size()) {
    *cp = 0;
    return 0;
  }
  if (static_cast<unsigned char>(s[pos]) < 0x80) {
    *cp = static_cast<unsigned char>(s[pos]);
    return 1;
  }
  int32_t i = static_cast<int32_t>(pos);
  int32_t len = static_cast<int32_t>(s.size() > 0x7fffffff ? 0x7fffffff : s.size());
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, len, c);
  if (c < 0) {
    *cp = 0xFFFD;
    return i - static_cast<int32_t>(pos) > 0 ? i - static_cast<int32_t>(pos) : 1;
  }
  *cp = static_cast<char32_t>(c);
  return i - static_cast<int32_t>(pos);
}

bool IsLetterSlow(char32_t cp) { return u_isalpha(static_cast<UChar32>(cp)); }
bool IsUpperLetterSlow(char32_t cp) {
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}
bool IsLowerLetterSlow(char32_t cp) { return u_islower(static_cast<UChar32>(cp)); }
bool IsMark(char32_t cp) {
  int8_t t = u_charType(static_cast<UChar32>(cp));
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}
bool IsCjk(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}
bool IsCyrillic(char32_t cp) { return cp >= 0x0400 && cp <= 0x04FF; }
bool IsLatinLetter(char32_t cp) {
  return (cp < 0x250 && IsLetter(cp)) || (cp >= 0x1E00 && cp <= 0x1EFF);
}

bool MostlyNonLatin(std::string_view s) {
  int latin = 0, other = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += std::max(1, DecodeUtf8At(s, i, &cp));
    if (IsLatinLetter(cp)) {
      ++latin;
    } else if (IsLetter(cp)) {
      ++other;
    }
  }
  return other > latin;
}

int SuperscriptDigit(char32_t cp) {
  switch (cp) {
    case U'⁰':
      return 0;
    case U'¹':
      return 1;
    case U'²':
      return 2;
    case U'³':
      return 3;
    default:
      break;
  }
  if (cp >= U'⁴' && cp <= U'⁹') return static_cast<int>(cp - U'⁴') + 4;
  return -1;
}

namespace {

// Names in other scripts recur (the same persons across letters and within one), and
// transliterating Han or Cyrillic costs tens of microseconds: results are remembered per thread,
// forgetting everything when the memo grows past a bound.
std::string FoldWithIcu(std::string_view s, bool lower) {
  constexpr size_t kMaxMemoEntries = 1 << 14;
  thread_local std::unordered_map<std::string, std::string> memo[2];
  auto& m = memo[lower ? 1 : 0];
  std::string key(s);
  if (auto it = m.find(key); it != m.end()) return it->second;
  if (m.size() >= kMaxMemoEntries) m.clear();
  std::string folded = TransliterateToAscii(s, lower);
  m.emplace(std::move(key), folded);
  return folded;
}

// A code point of the Latin and punctuation blocks folds on its own, from a table of ICU's answers
// (name_normalizer_test holds the fold of strings of them, beside ASCII and marks, equal to ICU's
// of the whole string); text with any other code point takes the whole-string ICU path.
struct CodePointFold {
  bool needs_context = false;
  std::string_view folded;  // Not lower-cased.
};

// Null outside the table's blocks, or when the table does not answer for the running ICU.
const CodePointFold* FoldCodePoint(char32_t cp) {
  static const std::vector<CodePointFold> kFolds = [] {
    std::vector<CodePointFold> folds;
    for (const auto& [first, last] : kLatinAsciiBlocks) {
      for (char32_t c = first; c < last; ++c) {
        const std::optional<std::string_view> folded = LatinAsciiFold(c);
        if (!folded) return std::vector<CodePointFold>();
        CodePointFold fold;
        fold.folded = *folded;
        // Caution kept from the transliterator's days: a fold of several letters with a capital
        // ("Æ" -> "AE") could be spelt by its neighbours' case, as CLDR's rules allow; ICU 72's
        // Latin-ASCII does not, but such a code point still takes the whole string to ICU.
        bool has_upper = false;
        for (char f : fold.folded) {
          has_upper = has_upper || absl::ascii_isupper(static_cast<unsigned char>(f));
        }
        fold.needs_context = fold.folded.size() > 1 && has_upper;
        folds.push_back(fold);
      }
    }
    return folds;
  }();
  if (kFolds.empty()) return nullptr;
  size_t base = 0;
  for (const auto& [first, last] : kLatinAsciiBlocks) {
    if (cp >= first && cp < last) return &kFolds[base + (cp - first)];
    base += last - first;
  }
  return nullptr;
}

std::string Fold(std::string_view s, bool lower) {
  // The transliterator costs microseconds a call and the importer folds every candidate name:
  // ASCII is copied, Latin letters and punctuation come from a table.
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out.push_back(lower ? absl::ascii_tolower(c) : static_cast<char>(c));
      ++i;
      continue;
    }
    char32_t cp;
    int length = DecodeUtf8At(s, i, &cp);
    const CodePointFold* fold = length > 0 ? FoldCodePoint(cp) : nullptr;
    if (fold == nullptr || fold->needs_context) return FoldWithIcu(s, lower);
    for (char f : fold->folded) {
      out.push_back(lower ? absl::ascii_tolower(static_cast<unsigned char>(f)) : f);
    }
    i += static_cast<size_t>(length);
  }
  return out;
}

bool IsSpaceCp(char32_t cp) {
  // ASCII answers inline: every byte of a name passes here. (Unicode's White_Space in ASCII is
  // exactly these.)
  if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
  return u_isUWhiteSpace(static_cast<UChar32>(cp)) || cp == 0xFEFF;
}

}  // namespace

std::string FoldToAsciiLower(std::string_view s) { return Fold(s, true); }
std::string FoldToAscii(std::string_view s) { return Fold(s, false); }
std::string FoldToAsciiWithIcuForTest(std::string_view s, bool lower) {
  return TransliterateToAscii(s, lower);
}

Span TrimSpan(std::string_view text, Span span, std::string_view extra_chars) {
  if (span.end > text.size()) span.end = text.size();
  while (span.start < span.end) {
    char32_t cp;
    int n = DecodeUtf8At(text, span.start, &cp);
    bool extra = cp < 0x80 && extra_chars.find(static_cast<char>(cp)) != std::string_view::npos;
    if (!IsSpaceCp(cp) && !extra) break;
    span.start += n;
  }
  while (span.end > span.start) {
    size_t p = span.end - 1;
    while (p > span.start && (static_cast<unsigned char>(text[p]) & 0xC0) == 0x80) --p;
    char32_t cp;
    DecodeUtf8At(text, p, &cp);
    bool extra = cp < 0x80 && extra_chars.find(static_cast<char>(cp)) != std::string_view::npos;
    if (!IsSpaceCp(cp) && !extra) break;
    span.end = p;
  }
  return span;
}

std::string_view TrimView(std::string_view s) {
  Span sp = TrimSpan(s, Span{0, s.size()});
  return s.substr(sp.start, sp.end - sp.start);
}

std::string_view SpanText(std::string_view text, Span span) {
  if (span.start >= text.size() || span.end <= span.start) return {};
  return text.substr(span.start, std::min(span.end, text.size()) - span.start);
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool StartsWithCaseless(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && AsciiLower(s.substr(0, prefix.size())) == AsciiLower(prefix);
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    // A run of ASCII bytes that are not spaces goes in at once: names and lines are mostly that.
    size_t run_end = i;
    while (run_end < s.size() && static_cast<unsigned char>(s[run_end]) < 0x80 &&
           !IsSpaceCp(static_cast<unsigned char>(s[run_end]))) {
      ++run_end;
    }
    if (run_end > i) {
      if (space) out.push_back(' ');
      space = false;
      out.append(s.substr(i, run_end - i));
      i = run_end;
      continue;
    }
    char32_t cp = static_cast<unsigned char>(s[i]);
    const int n = cp < 0x80 ? 1 : DecodeUtf8At(s, i, &cp);
    if (IsSpaceCp(cp)) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.append(s.substr(i, n));
    }
    i += n;
  }
  return out;
}

namespace {

bool IsWordCp(char32_t cp) {
  if (cp < 0x80) return absl::ascii_isalnum(static_cast<unsigned char>(cp));
  return IsLetter(cp) || IsMark(cp) || u_isdigit(cp);
}
bool IsJoiner(char32_t cp) { return cp == '-' || cp == '\'' || cp == U'’' || cp == U'‐'; }

void FinishToken(std::string_view text, Token* t) {
  t->text = SpanText(text, t->span);
  for (std::string_view suf : {"'s", "’s"}) {
    if (t->text.size() > suf.size() + 1 && t->text.ends_with(suf)) {
      t->text.remove_suffix(suf.size());
      t->span.end -= suf.size();
      t->possessive = true;
      break;
    }
  }
  int letters = 0, uppers = 0;
  bool first = true;
  for (size_t i = 0; i < t->text.size();) {
    char32_t cp;
    int n = DecodeUtf8At(t->text, i, &cp);
    if (IsLetter(cp)) {
      ++letters;
      if (IsUpperLetter(cp)) ++uppers;
      if (first) t->upper_initial = IsUpperLetter(cp);
      first = false;
    } else if (cp < 0x80 ? (cp >= '0' && cp <= '9') : u_isdigit(static_cast<UChar32>(cp))) {
      t->has_digit = true;
      first = false;
    }
    i += n;
  }
  t->all_upper = letters >= 2 && letters == uppers;
}

// "KeChengbing" -> "Ke" + "Chengbing". Prefixes that are part of real surnames stay glued.
size_t CamelSplitPoint(std::string_view word) {
  static const char* kKeep[] = {"Mc", "Mac", "De",  "Di", "Da",   "La",
                                "Le", "Van", "Von", "Du", "Fitz", "O"};
  char32_t prev = 0;
  size_t upper_count = 0;
  for (size_t i = 0; i < word.size();) {
    char32_t cp;
    int n = DecodeUtf8At(word, i, &cp);
    if (i > 0 && IsUpperLetter(cp) && IsLowerLetter(prev)) {
      std::string_view left = word.substr(0, i);
      if (upper_count != 1 || left.size() < 2) return 0;
      for (const char* k : kKeep) {
        if (left == k) return 0;
      }
      // Only the glued-words case: the right part must be a capitalised lowercase word.
      std::string_view right = word.substr(i);
      size_t uppers = 0;
      for (size_t j = 0; j < right.size();) {
        char32_t c2;
        j += DecodeUtf8At(right, j, &c2);
        if (IsUpperLetter(c2)) ++uppers;
        if (!IsLetter(c2)) return 0;
      }
      return (uppers == 1 && right.size() >= 3) ? i : 0;
    }
    if (IsUpperLetter(cp)) ++upper_count;
    prev = cp;
    i += n;
  }
  return 0;
}

thread_local TokenizeMemo* active_memo = nullptr;

// A word of ASCII letters and digits, maybe joined by '-' or '\'', that CamelSplitPoint leaves
// whole (no capital right after a lowercase letter), with what FinishToken would find in it: most
// of a letter's words, read in one pass instead of three. `end` is start when the word is not one
// of these (a byte beyond ASCII in or right after it, or a glued capital): the general rules then
// read it.
struct AsciiWord {
  size_t end;
  int letters = 0;
  int uppers = 0;
  bool upper_initial = false;
  bool has_digit = false;
};

AsciiWord ScanAsciiWord(std::string_view text, size_t start, size_t end) {
  AsciiWord w{.end = start};
  const AsciiWord none{.end = start};
  bool first = true;  // No letter or digit seen yet.
  char prev = 0;
  size_t j = start;
  while (j < end) {
    const char c = text[j];
    if (absl::ascii_isalpha(static_cast<unsigned char>(c))) {
      const bool upper = c >= 'A' && c <= 'Z';
      if (upper && j > start && prev >= 'a' && prev <= 'z') return none;  // A glued capital.
      ++w.letters;
      w.uppers += upper ? 1 : 0;
      if (first) w.upper_initial = upper;
      first = false;
    } else if (c >= '0' && c <= '9') {
      w.has_digit = true;
      first = false;
    } else if (static_cast<unsigned char>(c) >= 0x80) {
      return none;
    } else if ((c == '-' || c == '\'') && j + 1 < end) {
      const unsigned char next = static_cast<unsigned char>(text[j + 1]);
      if (next >= 0x80) return none;
      if (!absl::ascii_isalnum(next)) break;
    } else {
      break;
    }
    prev = c;
    ++j;
  }
  w.end = j;
  return w;
}

std::vector<Token> TokenizeText(std::string_view text, Span span) {
  std::vector<Token> out;
  size_t end = std::min(span.end, text.size());
  // About one word in six or seven bytes of prose: one allocation instead of a dozen regrowths.
  if (end > span.start) out.reserve((end - span.start) / 6 + 1);
  size_t i = span.start;
  size_t prev_end = span.start;
  while (i < end) {
    char32_t cp;
    int n = DecodeUtf8At(text, i, &cp);
    if (!IsWordCp(cp)) {
      i += n;
      continue;
    }
    size_t start = i;
    if (AsciiWord w = ScanAsciiWord(text, start, end); w.end > start) {
      Token& t = out.emplace_back();
      t.span = {start, w.end};
      t.gap_before = text.substr(prev_end, start - prev_end);
      t.text = text.substr(start, w.end - start);
      if (t.text.size() > 3 && t.text.ends_with("'s")) {
        t.text.remove_suffix(2);
        t.span.end -= 2;
        t.possessive = true;
        --w.letters;  // The stripped 's', which FinishToken does not count.
      }
      t.upper_initial = w.upper_initial;
      t.has_digit = w.has_digit;
      t.all_upper = w.letters >= 2 && w.letters == w.uppers;
      t.period_after = w.end < text.size() && text[w.end] == '.';
      prev_end = i = w.end;
      continue;
    }
    size_t j = i;
    while (j < end) {
      char32_t c;
      int m = DecodeUtf8At(text, j, &c);
      if (IsWordCp(c)) {
        j += m;
        continue;
      }
      if (IsJoiner(c) && j + m < end) {
        char32_t next;
        DecodeUtf8At(text, j + m, &next);
        if (IsWordCp(next)) {
          j += m;
          continue;
        }
      }
      break;
    }
    std::string_view word = text.substr(start, j - start);
    // "#MeToo" is a hashtag, not two glued words.
    size_t split = (start > 0 && text[start - 1] == '#') ? 0 : CamelSplitPoint(word);
    const Span glued[2] = {{start, start + split}, {start + split, j}};
    const Span whole[1] = {{start, j}};
    for (const Span& p : split > 0 ? std::span<const Span>(glued) : std::span<const Span>(whole)) {
      Token t;
      t.span = p;
      t.gap_before = text.substr(prev_end, p.start - prev_end);
      FinishToken(text, &t);
      t.period_after = p.end < text.size() && text[p.end] == '.' && p.end == j;
      prev_end = p.end;
      out.push_back(std::move(t));
    }
    i = j;
  }
  return out;
}

}  // namespace

TokenizeMemo::TokenizeMemo(std::string_view letter) : letter_(letter), previous_(active_memo) {
  active_memo = this;
}

TokenizeMemo::~TokenizeMemo() { active_memo = previous_; }

std::vector<Token> Tokenize(std::string_view text, Span span) {
  TokenizeMemo* memo = active_memo;
  if (memo == nullptr || text.data() != memo->letter_.data() ||
      text.size() != memo->letter_.size()) {
    return TokenizeText(text, span);
  }
  auto [it, inserted] = memo->spans_.try_emplace(std::make_pair(span.start, span.end));
  if (inserted) it->second = TokenizeText(text, span);
  return it->second;
}

bool PlausibleNameLength(std::string_view name, int max_words) {
  if (name.find('\n') != std::string_view::npos && name.find("\n\n") != std::string_view::npos) {
    return false;
  }
  int words = 0;
  bool in_word = false;
  for (char c : name) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  if (words > max_words) return false;
  // A full stop after a lowercase word of three letters or more, then a capital: a sentence
  // ends there. Abbreviations ("St. Petersburg", "Dr. X", "U.S. Army") stay names.
  for (size_t i = 3; i + 2 < name.size(); ++i) {
    if (!(name[i] == '.' || name[i] == '!' || name[i] == '?') || name[i + 1] != ' ') continue;
    char next = name[i + 2];
    if (next < 'A' || next > 'Z') continue;
    size_t w = i;
    while (w > 0 && name[w - 1] >= 'a' && name[w - 1] <= 'z') --w;
    if (i - w >= 3 && (w == 0 || name[w - 1] == ' ')) return false;
  }
  return true;
}

}  // namespace dossier::importer
