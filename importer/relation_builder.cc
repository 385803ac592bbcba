#include "importer/relation_builder.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <set>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "importer/footnotes.h"
#include "importer/text_util.h"
#include "importer/url_extractor.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

std::string TitleCase(std::string_view s) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  u.toTitle(nullptr);
  std::string out;
  u.toUTF8String(out);
  return out;
}

bool IsRoleNoun(std::string_view w) {
  static const std::set<std::string> kRoles = {
      "activist",   "journalist", "defender", "defenders", "lawyer",    "blogger",
      "scholar",    "professor",  "member",   "writer",    "dissident", "student",
      "researcher", "mother",     "father",   "wife",      "husband",   "daughter",
      "son",        "prisoner",   "mep",      "advocate"};
  return kRoles.count(AsciiLower(w)) > 0;
}

}  // namespace

Evidence RelationBuilder::MakeEvidence(Span span, const std::string& rule,
                                       std::optional<int> footnote) const {
  Evidence e;
  e.span = span;
  e.quote = std::string(SpanText(text_, span));
  e.rule = rule;
  e.footnote = footnote;
  return e;
}

void RelationBuilder::Add(RelationType type, Endpoint from, Endpoint to, Evidence ev,
                          std::map<std::string, std::string> attrs) {
  // A statement found twice is kept once. A letter makes a hundred or more: only one whose
  // type and endpoints hash as an earlier one's is compared with the others.
  const uint64_t hash =
      absl::HashOf(static_cast<int>(type), static_cast<int>(from.kind), absl::string_view(from.id),
                   static_cast<int>(to.kind), absl::string_view(to.id));
  if (!statement_hashes_.insert(hash).second) {
    for (const Relation& r : x_->relations) {
      if (r.type == type && r.from.kind == from.kind && r.to.kind == to.kind &&
          r.from.id == from.id && r.to.id == to.id && r.attributes == attrs) {
        return;
      }
    }
  }
  Relation r;
  r.type = type;
  r.from = from;
  r.to = to;
  r.evidence = std::move(ev);
  r.attributes = std::move(attrs);
  x_->relations.push_back(std::move(r));
}

Span RelationBuilder::EnclosingLine(Span span) const {
  size_t start = span.start;
  while (start > 0 && text_[start - 1] != '\n') --start;
  size_t end = text_.find('\n', span.end);
  if (end == std::string_view::npos) end = text_.size();
  return TrimSpan(text_, {start, end});
}

void RelationBuilder::AddSources(const ZonedLetter& z, const std::map<int, size_t>& fn) {
  for (size_t i = 0; i < z.lines.size(); ++i) {
    if (z.kinds[i] == ZoneKind::kBlank) continue;
    for (const FoundUrl& u : FindUrls(text_, z.lines[i].span)) {
      Source s;
      s.id = absl::StrCat("S", x_->sources.size() + 1);
      s.url = u.url;
      s.key = NormalizeUrlKey(u.url);
      s.span = u.span;
      if (z.footnote[i] > 0 && fn.count(z.footnote[i])) s.footnote = z.footnote[i];
      x_->sources.push_back(std::move(s));
    }
  }
}

void RelationBuilder::AddTitleSender(Span phrase, const NameRecognizer& r, SignatureParse* sigs) {
  std::vector<Token> tokens = Tokenize(text_, phrase);
  size_t start = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsRoleNoun(tokens[i].text)) start = i + 1;
  }
  if (start == 0 || tokens.size() - start < 2 || tokens.size() - start > 4) return;
  for (size_t i = start; i < tokens.size(); ++i) {
    if (!tokens[i].upper_initial || g_.IsOrgKeyword(tokens[i].text)) return;
  }
  Span name{tokens[start].span.start, tokens.back().span.end};
  PersonCandidate p;
  p.span = name;
  p.full_span = name;
  std::string_view surface = SpanText(text_, name);
  p.name = tokens[start].all_upper ? TitleCase(surface) : std::string(surface);
  p.rule = "title-letter-from";
  SignatoryEntry e;
  e.person = p;
  e.evidence = TrimSpan(text_, EnclosingLine(phrase));
  e.rule = "title-letter-from";
  e.affiliation = "";
  sigs->signatories.insert(sigs->signatories.begin(), std::move(e));
  (void)r;
}

