// Entity resolution within one letter: every mention of a person or organisation is attached
// to one entity, merged by normalised key (case, diacritics, script, honorifics, word order and
// spelling variants ignored for persons; acronyms, translations and gazetteer aliases for
// organisations). Every surface form is kept.
#ifndef DOSSIER_IMPORTER_ENTITY_REGISTRY_H_
#define DOSSIER_IMPORTER_ENTITY_REGISTRY_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/name_recognizer.h"

namespace dossier::importer {

class EntityRegistry {
 public:
  EntityRegistry(std::string_view text, const Gazetteer& gazetteer) : text_(text), g_(gazetteer) {}

  // Adds a mention (merging with an existing person when keys agree); returns the person id.
  std::string AddPerson(const PersonCandidate& c);
  // A person named outside running text (title rule, table cell): `name` may differ from the
  // bytes of `span` (e.g. a capitalised heading), the span is still the mention.
  std::string AddPersonName(std::string_view name, Span span,
                            const std::vector<std::string>& honorifics = {});
  std::string AddOrganisation(const OrgCandidate& c);
  // An organisation the text implies without naming it (no mention is recorded).
  std::string AddImpliedOrganisation(std::string_view name, std::string_view type);
  void AddRole(const std::string& person_id, std::string_view role);
  void SetOrgAttribute(const std::string& org_id, const std::string& k, const std::string& v);

  // Person id whose name tokens contain `token` (given name or surname), if exactly one does.
  std::string PersonByToken(std::string_view token) const;
  std::string PersonByKey(const std::string& key) const;
  std::string OrgByName(std::string_view name) const;
  // Adds a mention to an existing entity.
  void AddPersonMention(const std::string& id, Span span);

  bool OverlapsOrgMention(Span span) const;
  const std::vector<Person>& persons() const { return persons_; }
  const std::vector<Organisation>& organisations() const { return orgs_; }
  const Person* person(const std::string& id) const;
  const Organisation* organisation(const std::string& id) const;
  std::vector<Person> TakePersons() {
    person_key_tokens_.clear();
    return std::move(persons_);
  }
  std::vector<Organisation> TakeOrganisations() {
    org_names_taken_.clear();
    return std::move(orgs_);
  }

 private:
  Person* MutablePerson(const std::string& id);
  void AddAlias(std::vector<std::string>* aliases, std::string_view alias);

  std::string_view text_;
  const Gazetteer& g_;
  std::vector<Person> persons_;
  // PersonKeyTokens of each person's canonical name, kept in step with persons_: token lookups
  // run once per capitalised word of the letter, so recomputing them made extraction quadratic.
  std::vector<std::vector<std::string>> person_key_tokens_;
  std::vector<Organisation> orgs_;
  std::map<std::string, size_t> person_by_key_;
  std::map<std::string, size_t> org_by_key_;
  // A gazetteer organisation brings all its names (two dozen for the European Parliament) with
  // every mention: each name's key is computed once a letter, and a name an organisation has
  // already taken (as its canonical name or an alias; neither is ever removed) is not taken again.
  absl::flat_hash_map<std::string, std::string> org_key_of_name_;
  std::vector<absl::flat_hash_set<std::string>> org_names_taken_;  // In step with orgs_.
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_ENTITY_REGISTRY_H_
