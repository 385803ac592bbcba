#include "importer/recipient_parser.h"

#include <algorithm>

#include "importer/text_util.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

bool HasDigit(std::string_view s) {
  for (char c : s) {
    if (c >= '0' && c <= '9') return true;
  }
  return false;
}

bool HasLatin(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += std::max(1, DecodeUtf8At(s, i, &cp));
    if (IsLatinLetter(cp)) return true;
  }
  return false;
}

std::string CleanTitle(std::string_view t) {
  std::string s = CollapseSpaces(t);
  while (!s.empty() && (s.back() == ',' || s.back() == '.' || s.back() == ':' || s.back() == '!')) {
    s.pop_back();
  }
  for (const char* lead : {"the ", "The "}) {
    if (s.rfind(lead, 0) == 0) s = s.substr(4);
  }
  return s;
}

bool HasOfficeWord(std::string_view line, const Gazetteer& g) {
  for (const Token& t : Tokenize(line, {0, line.size()})) {
    if (t.upper_initial && g.IsOfficeWord(t.text)) return true;
  }
  return false;
}

// "Name, Title" where the first part is a person.
std::optional<RecipientEntry> NameCommaTitle(std::string_view text, Span line,
                                             const NameRecognizer& r) {
  std::vector<Span> parts = SplitTopLevel(text, line);
  if (parts.empty()) return std::nullopt;
  // The name is normally first, but "High Commissioner, Ms. Bachelet" puts it last.
  for (size_t i = 0; i < parts.size(); ++i) {
    auto person = r.PersonSegment(text, parts[i]);
    if (!person) continue;
    RecipientEntry e;
    e.person = person;
    std::string title;
    for (size_t j = 0; j < parts.size(); ++j) {
      if (j == i) continue;
      if (!title.empty()) title += ", ";
      title += std::string(SpanText(text, parts[j]));
    }
    e.title = CleanTitle(title);
    if (e.title.empty()) e.title = person->title_before;
    e.evidence = line;
    e.rule = "recipient-name-title";
    return e;
  }
  return std::nullopt;
}

// In an address list, "He xun, Prosecutor General of X": the title carries an office word,
// so a short capitalised first part is a name even when it spells like a common word.
std::optional<RecipientEntry> ListedNameTitle(std::string_view text, Span line,
                                              const Gazetteer& g) {
  std::vector<Span> parts = SplitTopLevel(text, line);
  if (parts.size() < 2) return std::nullopt;
  std::vector<Token> name = Tokenize(text, parts[0]);
  if (name.size() < 2 || name.size() > 3 || !name[0].upper_initial) return std::nullopt;
  for (const Token& t : name) {
    if (t.has_digit || g.IsOrgKeyword(t.text) || g.IsOfficeWord(t.text)) return std::nullopt;
  }
  Span rest = TrimSpan(text, {parts[1].start, line.end});
  if (!HasOfficeWord(SpanText(text, rest), g)) return std::nullopt;
  RecipientEntry e;
  PersonCandidate p;
  p.span = parts[0];
  p.full_span = parts[0];
  p.name = std::string(SpanText(text, parts[0]));
  p.rule = "listed-name-title";
  e.person = p;
  e.title = CleanTitle(SpanText(text, rest));
  e.evidence = line;
  e.rule = "recipient-listed-name-title";
  return e;
}

}  // namespace

std::vector<Span> SplitTopLevel(std::string_view text, Span span, char sep) {
  std::vector<Span> out;
  int depth = 0;
  size_t start = span.start;
  for (size_t i = span.start; i < span.end && i < text.size(); ++i) {
    char c = text[i];
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (c == sep && depth == 0) {
      Span p = TrimSpan(text, {start, i});
      if (!p.empty()) out.push_back(p);
      start = i + 1;
    }
  }
  Span p = TrimSpan(text, {start, std::min(span.end, text.size())});
  if (!p.empty()) out.push_back(p);
  return out;
}

