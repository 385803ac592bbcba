// Small UTF-8 helpers shared by the importer: code point decoding, ASCII folding through ICU,
// trimming and a word tokenizer that keeps byte offsets into the original text.
#ifndef DOSSIER_IMPORTER_TEXT_UTIL_H_
#define DOSSIER_IMPORTER_TEXT_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "importer/extraction.h"

namespace dossier::importer {

// Decodes the code point at `pos`; returns its byte length (1 for invalid bytes, with U+FFFD;
// 0 at or past the end, with 0). Inline for ASCII: the rules decode every byte of a letter
// several times over.
int DecodeUtf8AtSlow(std::string_view s, size_t pos, char32_t* cp);
inline int DecodeUtf8At(std::string_view s, size_t pos, char32_t* cp) {
  if (pos < s.size() && static_cast<unsigned char>(s[pos]) < 0x80) {
    *cp = static_cast<unsigned char>(s[pos]);
    return 1;
  }
  return DecodeUtf8AtSlow(s, pos, cp);
}

// Inline for ASCII, as DecodeUtf8At: the tokenizer asks for every character of a letter.
bool IsLetterSlow(char32_t cp);
bool IsUpperLetterSlow(char32_t cp);
bool IsLowerLetterSlow(char32_t cp);
inline bool IsLetter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return IsLetterSlow(cp);
}
inline bool IsUpperLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return IsUpperLetterSlow(cp);
}
inline bool IsLowerLetter(char32_t cp) {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return IsLowerLetterSlow(cp);
}
bool IsMark(char32_t cp);
bool IsCjk(char32_t cp);
bool IsCyrillic(char32_t cp);
bool IsLatinLetter(char32_t cp);
// More letters outside the Latin script than in it.
bool MostlyNonLatin(std::string_view s);
// Superscript digits ¹²³⁴⁵⁶⁷⁸⁹⁰: value 0-9, or -1.
int SuperscriptDigit(char32_t cp);

// "Any-Latin; Latin-ASCII" transliteration followed by lower-casing: "Köster" -> "koster",
// "Токаев" -> "tokaev".
std::string FoldToAsciiLower(std::string_view s);
// Same without lower-casing.
std::string FoldToAscii(std::string_view s);
// The reference both fold functions must agree with: ICU on the whole string, no shortcuts.
std::string FoldToAsciiWithIcuForTest(std::string_view s, bool lower);

std::string_view TrimView(std::string_view s);  // ASCII and Unicode spaces.
// Trims spaces plus the given ASCII punctuation from both ends, returning the narrowed span.
Span TrimSpan(std::string_view text, Span span, std::string_view extra_chars = "");
std::string_view SpanText(std::string_view text, Span span);
std::string AsciiLower(std::string_view s);
bool StartsWithCaseless(std::string_view s, std::string_view prefix);
// Collapses runs of whitespace to one space and trims.
std::string CollapseSpaces(std::string_view s);

// A token's text and gap are views into the text it was cut from, which must outlive it: a
// letter's rules tokenise the same sentences several times, and copying views is a memcpy.
struct Token {
  Span span;
  std::string_view text;  // Bytes of span (possessive 's stripped; see `possessive`).
  bool upper_initial = false;
  bool all_upper = false;  // At least two letters, all upper case.
  bool has_digit = false;
  bool possessive = false;      // Ended in 's / ’s (stripped from text and span).
  bool period_after = false;    // Followed directly by '.'.
  std::string_view gap_before;  // Raw bytes between the previous token and this one.
};

// Words are runs of letters, marks and digits with internal hyphens and apostrophes. A word
// glued from two capitalised parts by PDF conversion ("KeChengbing") is split in two.
std::vector<Token> Tokenize(std::string_view text, Span span);

// While one is alive on a thread, Tokenize answers a span of `letter` (the very bytes: same
// address and size) that it has tokenised before from memory: a letter's rules tokenise the same
// sentences three or four times over. `letter` must outlive the memo unchanged. Spans of other
// texts (a name copied out, a line rebuilt) are tokenised as always. A memo made while another
// is alive stands in for it until it ends.
class TokenizeMemo {
 public:
  explicit TokenizeMemo(std::string_view letter);
  ~TokenizeMemo();
  TokenizeMemo(const TokenizeMemo&) = delete;
  TokenizeMemo& operator=(const TokenizeMemo&) = delete;

 private:
  friend std::vector<Token> Tokenize(std::string_view text, Span span);
  std::string_view letter_;
  absl::flat_hash_map<std::pair<size_t, size_t>, std::vector<Token>> spans_;
  TokenizeMemo* previous_;
};

// Sanity check for a person or organisation name: at most `max_words` words and no sentence
// boundary inside ("... in custody. Activist X"), so a paragraph is never taken for a name.
bool PlausibleNameLength(std::string_view name, int max_words = 12);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_TEXT_UTIL_H_
