#include "importer/date_parser.h"

#include <algorithm>
#include <cstdio>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "importer/text_util.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

constexpr char kMonth[] =
    "(January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";

int MonthNumber(std::string_view m) {
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string lower = AsciiLower(m.substr(0, 3));
  for (int i = 0; i < 12; ++i) {
    if (lower == kNames[i]) return i + 1;
  }
  return 0;
}

bool ValidDay(int y, int m, int d) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  if (d > kDays[m - 1]) return false;
  if (m == 2 && d == 29) return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return true;
}

std::string Iso(int y, int m, int d) {
  char buf[40];  // Room for any three ints, though callers pass a checked date.
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

struct Pattern {
  const RE2* re;
  // Capture order: which group is day, month, year; month_is_name.
  int day, month, year;
  bool month_name;
};

const std::vector<Pattern>& Patterns() {
  static const RE2* kDmy =
      new RE2(std::string("\\b(\\d{1,2})(?:st|nd|rd|th)?\\.? ") + kMonth + ",? (\\d{4})\\b");
  static const RE2* kMdy =
      new RE2(std::string("\\b") + kMonth + " (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b");
  static const RE2* kDots = new RE2("\\b(\\d{1,2})[./](\\d{1,2})[./](\\d{4})\\b");
  static const RE2* kIso = new RE2("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  static const std::vector<Pattern> kList = {{kDmy, 1, 2, 3, true},
                                             {kMdy, 2, 1, 3, true},
                                             {kDots, 1, 2, 3, false},
                                             {kIso, 3, 2, 1, false}};
  return kList;
}

// Every pattern has a four-digit year: most of what is searched (names, lines of a signature
// block) has none, and a run of digits is cheaper to look for than four expressions.
bool HasFourDigits(std::string_view s) {
  int run = 0;
  for (char c : s) {
    run = absl::ascii_isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

}  // namespace

std::vector<FoundDate> FindDates(std::string_view text, Span span) {
  std::vector<FoundDate> out;
  std::string_view region = SpanText(text, span);
  if (!HasFourDigits(region)) return out;
  for (const Pattern& p : Patterns()) {
    re2::StringPiece input(region.data(), region.size());
    re2::StringPiece groups[4];
    size_t pos = 0;
    while (pos < region.size() &&
           p.re->Match(input, pos, region.size(), RE2::UNANCHORED, groups, 4)) {
      int d = 0, m = 0, y = 0;
      auto num = [&](int g) {
        int v = 0;
        if (!absl::SimpleAtoi(absl::string_view(groups[g].data(), groups[g].size()), &v)) v = 0;
        return v;
      };
      d = num(p.day);
      y = num(p.year);
      m = p.month_name
              ? MonthNumber(std::string_view(groups[p.month].data(), groups[p.month].size()))
              : num(p.month);
      size_t start = groups[0].data() - region.data();
      size_t end = start + groups[0].size();
      if (ValidDay(y, m, d)) {
        out.push_back({Iso(y, m, d), {span.start + start, span.start + end}});
      }
      pos = end > pos ? end : pos + 1;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FoundDate& a, const FoundDate& b) { return a.span.start < b.span.start; });
  // A date found by two patterns keeps its first (longest) reading.
  std::vector<FoundDate> dedup;
  for (const FoundDate& f : out) {
    if (!dedup.empty() && f.span.start < dedup.back().span.end) continue;
    dedup.push_back(f);
  }
  return dedup;
}

std::optional<std::string> ParseDate(std::string_view s) {
  Span all{0, s.size()};
  Span trimmed = TrimSpan(s, all, ".,;:()");
  std::vector<FoundDate> found = FindDates(s, trimmed);
  if (found.size() != 1) return std::nullopt;
  Span rest_before{trimmed.start, found[0].span.start};
  Span rest_after{found[0].span.end, trimmed.end};
  if (!TrimSpan(s, rest_before, ".,").empty() || !TrimSpan(s, rest_after, ".,").empty()) {
    return std::nullopt;
  }
  return found[0].iso;
}

}  // namespace dossier::importer