std::vector<RecipientEntry> ParseRecipientBlock(std::string_view text,
                                                const std::vector<Span>& lines,
                                                const NameRecognizer& r, const Gazetteer& g) {
  static const RE2 kTo("^\\s*To\\s*:\\s*");
  std::vector<RecipientEntry> out;
  std::optional<Span> pending_title;
  for (Span line : lines) {
    std::string_view lt = SpanText(text, line);
    re2::StringPiece sp(lt.data(), lt.size());
    if (RE2::Consume(&sp, kTo)) line.start += lt.size() - sp.size();
    line = TrimSpan(text, line);
    lt = SpanText(text, line);
    if (line.empty() || !HasLatin(lt)) continue;  // Translations of the Latin lines.
    if (auto whole = r.PersonSegment(text, line)) {
      RecipientEntry e;
      e.person = whole;
      e.evidence = line;
      if (pending_title) {
        e.title = CleanTitle(SpanText(text, *pending_title));
        e.evidence = {pending_title->start, line.end};
        pending_title.reset();
      }
      e.rule = "recipient-block-name";
      out.push_back(std::move(e));
      continue;
    }
    // Postal address ("Jalan RTA Milono No. 1, Palangka Raya"): its parts are not names.
    if (HasDigit(lt)) continue;
    if (auto e = NameCommaTitle(text, line, r)) {
      out.push_back(std::move(*e));
      continue;
    }
    if (auto e = ListedNameTitle(text, line, g)) {
      out.push_back(std::move(*e));
      continue;
    }
    // Lines under a name, with no blank line between: "Mr. Budi Santoso / Governor of Central
    // Kalimantan / Office of X". The first title line is that person's title (the title may
    // also stand above the name); an institution line under it completes the title.
    bool under_name =
        !pending_title && !out.empty() && out.back().person &&
        out.back().rule == "recipient-block-name" && out.back().evidence.end <= line.start &&
        std::count(text.begin() + out.back().evidence.end, text.begin() + line.start, '\n') <= 1;
    if (under_name && (HasOfficeWord(lt, g) || r.LooksLikeOrganisation(lt))) {
      RecipientEntry& prev = out.back();
      prev.title = prev.title.empty() ? CleanTitle(lt) : prev.title + ", " + CleanTitle(lt);
      prev.evidence.end = line.end;
      continue;
    }
    if (HasOfficeWord(lt, g)) {
      if (pending_title) {
        RecipientEntry e;
        e.title = CleanTitle(SpanText(text, *pending_title));
        e.evidence = *pending_title;
        e.rule = "recipient-block-title";
        out.push_back(std::move(e));
      }
      pending_title = line;
      continue;
    }
    if (r.LooksLikeOrganisation(lt) && out.empty() && !pending_title) {
      RecipientEntry e;
      OrgCandidate o;
      o.span = line;
      o.name = CleanTitle(lt);
      o.canonical = o.name;
      o.type = r.OrgTypeFor(o.name);
      o.rule = "recipient-block-org";
      e.org = o;
      e.evidence = line;
      e.rule = "recipient-block-org";
      out.push_back(std::move(e));
    }
  }
  if (pending_title) {
    RecipientEntry e;
    e.title = CleanTitle(SpanText(text, *pending_title));
    e.evidence = *pending_title;
    e.rule = "recipient-block-title";
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<RecipientEntry> ParseSalutation(std::string_view text, Span line,
                                            const NameRecognizer& r) {
  static const RE2 kLead(
      "^\\s*(?:Dear|Your Excellenc(?:y|ies)|Excellency|To whom it may concern)\\b[ ,]*");
  std::vector<RecipientEntry> out;
  std::string_view lt = SpanText(text, line);
  re2::StringPiece sp(lt.data(), lt.size());
  Span content = line;
  if (RE2::Consume(&sp, kLead)) content.start += lt.size() - sp.size();
  content = TrimSpan(text, content, ",:!;.");
  if (content.empty()) return out;
  if (auto e = NameCommaTitle(text, content, r)) {
    e->evidence = line;
    e->rule = "salutation-name-title";
    out.push_back(std::move(*e));
    return out;
  }
  // Institutions: "Foreign, Commonwealth and Development Office (FCDO) and the X team".
  std::string_view ct = SpanText(text, content);
  if (!r.LooksLikeOrganisation(ct)) return out;
  std::vector<Span> parts;
  size_t start = content.start;
  size_t pos = content.start;
  while (true) {
    size_t hit = text.find(" and the ", pos);
    if (hit == std::string_view::npos || hit >= content.end) break;
    parts.push_back(TrimSpan(text, {start, hit}));
    start = hit + 9;
    pos = start;
  }
  parts.push_back(TrimSpan(text, {start, content.end}));
  for (Span p : parts) {
    std::string_view pt = SpanText(text, p);
    if (!r.LooksLikeOrganisation(pt)) continue;
    OrgCandidate o;
    o.span = p;
    o.name = std::string(pt);
    static const RE2 kAcr("^(.*?)\\s*\\(([A-Z][A-Za-z&]{1,11})\\)$");
    std::string base, acr;
    if (RE2::FullMatch(re2::StringPiece(pt.data(), pt.size()), kAcr, &base, &acr)) {
      o.aliases.push_back(acr);
    }
    o.canonical = o.name;
    o.type = r.OrgTypeFor(o.name);
    o.rule = "salutation-org";
    RecipientEntry e;
    e.org = o;
    e.evidence = line;
    e.rule = "salutation-org";
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<RecipientEntry> ParseCopyList(std::string_view text, const std::vector<Span>& lines,
                                          const NameRecognizer& r, const Gazetteer& g) {
  static const RE2 kCopy("^\\s*(?:Copy|Copies|Cc|CC|cc|c\\.c\\.|Copied to|Copy to)\\s*:\\s*");
  static const RE2 kBullet("^\\s*(?:[-•*]|\\d{1,3}[.)])\\s+");
  std::vector<RecipientEntry> out;
  // "cc: A, Minister; B, Ambassador": entries are lines, or ';'-separated parts of a line.
  std::vector<Span> entries;
  for (Span line : lines) {
    std::string_view lt = SpanText(text, line);
    re2::StringPiece sp(lt.data(), lt.size());
    if (RE2::Consume(&sp, kCopy)) line.start += lt.size() - sp.size();
    for (Span part : SplitTopLevel(text, line, ';')) entries.push_back(part);
  }
  for (Span line : entries) {
    std::string_view lt = SpanText(text, line);
    re2::StringPiece sp(lt.data(), lt.size());
    if (RE2::Consume(&sp, kBullet)) line.start += lt.size() - sp.size();
    line = TrimSpan(text, line);
    lt = SpanText(text, line);
    if (line.empty()) continue;
    // "MEPs A, B and C": a plural title over a list of names.
    std::vector<Token> tokens = Tokenize(text, line);
    if (!tokens.empty() && tokens[0].text.size() > 2 && tokens[0].text.back() == 's' &&
        g.IsHonorific(tokens[0].text) && tokens.size() > 1) {
      std::string title(tokens[0].text.substr(0, tokens[0].text.size() - 1));
      Span rest = TrimSpan(text, {tokens[0].span.end, line.end});
      for (Span part : SplitTopLevel(text, rest)) {
        // "A and B" at the end of the list.
        std::vector<Span> names;
        size_t and_pos = text.find(" and ", part.start);
        if (and_pos != std::string_view::npos && and_pos < part.end) {
          names.push_back(TrimSpan(text, {part.start, and_pos}));
          names.push_back(TrimSpan(text, {and_pos + 5, part.end}));
        } else {
          names.push_back(part);
        }
        for (Span n : names) {
          if (auto p = r.PersonSegment(text, n)) {
            RecipientEntry e;
            e.person = p;
            e.person->honorifics.emplace_back(tokens[0].text);
            e.title = title;
            e.evidence = line;
            e.rule = "copy-list-titled-names";
            out.push_back(std::move(e));
          }
        }
      }
      continue;
    }
    if (auto whole = r.PersonSegment(text, line)) {
      RecipientEntry e;
      e.person = whole;
      e.evidence = line;
      e.rule = "copy-list-name";
      out.push_back(std::move(e));
      continue;
    }
    if (auto e = NameCommaTitle(text, line, r)) {
      e->rule = "copy-list-name-title";
      out.push_back(std::move(*e));
      continue;
    }
    if (r.LooksLikeOrganisation(lt)) {
      OrgCandidate o;
      o.span = line;
      o.name = CleanTitle(lt);
      o.canonical = o.name;
      o.type = r.OrgTypeFor(o.name);
      o.rule = "copy-list-org";
      RecipientEntry e;
      e.org = o;
      e.evidence = line;
      e.rule = "copy-list-org";
      out.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace dossier::importer
