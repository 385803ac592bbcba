#include "importer/signature_parser.h"

#include <algorithm>

#include "absl/strings/str_split.h"
#include "importer/date_parser.h"
#include "importer/recipient_parser.h"
#include "importer/text_util.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

std::vector<Span> Cells(std::string_view text, Span line) {
  std::vector<Span> out;
  size_t start = line.start;
  for (size_t i = line.start; i <= line.end; ++i) {
    if (i == line.end || text[i] == '|') {
      out.push_back(TrimSpan(text, {start, i}));
      start = i + 1;
    }
  }
  return out;
}

OrgCandidate OrgFromSegment(std::string_view text, Span s, const NameRecognizer& r,
                            const std::string& rule) {
  OrgCandidate o;
  o.span = s;
  o.name = std::string(SpanText(text, s));
  static const RE2 kAcr("^(.*?)\\s*\\(([A-Z][A-Za-z&\\-]{1,11})\\)$");
  std::string base, acr;
  if (RE2::FullMatch(re2::StringPiece(o.name.data(), o.name.size()), kAcr, &base, &acr)) {
    o.aliases.push_back(acr);
    o.aliases.push_back(base);
  }
  o.canonical = o.name;
  o.type = r.OrgTypeFor(o.name);
  o.rule = rule;
  return o;
}

// Affiliation text after the name: political group, "MEP", organisations.
void ReadAffiliation(std::string_view text, Span aff, const NameRecognizer& r, const Gazetteer& g,
                     SignatoryEntry* e) {
  aff = TrimSpan(text, aff, ",;()");
  e->affiliation = CollapseSpaces(SpanText(text, aff));
  if (aff.empty()) return;
  std::string_view a = SpanText(text, aff);
  if (const OrgEntry* grp = g.FindPoliticalGroup(a)) {
    OrgCandidate o;
    o.span = aff;
    o.name = std::string(a);
    o.canonical = grp->canonical;
    o.type = grp->type;
    o.aliases = grp->aliases;
    if (!grp->full_name.empty()) o.aliases.push_back(grp->full_name);
    o.rule = "signature-political-group";
    e->group = o;
    e->mep = true;
    return;
  }
  if (a == "MEP") {
    e->mep = true;
    return;
  }
  for (OrgCandidate& o : r.FindOrganisations(text, aff, true)) {
    if (o.type == "political_group") {
      e->group = o;
      e->mep = true;
    } else {
      e->affiliation_orgs.push_back(std::move(o));
    }
  }
}

// "Name, affiliation" / "Name (GROUP)" / "Title Name, role, institution".
std::optional<SignatoryEntry> PersonLine(std::string_view text, Span line, const NameRecognizer& r,
                                         const Gazetteer& g) {
  std::vector<Span> parts = SplitTopLevel(text, line);
  if (parts.empty()) return std::nullopt;
  Span first = parts[0];
  Span aff{first.end, line.end};
  // "Name (GROUP)" or "Dr Name (she/her)": the parenthesis is not part of the name.
  size_t paren = text.find(" (", first.start);
  if (paren != std::string_view::npos && paren < first.end) {
    size_t close = text.find(')', paren);
    Span inside{paren + 2, close == std::string_view::npos ? first.end : close};
    std::string_view in = SpanText(text, inside);
    first = TrimSpan(text, {first.start, paren});
    // "Rachel Denber (Deputy Director)": the parenthesis is the role; pronouns ("she/her")
    // are not an affiliation.
    bool pronouns = in.find('/') != std::string_view::npos && AsciiLower(in) == in;
    if (g.FindPoliticalGroup(in) != nullptr || !pronouns) aff = {inside.start, line.end};
  }
  auto person = r.PersonSegment(text, first);
  if (!person) return std::nullopt;
  // "Name, Coordinator, Alliance, Palangka Raya, 1st August 2019": the date is the letter's,
  // not part of the affiliation.
  if (std::vector<FoundDate> dates = FindDates(text, aff); !dates.empty()) {
    aff.end = dates.front().span.start;
  }
  SignatoryEntry e;
  e.person = person;
  e.evidence = line;
  e.rule = "signature-name-affiliation";
  ReadAffiliation(text, aff, r, g, &e);
  std::string cleaned;
  for (char c : e.affiliation) {
    if (c != '(' && c != ')') cleaned.push_back(c);
  }
  e.affiliation = CollapseSpaces(cleaned);
  for (const std::string& h : person->honorifics) {
    if (h == "MEP") e.mep = true;
  }
  return e;
}

}  // namespace

