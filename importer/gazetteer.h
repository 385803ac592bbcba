// General vocabulary the extraction rules rely on, loaded from the text files in a data
// directory (importer/data by default) so that analysts can extend it without recompiling.
#ifndef DOSSIER_IMPORTER_GAZETTEER_H_
#define DOSSIER_IMPORTER_GAZETTEER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"

namespace dossier::importer {

struct OrgEntry {
  std::string canonical;
  std::string type;  // political_group, institution, ngo, media, platform...
  std::vector<std::string> aliases;
  std::string full_name;
};

struct ActCue {
  std::string cue;  // Lowercase.
  std::string act;
  std::string status;
};

struct CountryEntry {
  std::string country;
  std::vector<std::string> aliases;  // Demonyms and other names.
  std::string state;
};

class Gazetteer {
 public:
  // Reads every file of the directory described in importer/data/README.md.
  static absl::StatusOr<Gazetteer> Load(std::string_view dir);
  // The compiled-in source path of importer/data (DOSSIER_IMPORTER_DATA_DIR), unless the
  // environment variable DOSSIER_IMPORTER_DATA overrides it.
  static std::string DefaultDataDir();

  const std::vector<OrgEntry>& political_groups() const { return political_groups_; }
  const std::vector<OrgEntry>& institutions() const { return institutions_; }
  const std::vector<ActCue>& acts() const { return acts_; }
  const std::vector<CountryEntry>& countries() const { return countries_; }
  const std::vector<std::string>& honorifics() const { return honorifics_; }  // Longest first.
  const std::vector<std::string>& office_words() const { return office_words_; }
  const std::vector<std::string>& agent_nouns() const { return agent_nouns_; }  // Longest first.
  const std::map<std::string, std::string>& cue_phrases() const { return cue_phrases_; }

  bool IsHonorific(std::string_view word) const;   // "Dr", "Dr.", "H.E."...
  bool IsOrgKeyword(std::string_view word) const;  // Case-insensitive first letter.
  bool IsCommonWord(std::string_view word) const;
  bool IsPlaceWord(std::string_view word) const;
  bool IsNameParticle(std::string_view word) const;
  bool IsOfficeWord(std::string_view word) const;  // Single-word entries, case-insensitive.
  bool IsCollectiveHead(std::string_view word) const;
  // Country by any name or demonym ("Kazakhstani" -> Kazakhstan entry).
  const CountryEntry* FindCountry(std::string_view name) const;
  // Political group by canonical name or alias, exact case.
  const OrgEntry* FindPoliticalGroup(std::string_view name) const;
  // Institution by canonical name or alias, exact case.
  const OrgEntry* FindInstitution(std::string_view name) const;
  // Rewrites a lowercase ASCII name token through the variant tables (Tokaev -> tokaev ->
  // tokaev; Tokayev -> tokaev).
  std::string CanonicalNameToken(std::string_view lower_ascii_token) const;

 private:
  std::vector<OrgEntry> political_groups_;
  std::vector<OrgEntry> institutions_;
  std::vector<ActCue> acts_;
  std::vector<CountryEntry> countries_;
  std::vector<std::string> honorifics_;
  std::vector<std::string> office_words_;
  std::vector<std::string> agent_nouns_;
  std::map<std::string, std::string> cue_phrases_;
  absl::flat_hash_set<std::string> honorific_set_;
  absl::flat_hash_set<std::string> org_keywords_;  // Lowercase.
  absl::flat_hash_set<std::string> common_words_;
  absl::flat_hash_set<std::string> place_words_;
  absl::flat_hash_set<std::string> particles_;
  absl::flat_hash_set<std::string> office_set_;  // Lowercase.
  absl::flat_hash_set<std::string> collective_heads_;
  absl::flat_hash_map<std::string, size_t> country_index_;
  absl::flat_hash_map<std::string, size_t> group_index_;
  absl::flat_hash_map<std::string, size_t> institution_index_;
  std::vector<std::pair<std::string, std::string>> suffix_rules_;  // from (no '$'), to; anchored.
  std::vector<std::pair<std::string, std::string>> infix_rules_;
  std::map<std::string, std::string> name_aliases_;
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_GAZETTEER_H_
