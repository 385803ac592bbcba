#include "importer/footnotes.h"

#include <set>
#include <string>

#include "importer/byte_set.h"
#include "importer/text_util.h"

namespace dossier::importer {
namespace {

// Reads a run of superscript digits at pos; returns its value (-1 if none) and byte length.
int ReadSuperscript(std::string_view text, size_t pos, size_t end, size_t* len) {
  int value = -1;
  size_t p = pos;
  while (p < end) {
    char32_t cp;
    int n = DecodeUtf8At(text, p, &cp);
    int d = SuperscriptDigit(cp);
    if (d < 0) break;
    value = (value < 0 ? 0 : value * 10) + d;
    if (value > 9999) break;
    p += n;
  }
  *len = p - pos;
  return value;
}

int ReadBracket(std::string_view text, size_t pos, size_t end, size_t* len) {
  if (pos >= end || text[pos] != '[') return -1;
  size_t p = pos + 1;
  int value = 0;
  while (p < end && p < pos + 5 && text[p] >= '0' && text[p] <= '9') {
    value = value * 10 + (text[p] - '0');
    ++p;
  }
  if (p == pos + 1 || p >= end || text[p] != ']') return -1;
  *len = p + 1 - pos;
  return value;
}

// Words that end an anchor when walking back from a marker: the anchor is the phrase the
// marker qualifies, not the clause around it.
bool StopsAnchor(const std::string& lower) {
  static const std::set<std::string> kStops = {
      "is",   "are", "was",   "were", "be",  "been", "being", "who",   "which", "that", "them",
      "him",  "her", "they",  "we",   "he",  "she",  "it",    "under", "and",   "or",   "by",
      "with", "for", "their", "his",  "its", "our",  "your",  "has",   "have",  "had",  "grant"};
  return kStops.count(lower) > 0;
}

Span AnchorBefore(std::string_view text, size_t line_start, size_t marker_start) {
  // Skip punctuation/markup between the anchor and the marker: "**Name**,²", "state'¹".
  size_t end = marker_start;
  while (end > line_start) {
    char c = text[end - 1];
    if (c == ',' || c == '.' || c == '*' || c == ' ' || c == ';' || c == ':') {
      --end;
      continue;
    }
    break;
  }
  // Quoted or bold phrase: take it whole.
  auto closing_quote = [&](size_t pos, std::string_view q) {
    return pos >= q.size() && text.substr(pos - q.size(), q.size()) == q;
  };
  for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"**", "**"},
                             {"'", "'"},
                             {"‘", "’"},
                             {"“", "”"},
                             {"\"", "\""}}) {
    size_t e = marker_start;
    while (e > line_start && (text[e - 1] == ',' || text[e - 1] == '.' || text[e - 1] == ' ')) --e;
    if (!closing_quote(e, close)) continue;
    size_t inner_end = e - close.size();
    size_t open_pos = text.rfind(open, inner_end == 0 ? 0 : inner_end - 1);
    if (open_pos == std::string_view::npos || open_pos < line_start) continue;
    Span s{open_pos + open.size(), inner_end};
    if (!s.empty() && s.end - s.start < 200) return s;
  }
  std::vector<Token> tokens = Tokenize(text, {line_start, end});
  if (tokens.empty()) return {end, end};
  size_t first = tokens.size();
  for (size_t i = tokens.size(); i-- > 0;) {
    if (tokens.size() - i > 8) break;
    if (StopsAnchor(AsciiLower(tokens[i].text))) break;
    // Punctuation between words closes the phrase.
    if (i + 1 < tokens.size()) {
      std::string_view gap = tokens[i + 1].gap_before;
      static constexpr ByteSet kPunctuation(",;:()\"“”");
      if (kPunctuation.FindFirstIn(gap) != std::string_view::npos) break;
    }
    first = i;
  }
  if (first == tokens.size()) return {end, end};
  return {tokens[first].span.start, end};
}

}  // namespace

std::optional<FootnoteDefinitionLine> ParseFootnoteDefinition(std::string_view text, Span line) {
  Span t = TrimSpan(text, line);
  if (t.empty()) return std::nullopt;
  size_t len = 0;
  int n = ReadSuperscript(text, t.start, t.end, &len);
  if (n < 0) n = ReadBracket(text, t.start, t.end, &len);
  if (n <= 0) return std::nullopt;
  Span rest = TrimSpan(text, {t.start + len, t.end});
  if (rest.empty()) return std::nullopt;
  return FootnoteDefinitionLine{n, rest};
}

std::vector<FootnoteMarker> FindFootnoteMarkers(std::string_view text, Span span) {
  std::vector<FootnoteMarker> out;
  size_t end = std::min(span.end, text.size());
  for (size_t i = span.start; i < end;) {
    // Superscript digits are all beyond ASCII, so an ASCII byte other than '[' starts no marker.
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80 && byte != '[') {
      ++i;
      continue;
    }
    size_t len = 0;
    int n = ReadSuperscript(text, i, end, &len);
    if (n < 0 && text[i] == '[' && i > span.start) n = ReadBracket(text, i, end, &len);
    if (n > 0) {
      out.push_back({n, {i, i + len}, AnchorBefore(text, span.start, i)});
      i += len;
      continue;
    }
    char32_t cp;
    i += std::max(1, DecodeUtf8At(text, i, &cp));
  }
  return out;
}

}  // namespace dossier::importer