SignatureParse ParseSignatures(std::string_view text, const std::vector<Span>& lines, bool tail,
                               const NameRecognizer& r, const Gazetteer& g) {
  static const RE2 kNumbered("^\\s*\\d{1,4}[.)]\\s+");
  SignatureParse out;
  std::vector<std::string> headers;
  int name_col = -1;
  // A person signing on a line of its own may have its title and organisation on the lines
  // under it ("Sultana Mirza / Executive Director / Advocates for Labour Rights"): index of
  // that entry while no blank line intervenes, else -1.
  int continued = -1;
  size_t prev_end = 0;
  for (Span raw : lines) {
    Span line = TrimSpan(text, raw);
    std::string_view lt = SpanText(text, line);
    if (line.empty()) continue;
    bool after_blank = true;
    if (prev_end > 0 && prev_end <= line.start) {
      std::string_view gap = text.substr(prev_end, line.start - prev_end);
      after_blank = std::count(gap.begin(), gap.end(), '\n') > 1;
    }
    prev_end = line.end;
    if (after_blank) continued = -1;
    if (MostlyNonLatin(lt)) {
      // A translation of the organisation signing on the line above.
      if (!out.signatories.empty() && out.signatories.back().org &&
          out.signatories.back().rule == "signature-organisation") {
        out.signatories.back().org->aliases.push_back(std::string(lt));
      }
      continue;
    }
    if (lt.find('|') != std::string_view::npos) {
      std::vector<Span> cells = Cells(text, line);
      int found_name = -1;
      for (size_t c = 0; c < cells.size(); ++c) {
        if (AsciiLower(SpanText(text, cells[c])) == "name") found_name = static_cast<int>(c);
      }
      if (found_name >= 0) {
        name_col = found_name;
        headers.clear();
        for (Span c : cells) headers.emplace_back(SpanText(text, c));
        continue;
      }
      if (name_col >= 0 && name_col < static_cast<int>(cells.size())) {
        Span cell = cells[name_col];
        if (cell.empty()) continue;
        // The column says it is a name: mononyms and lowercase names are accepted as written.
        PersonCandidate p;
        std::vector<std::string> hon;
        if (auto seg = r.PersonSegment(text, cell)) {
          p = *seg;
        } else {
          p.span = cell;
          p.full_span = cell;
          p.name = std::string(SpanText(text, cell));
        }
        p.rule = "signature-table-row";
        SignatoryEntry e;
        e.person = p;
        e.evidence = line;
        e.rule = "signature-table-row";
        std::string aff;
        for (size_t c = 0; c < cells.size(); ++c) {
          if (static_cast<int>(c) == name_col || c == 0) continue;
          if (!aff.empty()) aff += "; ";
          if (c < headers.size()) aff += headers[c] + ": ";
          aff += std::string(SpanText(text, cells[c]));
        }
        e.affiliation = aff;
        out.signatories.push_back(std::move(e));
      }
      continue;
    }
    re2::StringPiece sp(lt.data(), lt.size());
    if (RE2::Consume(&sp, kNumbered)) line.start += lt.size() - sp.size();
    lt = SpanText(text, line);

    if (tail) {
      // Drop the date (and what follows it) from a closing tail line.
      std::vector<FoundDate> dates = FindDates(text, line);
      Span before = line;
      if (!dates.empty()) before = TrimSpan(text, {line.start, dates[0].span.start}, ",.;");
      std::vector<Token> tokens = Tokenize(text, before);
      if (!tokens.empty() && g.IsCollectiveHead(tokens[0].text) && !before.empty()) {
        SignatoryEntry e;
        e.org = OrgFromSegment(text, before, r, "signature-collective");
        e.org->type = "group";
        e.evidence = line;
        e.rule = "signature-collective";
        out.signatories.push_back(std::move(e));
        continue;
      }
      bool any_person = false;
      for (PersonCandidate& p : r.FindPersons(text, before)) {
        SignatoryEntry e;
        e.person = p;
        e.evidence = line;
        e.rule = "signature-tail-person";
        out.signatories.push_back(std::move(e));
        any_person = true;
      }
      if (!any_person && !before.empty()) {
        auto orgs = r.FindOrganisations(text, before);
        if (!orgs.empty()) {
          // Prefer the longest organisation named on the line.
          OrgCandidate best = orgs[0];
          for (auto& o : orgs) {
            if (o.span.end - o.span.start > best.span.end - best.span.start) best = o;
          }
          out.sender_org = best;
          for (auto& o : orgs) {
            if (o.rule == "quoted-org-cue") out.sender_org = o;
          }
        }
      }
      continue;
    }

    const bool numbered = line.start != TrimSpan(text, raw).start;
    if (auto e = PersonLine(text, line, r, g)) {
      bool bare = e->affiliation.empty() && !e->group && !e->mep;
      out.signatories.push_back(std::move(*e));
      continued = bare && !numbered ? static_cast<int>(out.signatories.size()) - 1 : -1;
      continue;
    }
    if (continued >= 0 && !numbered) {
      SignatoryEntry& prev = out.signatories[continued];
      if (!prev.affiliation.empty()) prev.affiliation += ", ";
      prev.affiliation += CollapseSpaces(lt);
      prev.evidence.end = line.end;
      for (OrgCandidate& o : r.FindOrganisations(text, line, true)) {
        prev.affiliation_orgs.push_back(std::move(o));
      }
      if (prev.affiliation_orgs.empty() && r.LooksLikeOrganisation(lt)) {
        prev.affiliation_orgs.push_back(
            OrgFromSegment(text, line, r, "signature-affiliation-line"));
      }
      continue;
    }
    if (r.LooksLikeOrganisation(lt)) {
      SignatoryEntry e;
      e.org = OrgFromSegment(text, line, r, "signature-organisation");
      e.evidence = line;
      e.rule = "signature-organisation";
      out.signatories.push_back(std::move(e));
    }
  }
  if (tail && out.sender_org) {
    for (SignatoryEntry& e : out.signatories) {
      if (e.person && e.affiliation.empty()) e.affiliation = out.sender_org->name;
    }
  }
  return out;
}

}  // namespace dossier::importer
