#include "importer/sentence_splitter.h"

#include <set>
#include <string>

#include "importer/text_util.h"

namespace dossier::importer {
namespace {

bool IsAbbreviation(std::string_view word) {
  static const std::set<std::string> kAbbrev = {
      "mr",  "mrs", "ms",  "dr",  "prof", "st",  "no",   "nos", "art", "vs",   "etc", "e.g",
      "i.e", "jan", "feb", "mar", "apr",  "jun", "jul",  "aug", "sep", "sept", "oct", "nov",
      "dec", "h.e", "u.s", "u.k", "u.n",  "e.u", "para", "p",   "pp",  "vol",  "ed",  "sen",
      "rep", "gen", "lt",  "col", "capt", "sr",  "jr",   "fig", "cf",  "al"};
  return kAbbrev.count(AsciiLower(word)) > 0;
}

// The word (letters and inner dots) ending right before `pos`.
std::string_view WordBefore(std::string_view text, size_t begin, size_t pos) {
  size_t s = pos;
  while (s > begin) {
    char c = text[s - 1];
    if (c == ' ' || c == '\t' || c == '(' || c == '"' || c == '\n') break;
    --s;
  }
  return text.substr(s, pos - s);
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text, Span paragraph) {
  std::vector<Span> out;
  size_t end = std::min(paragraph.end, text.size());
  size_t start = paragraph.start;
  for (size_t i = paragraph.start; i < end;) {
    char32_t cp;
    int n = std::max(1, DecodeUtf8At(text, i, &cp));
    bool terminal =
        cp == '.' || cp == '!' || cp == '?' || cp == U'。' || cp == U'！' || cp == U'？';
    if (!terminal) {
      i += n;
      continue;
    }
    size_t j = i + n;
    // Closing quotes, brackets, markup and footnote markers stay with the sentence.
    while (j < end) {
      char32_t c;
      int m = std::max(1, DecodeUtf8At(text, j, &c));
      if (c == '"' || c == U'”' || c == U'’' || c == '\'' || c == ')' || c == '*' ||
          SuperscriptDigit(c) >= 0) {
        j += m;
        continue;
      }
      break;
    }
    bool cjk = cp >= 0x3000;
    bool split = false;
    if (cjk) {
      split = true;
    } else if (j >= end) {
      split = true;
    } else {
      char32_t next;
      DecodeUtf8At(text, j, &next);
      std::string_view word = WordBefore(text, start, i);
      bool abbrev = cp == '.' && (IsAbbreviation(word) ||
                                  (word.size() <= 2 && !word.empty() && IsUpperLetter(word[0])));
      bool has_url =
          word.find("://") != std::string_view::npos || word.find("www") != std::string_view::npos;
      if (next == ' ' || next == '\t') {
        size_t k = j;
        while (k < end && (text[k] == ' ' || text[k] == '\t')) ++k;
        char32_t after = 0;
        if (k < end) DecodeUtf8At(text, k, &after);
        split = !abbrev &&
                (IsUpperLetter(after) || after == '"' || after == U'“' || after == '[' ||
                 after == '(' || (after >= '0' && after <= '9') || after == '*' || IsCjk(after));
      } else if (cp == '.' && IsUpperLetter(next) && !abbrev && !has_url && word.size() >= 4) {
        // "Zhengjun.Three": a lowercase letter before the dot and a capitalised word after.
        char32_t before;
        DecodeUtf8At(text, i - 1, &before);
        split = IsLowerLetter(before);
      }
    }
    if (split) {
      Span s = TrimSpan(text, {start, j});
      if (!s.empty()) out.push_back(s);
      start = j;
    }
    i = j;
  }
  Span s = TrimSpan(text, {start, end});
  if (!s.empty()) out.push_back(s);
  return out;
}

}  // namespace dossier::importer