std::vector<std::string> RelationBuilder::AddSignatories(const SignatureParse& sigs) {
  std::vector<std::string> ids;
  for (const SignatoryEntry& s : sigs.signatories) {
    std::map<std::string, std::string> attrs;
    if (!s.affiliation.empty()) attrs["affiliation"] = s.affiliation;
    if (s.person) {
      std::string id = reg_->AddPersonName(s.person->name, s.person->span, s.person->honorifics);
      if (id.empty()) continue;
      bool dup = std::find(ids.begin(), ids.end(), id) != ids.end();
      ids.push_back(id);
      if (dup && s.rule == "title-letter-from") continue;
      if (!s.affiliation.empty()) reg_->AddRole(id, s.affiliation);
      // The tail line names the person; the title names the same person again.
      Add(RelationType::kSigned, PersonEnd(id), LetterEnd(), MakeEvidence(s.evidence, s.rule),
          attrs);
      if (s.group) {
        std::string gid = reg_->AddOrganisation(*s.group);
        Add(RelationType::kMemberOf, PersonEnd(id), OrgEnd(gid),
            MakeEvidence(s.evidence, "signature-group-membership"),
            {{"group_as_stated", s.group->name}});
      }
      if (s.mep) {
        if (const OrgEntry* ep = g_.FindInstitution("European Parliament")) {
          OrgCandidate c;
          c.name = ep->canonical;
          c.canonical = ep->canonical;
          c.type = ep->type;
          c.aliases = ep->aliases;
          std::string eid = reg_->AddOrganisation(c);
          Add(RelationType::kMemberOf, PersonEnd(id), OrgEnd(eid, /*implied=*/true),
              MakeEvidence(s.evidence, "mep-of-political-group"),
              {{"implied_reason", "member of a European Parliament political group"},
               {"title", "MEP"}});
        }
      }
      for (const OrgCandidate& o : s.affiliation_orgs) {
        std::string oid = reg_->AddOrganisation(o);
        Add(RelationType::kMemberOf, PersonEnd(id), OrgEnd(oid),
            MakeEvidence(s.evidence, "signature-affiliation"), {{"affiliation", s.affiliation}});
      }
    } else if (s.org) {
      std::string oid = reg_->AddOrganisation(*s.org);
      Add(RelationType::kSigned, OrgEnd(oid), LetterEnd(), MakeEvidence(s.evidence, s.rule), attrs);
    }
  }
  return ids;
}

const CountryEntry* RelationBuilder::CountryIn(Span span, Span* where) const {
  std::vector<Token> tokens = Tokenize(text_, span);
  for (size_t i = 0; i < tokens.size(); ++i) {
    for (size_t k = std::min<size_t>(3, tokens.size() - i); k >= 1; --k) {
      Span sp{tokens[i].span.start, tokens[i + k - 1].span.end};
      std::string_view s = SpanText(text_, sp);
      const CountryEntry* c = g_.FindCountry(s);
      if (c == nullptr && tokens[i + k - 1].period_after) {
        c = g_.FindCountry(std::string(s) + ".");
        sp.end += c != nullptr ? 1 : 0;
      }
      if (c != nullptr) {
        if (where != nullptr) *where = sp;
        return c;
      }
    }
  }
  return nullptr;
}

std::string RelationBuilder::StateOrg(const CountryEntry& c) {
  OrgCandidate o;
  o.name = c.state;
  o.canonical = c.state;
  o.type = "state";
  o.aliases = {c.country};
  return reg_->AddOrganisation(o);
}

std::string RelationBuilder::OrgInTitle(Span title) {
  NameRecognizer r(g_);
  std::vector<OrgCandidate> orgs = r.FindOrganisations(text_, title);
  const OrgCandidate* best = nullptr;
  for (const OrgCandidate& o : orgs) {
    if (o.rule == "gazetteer-political-group") continue;
    if (best == nullptr || o.span.end - o.span.start > best->span.end - best->span.start) best = &o;
  }
  if (best != nullptr) return reg_->AddOrganisation(*best);
  Span where;
  if (const CountryEntry* c = CountryIn(title, &where)) {
    // The state as the title names it ("Chinese", "the United States").
    OrgCandidate o;
    o.span = where;
    o.name = std::string(SpanText(text_, where));
    o.canonical = c->state;
    o.type = "state";
    o.aliases = {c->country};
    return reg_->AddOrganisation(o);
  }
  return "";
}

