// General vocabulary the extraction rules rely on, loaded from the text files in a data
// directory (importer/data by default) so that analysts can extend it without recompiling.
#ifndef DOSSIER_IMPORTER_GAZETTEER_H_
#define DOSSIER_IMPORTER_GAZETTEER_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "importer/pattern_prefix.h"

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

  // Distinct for every gazetteer loaded in the process (a copy keeps its original's), so that
  // memos of answers derived from one are never read for another.
  uint64_t id() const { return id_; }

  const std::vector<OrgEntry>& political_groups() const { return political_groups_; }
  const std::vector<OrgEntry>& institutions() const { return institutions_; }
  const std::vector<ActCue>& acts() const { return acts_; }
  const std::vector<CountryEntry>& countries() const { return countries_; }
  const std::vector<std::string>& honorifics() const { return honorifics_; }  // Longest first.
  const std::vector<std::string>& office_words() const { return office_words_; }
  // The office words that begin with the capital `first_byte` ("President", "Prime Minister"),
  // with their first bytes, to search a text for all of them in one pass over its word starts.
  struct CapitalisedOffice {
    uint32_t index;  // Into office_words().
    PatternPrefix prefix;
  };
  const std::vector<CapitalisedOffice>& CapitalisedOfficesStartingWith(
      unsigned char first_byte) const {
    return capitalised_offices_by_first_byte_[first_byte];
  }
  const std::vector<std::string>& agent_nouns() const { return agent_nouns_; }  // Longest first.
  const std::map<std::string, std::string>& cue_phrases() const { return cue_phrases_; }

  bool IsHonorific(std::string_view word) const;  // "Dr", "Dr.", "H.E."...
  // True if some honorific begins with these bytes (exact case).
  bool StartsSomeHonorific(std::string_view prefix) const;
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

  // Indices into acts() of the cues beginning with `first_byte`, in order; and of the empty
  // cues (which match at every word boundary).
  const std::vector<uint32_t>& ActCuesStartingWith(unsigned char first_byte) const {
    return act_cues_by_first_byte_[first_byte];
  }
  const std::vector<uint32_t>& EmptyActCues() const { return empty_act_cues_; }
  // The first bytes of acts()[index].cue.
  const PatternPrefix& ActCuePrefix(uint32_t index) const { return act_cue_prefixes_[index]; }

  // One name (canonical or alias) of an institution or political group. `order` numbers them
  // institutions first, then groups; by entry; the canonical name, then the aliases in order.
  struct OrgName {
    uint32_t order;
    bool political_group;
    uint32_t entry;        // Index into institutions() or political_groups().
    int32_t alias;         // Index into the entry's aliases; -1 for its canonical name.
    PatternPrefix prefix;  // Of the name's text.
  };
  // The names beginning with `first_byte`, by order: a text is searched for all of them in one
  // pass over its bytes instead of once per name.
  const std::vector<OrgName>& OrgNamesStartingWith(unsigned char first_byte) const {
    return org_names_by_first_byte_[first_byte];
  }
  const OrgEntry& EntryOf(const OrgName& name) const {
    return (name.political_group ? political_groups_ : institutions_)[name.entry];
  }
  const std::string& TextOf(const OrgName& name) const {
    const OrgEntry& e = EntryOf(name);
    return name.alias < 0 ? e.canonical : e.aliases[static_cast<size_t>(name.alias)];
  }

 private:
  static uint64_t NextId();

  uint64_t id_ = NextId();
  std::vector<OrgEntry> political_groups_;
  std::vector<OrgEntry> institutions_;
  std::vector<ActCue> acts_;
  std::vector<CountryEntry> countries_;
  std::vector<std::string> honorifics_;
  std::vector<std::string> office_words_;
  std::vector<std::string> agent_nouns_;
  std::map<std::string, std::string> cue_phrases_;
  absl::flat_hash_set<std::string> honorific_set_;
  absl::flat_hash_set<std::string> honorific_prefixes_;
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
  absl::flat_hash_map<std::string, std::string> name_aliases_;
  std::array<std::vector<OrgName>, 256> org_names_by_first_byte_;
  std::array<std::vector<uint32_t>, 256> act_cues_by_first_byte_;
  std::vector<uint32_t> empty_act_cues_;
  std::vector<PatternPrefix> act_cue_prefixes_;  // By index into acts_.
  std::array<std::vector<CapitalisedOffice>, 256> capitalised_offices_by_first_byte_;
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_GAZETTEER_H_
