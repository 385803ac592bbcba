#include "importer/entity_registry.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "importer/name_normalizer.h"
#include "importer/text_util.h"

namespace dossier::importer {
namespace {

bool AllCaps(std::string_view s) {
  int letters = 0, uppers = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += std::max(1, DecodeUtf8At(s, i, &cp));
    if (IsLetter(cp)) {
      ++letters;
      uppers += IsUpperLetter(cp) ? 1 : 0;
    }
  }
  return letters > 0 && letters == uppers;
}

}  // namespace

void EntityRegistry::AddAlias(std::vector<std::string>* aliases, std::string_view alias) {
  std::string a = CollapseSpaces(alias);
  if (a.empty()) return;
  if (std::find(aliases->begin(), aliases->end(), a) == aliases->end()) aliases->push_back(a);
}

Person* EntityRegistry::MutablePerson(const std::string& id) {
  for (Person& p : persons_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Person* EntityRegistry::person(const std::string& id) const {
  for (const Person& p : persons_) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Organisation* EntityRegistry::organisation(const std::string& id) const {
  for (const Organisation& o : orgs_) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

std::string EntityRegistry::PersonByKey(const std::string& key) const {
  auto it = person_by_key_.find(key);
  return it == person_by_key_.end() ? "" : persons_[it->second].id;
}

std::string EntityRegistry::AddPersonName(std::string_view name, Span span,
                                          const std::vector<std::string>& honorifics) {
  std::vector<std::string> tokens = PersonKeyTokens(name, g_);
  // NormalizePersonKey(name), from the tokens already at hand.
  std::vector<std::string> sorted_tokens = tokens;
  std::sort(sorted_tokens.begin(), sorted_tokens.end());
  const std::string key = absl::StrJoin(sorted_tokens, " ");
  if (key.empty()) return "";
  size_t index;
  auto it = person_by_key_.find(key);
  if (it == person_by_key_.end() && tokens.size() >= 3) {
    // "Chevenor Huang Xueqin": a leading title word before a known name.
    std::vector<std::string> tail(tokens.begin() + 1, tokens.end());
    std::sort(tail.begin(), tail.end());
    it = person_by_key_.find(absl::StrJoin(tail, " "));
  }
  if (it != person_by_key_.end()) {
    index = it->second;
  } else {
    Person p;
    p.id = absl::StrCat("P", persons_.size() + 1);
    p.canonical_name = CollapseSpaces(name);
    p.key = key;
    index = persons_.size();
    persons_.push_back(std::move(p));
    person_key_tokens_.push_back(PersonKeyTokens(persons_.back().canonical_name, g_));
    person_by_key_[key] = index;
  }
  Person& p = persons_[index];
  // A mixed-case spelling reads better than a capitalised heading.
  if (AllCaps(p.canonical_name) && !AllCaps(name) && tokens.size() >= 2) {
    p.canonical_name = CollapseSpaces(name);
    person_key_tokens_[index] = PersonKeyTokens(p.canonical_name, g_);
  }
  AddAlias(&p.aliases, name);
  for (const std::string& h : honorifics) AddAlias(&p.honorifics, h);
  if (!span.empty()) {
    AddAlias(&p.aliases, SpanText(text_, span));
    bool seen = false;
    for (const Mention& m : p.mentions) seen |= m.span == span;
    if (!seen) p.mentions.push_back({span, std::string(SpanText(text_, span))});
  }
  return p.id;
}

std::string EntityRegistry::AddPerson(const PersonCandidate& c) {
  return AddPersonName(c.name, c.span, c.honorifics);
}

void EntityRegistry::AddPersonMention(const std::string& id, Span span) {
  Person* p = MutablePerson(id);
  if (p == nullptr) return;
  for (const Mention& m : p->mentions) {
    if (m.span.start < span.end && span.start < m.span.end) return;  // Overlaps a mention.
  }
  p->mentions.push_back({span, std::string(SpanText(text_, span))});
  AddAlias(&p->aliases, SpanText(text_, span));
}

void EntityRegistry::AddRole(const std::string& person_id, std::string_view role) {
  if (Person* p = MutablePerson(person_id)) AddAlias(&p->roles, role);
}

std::string EntityRegistry::PersonByToken(std::string_view token) const {
  std::string t = FoldToAsciiLower(token);
  t = g_.CanonicalNameToken(t);
  std::string found;
  for (size_t i = 0; i < persons_.size(); ++i) {
    const std::vector<std::string>& tokens = person_key_tokens_[i];
    if (tokens.size() < 2) continue;
    if (std::find(tokens.begin(), tokens.end(), t) != tokens.end()) {
      if (!found.empty() && found != persons_[i].id) return "";  // Ambiguous.
      found = persons_[i].id;
    }
  }
  return found;
}

std::string EntityRegistry::OrgByName(std::string_view name) const {
  auto it = org_by_key_.find(NormalizeOrgKey(name));
  return it == org_by_key_.end() ? "" : orgs_[it->second].id;
}

std::string EntityRegistry::AddOrganisation(const OrgCandidate& c) {
  std::vector<std::string> names = {c.canonical, c.name};
  for (const std::string& a : c.aliases) names.push_back(a);
  // Normalised once: folding goes through ICU and each name is looked up, then indexed.
  std::vector<std::string> keys;
  keys.reserve(names.size());
  for (const std::string& n : names) {
    auto [it, inserted] = org_key_of_name_.try_emplace(n);
    if (inserted) it->second = NormalizeOrgKey(n);
    keys.push_back(it->second);
  }
  size_t index = orgs_.size();
  for (const std::string& k : keys) {
    auto it = org_by_key_.find(k);
    if (it != org_by_key_.end()) {
      index = it->second;
      break;
    }
  }
  if (index == orgs_.size()) {
    Organisation o;
    o.id = absl::StrCat("O", orgs_.size() + 1);
    o.canonical_name = CollapseSpaces(c.canonical);
    o.key = keys[0];
    o.type = c.type;
    orgs_.push_back(std::move(o));
    org_names_taken_.emplace_back();
  }
  Organisation& o = orgs_[index];
  for (size_t i = 0; i < names.size(); ++i) {
    if (keys[i].empty()) continue;
    if (!org_names_taken_[index].insert(names[i]).second) continue;
    org_by_key_.emplace(keys[i], index);
    if (names[i] != o.canonical_name) AddAlias(&o.aliases, names[i]);
  }
  if (!c.span.empty()) {
    bool seen = false;
    for (const Mention& m : o.mentions) seen |= m.span == c.span;
    if (!seen) o.mentions.push_back({c.span, std::string(SpanText(text_, c.span))});
  }
  return o.id;
}

bool EntityRegistry::OverlapsOrgMention(Span span) const {
  for (const Organisation& o : orgs_) {
    for (const Mention& m : o.mentions) {
      if (m.span.start < span.end && span.start < m.span.end) return true;
    }
  }
  return false;
}

std::string EntityRegistry::AddImpliedOrganisation(std::string_view name, std::string_view type) {
  OrgCandidate c;
  c.name = std::string(name);
  c.canonical = c.name;
  c.type = std::string(type);
  return AddOrganisation(c);
}

void EntityRegistry::SetOrgAttribute(const std::string& org_id, const std::string& k,
                                     const std::string& v) {
  for (Organisation& o : orgs_) {
    if (o.id == org_id) o.attributes[k] = v;
  }
}

}  // namespace dossier::importer