std::vector<std::string> RelationBuilder::AddRecipients(const std::vector<RecipientEntry>& entries,
                                                        RelationType type) {
  std::vector<std::string> ids;
  for (const RecipientEntry& e : entries) {
    std::map<std::string, std::string> attrs;
    if (!e.title.empty()) attrs["title"] = e.title;
    Span title_span;
    if (!e.title.empty()) {
      size_t p = text_.find(e.title, e.evidence.start);
      if (p != std::string_view::npos && p + e.title.size() <= e.evidence.end) {
        title_span = {p, p + e.title.size()};
        if (type == RelationType::kAddressedTo) addressee_titles_.push_back(title_span);
      }
    }
    if (e.person) {
      std::string id = reg_->AddPersonName(e.person->name, e.person->span, e.person->honorifics);
      if (id.empty()) continue;
      ids.push_back(id);
      if (!e.title.empty()) reg_->AddRole(id, e.title);
      Add(type, LetterEnd(), PersonEnd(id), MakeEvidence(e.evidence, e.rule), attrs);
      if (!title_span.empty()) {
        std::string oid = OrgInTitle(title_span);
        if (!oid.empty()) {
          Add(RelationType::kHoldsOffice, PersonEnd(id), OrgEnd(oid),
              MakeEvidence(e.evidence, "recipient-title-office"), attrs);
        }
      }
    } else if (e.org) {
      std::string oid = reg_->AddOrganisation(*e.org);
      Add(type, LetterEnd(), OrgEnd(oid), MakeEvidence(e.evidence, e.rule), attrs);
    } else if (!title_span.empty()) {
      // Only a title ("The President of X"): the office's organisation is the recipient.
      std::string oid = OrgInTitle(title_span);
      if (!oid.empty()) {
        Add(type, LetterEnd(), OrgEnd(oid), MakeEvidence(e.evidence, e.rule), attrs);
      }
    }
  }
  return ids;
}

void RelationBuilder::NoteSentence(const std::string& person_id, Span sentence) {
  first_sentence_.emplace(person_id, sentence);
}

const CountryEntry* RelationBuilder::LetterState(const std::vector<SentenceInfo>& sentences) {
  std::map<const CountryEntry*, int> counts;
  for (Span t : addressee_titles_) {
    if (const CountryEntry* c = CountryIn(t)) counts[c] += 3;
  }
  if (title_) {
    if (const CountryEntry* c = CountryIn(*title_)) counts[c] += 2;
  }
  for (const SentenceInfo& s : sentences) {
    std::vector<Token> tokens = Tokenize(text_, s.span);
    for (const Token& t : tokens) {
      if (const CountryEntry* c = g_.FindCountry(t.text)) ++counts[c];
    }
  }
  const CountryEntry* best = nullptr;
  int n = 0;
  for (auto [c, k] : counts) {
    if (k > n) {
      n = k;
      best = c;
    }
  }
  return best;
}

void RelationBuilder::AddPersecutions(const std::vector<PersecutionFinding>& findings,
                                      const std::vector<SentenceInfo>& sentences) {
  const CountryEntry* state = LetterState(sentences);
  std::string antecedent;  // Last explicitly named authority ("the Uzbek authorities").
  for (const PersecutionFinding& f : findings) {
    std::map<std::string, std::string> attrs = {{"act", f.act}, {"cue", f.cue}};
    if (!f.status.empty()) attrs["status"] = f.status;
    std::string persecutor;
    bool implied = false;
    if (f.agent && !f.agent->bare) {
      OrgCandidate o;
      o.span = f.agent->span;
      o.name = f.agent->text;
      if (o.name.rfind("the ", 0) == 0 || o.name.rfind("The ", 0) == 0) o.name = o.name.substr(4);
      o.canonical = o.name;
      o.type = f.agent->authority ? "state" : "state_body";
      persecutor = reg_->AddOrganisation(o);
      if (f.agent->authority) antecedent = persecutor;
      attrs["persecutor_as_stated"] = f.agent->text;
    } else if (f.agent && !f.agent->authority && state != nullptr) {
      // "police", "officers": named, but their state only implied.
      OrgCandidate o;
      o.span = f.agent->span;
      o.name = f.agent->text;
      o.canonical = absl::StrCat(f.agent->text, " (", state->country, ")");
      o.type = "state_body";
      persecutor = reg_->AddOrganisation(o);
      attrs["persecutor_as_stated"] = f.agent->text;
      attrs["state_implied"] = state->state;
    } else {
      implied = true;
      if (f.agent) attrs["persecutor_as_stated"] = f.agent->text;
      if (!antecedent.empty()) {
        persecutor = antecedent;
        attrs["implied_reason"] = "the authorities named earlier in the letter";
      } else if (state != nullptr) {
        persecutor = StateOrg(*state);
        attrs["implied_reason"] = "the state the letter is addressed to or about";
      } else {
        persecutor = reg_->AddImpliedOrganisation("unidentified authorities", "state");
        attrs["implied_reason"] = "no state identified";
      }
    }
    if (!implied) attrs.erase("implied_reason");
    attrs["implied"] = implied ? "true" : "false";
    Add(RelationType::kPersecutedBy, PersonEnd(f.victim_id), OrgEnd(persecutor, implied),
        MakeEvidence(f.evidence, f.rule), attrs);
    for (const std::string& agent : f.agent_person_ids) {
      if (agent == f.victim_id) continue;
      std::map<std::string, std::string> a = {{"act", f.act}, {"cue", f.cue}, {"implied", "false"}};
      Add(RelationType::kPersecutedBy, PersonEnd(f.victim_id), PersonEnd(agent),
          MakeEvidence(f.evidence, "persecution-agent-person"), a);
    }
  }
}

