#include "importer/letter_metadata.h"

#include <map>

#include "absl/strings/ascii.h"
#include "importer/byte_set.h"
#include "importer/date_parser.h"
#include "importer/text_util.h"
#include "re2/re2.h"

namespace dossier::importer {

DatePlace FindLetterDate(std::string_view text, const ZonedLetter& z, const Gazetteer* g) {
  DatePlace out;
  auto take = [&](int line) -> bool {
    Span l = z.lines[line].span;
    std::vector<FoundDate> dates = FindDates(text, l);
    if (dates.empty()) return false;
    // The date closing a signature line is the last one on it.
    const FoundDate& d = z.kinds[line] == ZoneKind::kSignature ? dates.back() : dates.front();
    out.iso = d.iso;
    out.span = d.span;
    // "Brussels, 16 October 2020" or "... 2026. Nukus, Karakalpakstan."
    Span before = TrimSpan(text, {l.start, d.span.start}, ",. ");
    Span after = TrimSpan(text, {d.span.end, l.end}, ",. ");
    auto is_place = [&](Span s) {
      std::vector<Token> tokens = Tokenize(text, s);
      if (tokens.empty() || tokens.size() > 4) return false;
      for (const Token& t : tokens) {
        if (!t.upper_initial || t.has_digit) return false;
      }
      std::string_view st = SpanText(text, s);
      static constexpr ByteSet kStops(".:;");
      return kStops.FindFirstIn(st) == std::string_view::npos;
    };
    if (!before.empty() && is_place(before)) {
      out.place = std::string(SpanText(text, before));
    } else if (!after.empty() && is_place(after)) {
      out.place = std::string(SpanText(text, after));
    } else if (g != nullptr && z.kinds[line] == ZoneKind::kSignature && !before.empty()) {
      // "Name, Coordinator, Alliance, Palangka Raya, <date>": with a name and a role before it,
      // the last part is the place if no word of it names an organisation, office or title.
      std::vector<Span> parts;
      size_t start = before.start;
      for (size_t i = before.start; i <= before.end; ++i) {
        if (i == before.end || text[i] == ',') {
          parts.push_back(TrimSpan(text, {start, i}));
          start = i + 1;
        }
      }
      if (parts.size() >= 3 && is_place(parts.back())) {
        bool plain = true;
        for (const Token& t : Tokenize(text, parts.back())) {
          plain &= !g->IsOrgKeyword(t.text) && !g->IsOfficeWord(t.text) && !g->IsHonorific(t.text);
        }
        if (plain) out.place = std::string(SpanText(text, parts.back()));
      }
    }
    return true;
  };
  // A header place/date line first, then a date-bearing signature line, then the last line.
  for (int i = 0; i < static_cast<int>(z.lines.size()); ++i) {
    if (z.kinds[i] == ZoneKind::kPlaceDate && take(i)) return out;
  }
  for (int i = static_cast<int>(z.lines.size()) - 1; i >= 0; --i) {
    if (z.kinds[i] == ZoneKind::kSignature && IsPlaceDateLine(z.lines[i].text) && take(i)) {
      return out;
    }
  }
  for (int i = static_cast<int>(z.lines.size()) - 1; i >= 0; --i) {
    if (z.kinds[i] != ZoneKind::kSignature) continue;
    std::vector<FoundDate> dates = FindDates(text, z.lines[i].span);
    if (!dates.empty() && take(i)) return out;
  }
  return out;
}

LanguageGuess GuessLanguages(std::string_view text, const ZonedLetter& z) {
  std::map<std::string, int> lines_by_lang;
  static const RE2 kEnglish("(?i)\\b(?:the|and|of|to|we|is|are|in)\\b");
  for (size_t i = 0; i < z.lines.size(); ++i) {
    ZoneKind k = z.kinds[i];
    if (k == ZoneKind::kBlank || k == ZoneKind::kLetterhead || k == ZoneKind::kFootnote) continue;
    std::string_view t = z.lines[i].text;
    int latin = 0, cjk = 0, cyr = 0, other = 0;
    for (size_t p = 0; p < t.size();) {
      if (static_cast<unsigned char>(t[p]) < 0x80) {  // Most of a letter: no decoding.
        latin += absl::ascii_isalpha(static_cast<unsigned char>(t[p])) ? 1 : 0;
        ++p;
        continue;
      }
      char32_t cp;
      p += std::max(1, DecodeUtf8At(t, p, &cp));
      if (IsCjk(cp)) {
        ++cjk;
      } else if (IsCyrillic(cp)) {
        ++cyr;
      } else if (IsLatinLetter(cp)) {
        ++latin;
      } else if (IsLetter(cp)) {
        ++other;
      }
    }
    std::string lang;
    if (cjk > 0 && cjk * 2 >= latin) {
      lang = "zh";
    } else if (cyr > latin) {
      lang = "ru";
    } else if (latin > 0) {
      // A short Latin line counts as English; a long one needs one English function word.
      lang = latin < 40 || RE2::PartialMatch(re2::StringPiece(t.data(), t.size()), kEnglish)
                 ? "en"
                 : "und";
    } else if (other > 0) {
      lang = "und";
    }
    if (!lang.empty()) ++lines_by_lang[lang];
  }
  LanguageGuess g;
  int total = 0, best = 0;
  for (auto& [lang, n] : lines_by_lang) total += n;
  for (auto& [lang, n] : lines_by_lang) {
    if (n > best) {
      best = n;
      g.main = lang;
    }
  }
  if (g.main.empty()) g.main = "und";
  g.all.push_back(g.main);
  for (auto& [lang, n] : lines_by_lang) {
    if (lang != g.main && lang != "und" && total > 0 && n * 100 >= total * 15)
      g.all.push_back(lang);
  }
  return g;
}

std::optional<Span> TitleSenderPhrase(std::string_view text, Span title) {
  static const RE2 kFrom("(?i)\\bletter\\s+from\\s+(.+?)\\s+(?:to|on|regarding|calling)\\s");
  static const RE2 kBy("\\bby\\s+([A-Z][^,.;]{3,80})$");
  std::string_view t = SpanText(text, title);
  re2::StringPiece in(t.data(), t.size());
  re2::StringPiece m;
  if (RE2::PartialMatch(in, kFrom, &m) || RE2::PartialMatch(in, kBy, &m)) {
    size_t start = title.start + (m.data() - t.data());
    return Span{start, start + m.size()};
  }
  return std::nullopt;
}

std::optional<Span> OnBehalfOfPhrase(std::string_view text, Span line) {
  static const RE2 kBehalf("\\bon behalf of\\s+([^.;:]{3,80}?)\\s*[.;:]");
  std::string_view t = SpanText(text, line);
  re2::StringPiece in(t.data(), t.size());
  re2::StringPiece m;
  if (RE2::PartialMatch(in, kBehalf, &m)) {
    size_t start = line.start + (m.data() - t.data());
    return Span{start, start + m.size()};
  }
  return std::nullopt;
}

}  // namespace dossier::importer