void RelationBuilder::AddMemberships(const std::vector<SentenceInfo>& sentences,
                                     const NameRecognizer& r) {
  static const RE2 kMember(
      "^[*\"”’'\\s]*,\\s+(?:a|an|the)?\\s*(?:[a-z]+\\s+){0,2}?(member|supporter|activist|leader|"
      "founder|co-founder|editor|journalist|director|head|chair(?:man|woman|person)?|"
      "coordinator|lawyer)\\s+(?:of|at|with|for)\\s+");
  for (const SentenceInfo& s : sentences) {
    const std::vector<OrgCandidate>& orgs = s.organisations;
    for (const SentenceMention& m : s.mentions) {
      std::string_view after = SpanText(text_, {m.span.end, s.span.end});
      re2::StringPiece in(after.data(), after.size());
      std::string role;
      re2::StringPiece whole = in;
      if (!RE2::Consume(&in, kMember, &role)) continue;
      size_t window_start = m.span.end + (in.data() - whole.data());
      for (const OrgCandidate& o : orgs) {
        if (o.span.start >= window_start && o.span.start < window_start + 80) {
          std::string oid = reg_->AddOrganisation(o);
          Add(RelationType::kMemberOf, PersonEnd(m.person_id), OrgEnd(oid),
              MakeEvidence(s.span, "appositive-membership"), {{"role", role}});
          break;
        }
      }
    }
  }
}

void RelationBuilder::AddCitations() {
  static const RE2 kMdLink("\\[([^\\]\\n]{1,200})\\]\\(\\s*$");
  for (const Source& s : x_->sources) {
    std::map<std::string, std::string> attrs;
    Span line = EnclosingLine(s.span);
    std::optional<int> fn;
    if (s.footnote) {
      fn = s.footnote;
      attrs["footnote"] = std::to_string(*s.footnote);
      for (const Footnote& f : x_->footnotes) {
        if (f.number == *s.footnote && !f.anchor.empty()) attrs["anchor"] = f.anchor;
      }
    } else {
      std::string_view before = SpanText(text_, {line.start, s.span.start});
      // The link's text is only looked for when the URL follows "](": the regex's bounded
      // repetition made its unanchored search of the line cost 0.27 M instructions a source.
      std::string_view tail = before;
      while (!tail.empty() && (tail.back() == ' ' || tail.back() == '\t' || tail.back() == '\n' ||
                               tail.back() == '\f' || tail.back() == '\r')) {
        tail.remove_suffix(1);
      }
      re2::StringPiece in(before.data(), before.size());
      std::string anchor;
      if (tail.ends_with("](") && RE2::PartialMatch(in, kMdLink, &anchor)) attrs["anchor"] = anchor;
    }
    Add(RelationType::kCitedIn, {EndpointKind::kSource, s.id, false}, LetterEnd(),
        MakeEvidence(line, s.footnote ? "footnote-url" : "inline-url", fn), attrs);
  }
}

void RelationBuilder::AddMentions(const ZonedLetter& z) {
  auto evidence_for = [&](Span mention) {
    for (Span s : x_->letter.sentences) {
      if (s.Contains(mention)) return s;
    }
    return EnclosingLine(mention);
  };
  for (const Person& p : reg_->persons()) {
    if (p.mentions.empty()) continue;
    Span first = p.mentions.front().span;
    for (const Mention& m : p.mentions) first = m.span.start < first.start ? m.span : first;
    Add(RelationType::kMentionedIn, PersonEnd(p.id), LetterEnd(),
        MakeEvidence(evidence_for(first), "first-mention"),
        {{"mentions", std::to_string(p.mentions.size())}});
  }
  for (const Organisation& o : reg_->organisations()) {
    if (o.mentions.empty()) continue;
    Span first = o.mentions.front().span;
    for (const Mention& m : o.mentions) first = m.span.start < first.start ? m.span : first;
    Add(RelationType::kMentionedIn, OrgEnd(o.id), LetterEnd(),
        MakeEvidence(evidence_for(first), "first-mention"),
        {{"mentions", std::to_string(o.mentions.size())}});
  }
  (void)z;
}

}  // namespace dossier::importer
