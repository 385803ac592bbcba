#include "importer/gazetteer.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "importer/text_util.h"

#ifndef DOSSIER_IMPORTER_DATA_DIR
#define DOSSIER_IMPORTER_DATA_DIR "importer/data"
#endif

namespace dossier::importer {
namespace {

// Data lines of a file: comments and blank lines dropped, trailing CR removed.
absl::StatusOr<std::vector<std::string>> ReadLines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("gazetteer file not readable: ", path));
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (TrimView(line).empty()) continue;
    lines.push_back(line);
  }
  return lines;
}

std::vector<std::string> Columns(const std::string& line) { return absl::StrSplit(line, '\t'); }

std::vector<std::string> ListColumn(const std::vector<std::string>& cols, size_t i) {
  std::vector<std::string> out;
  if (i >= cols.size()) return out;
  for (absl::string_view a : absl::StrSplit(cols[i], '|', absl::SkipEmpty())) {
    std::string s(TrimView(std::string_view(a.data(), a.size())));
    if (!s.empty()) out.push_back(s);
  }
  return out;
}

void SortLongestFirst(std::vector<std::string>* v) {
  std::stable_sort(v->begin(), v->end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

absl::StatusOr<std::vector<OrgEntry>> LoadOrgs(const std::string& path, bool groups) {
  auto lines = ReadLines(path);
  if (!lines.ok()) return lines.status();
  std::vector<OrgEntry> out;
  for (const std::string& line : *lines) {
    std::vector<std::string> cols = Columns(line);
    OrgEntry e;
    e.canonical = std::string(TrimView(cols[0]));
    if (e.canonical.empty()) continue;
    if (groups) {
      e.type = "political_group";
      e.aliases = ListColumn(cols, 1);
      if (cols.size() > 2) e.full_name = std::string(TrimView(cols[2]));
    } else {
      e.type = cols.size() > 1 ? std::string(TrimView(cols[1])) : "institution";
      e.aliases = ListColumn(cols, 2);
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

std::string Gazetteer::DefaultDataDir() {
  if (const char* env = std::getenv("DOSSIER_IMPORTER_DATA"); env != nullptr && *env != '\0') {
    return env;
  }
  return DOSSIER_IMPORTER_DATA_DIR;
}

uint64_t Gazetteer::NextId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

absl::StatusOr<Gazetteer> Gazetteer::Load(std::string_view dir_view) {
  std::string dir(dir_view);
  if (!dir.empty() && dir.back() != '/') dir.push_back('/');
  Gazetteer g;

  auto groups = LoadOrgs(dir + "political_groups.tsv", true);
  if (!groups.ok()) return groups.status();
  g.political_groups_ = std::move(*groups);
  auto inst = LoadOrgs(dir + "institutions.tsv", false);
  if (!inst.ok()) return inst.status();
  g.institutions_ = std::move(*inst);
  for (size_t i = 0; i < g.political_groups_.size(); ++i) {
    g.group_index_[g.political_groups_[i].canonical] = i;
    for (const auto& a : g.political_groups_[i].aliases) g.group_index_[a] = i;
  }
  for (size_t i = 0; i < g.institutions_.size(); ++i) {
    g.institution_index_[g.institutions_[i].canonical] = i;
    for (const auto& a : g.institutions_[i].aliases) g.institution_index_[a] = i;
  }
  uint32_t order = 0;
  for (bool political_group : {false, true}) {
    const std::vector<OrgEntry>& list = political_group ? g.political_groups_ : g.institutions_;
    for (size_t i = 0; i < list.size(); ++i) {
      for (int32_t a = -1; a < static_cast<int32_t>(list[i].aliases.size()); ++a) {
        OrgName name{.order = order++,
                     .political_group = political_group,
                     .entry = static_cast<uint32_t>(i),
                     .alias = a};
        const std::string& text = g.TextOf(name);
        if (text.empty()) continue;
        name.prefix = PatternPrefix(text);
        g.org_names_by_first_byte_[static_cast<unsigned char>(text[0])].push_back(name);
      }
    }
  }

  auto acts = ReadLines(dir + "acts.tsv");
  if (!acts.ok()) return acts.status();
  for (const std::string& line : *acts) {
    std::vector<std::string> cols = Columns(line);
    if (cols.size() < 2) {
      return absl::InvalidArgumentError(absl::StrCat("acts.tsv: need cue<TAB>act: ", line));
    }
    g.acts_.push_back({AsciiLower(TrimView(cols[0])), std::string(TrimView(cols[1])),
                       cols.size() > 2 ? std::string(TrimView(cols[2])) : ""});
  }
  // Longer cues win when two match at one place ("death of" before "death").
  std::stable_sort(g.acts_.begin(), g.acts_.end(),
                   [](const ActCue& a, const ActCue& b) { return a.cue.size() > b.cue.size(); });
  // Indexed in that final order.
  for (uint32_t i = 0; i < g.acts_.size(); ++i) {
    const std::string& cue = g.acts_[i].cue;
    g.act_cue_prefixes_.emplace_back(cue);
    (cue.empty() ? g.empty_act_cues_
                 : g.act_cues_by_first_byte_[static_cast<unsigned char>(cue[0])])
        .push_back(i);
  }

  auto countries = ReadLines(dir + "countries.tsv");
  if (!countries.ok()) return countries.status();
  for (const std::string& line : *countries) {
    std::vector<std::string> cols = Columns(line);
    CountryEntry c;
    c.country = std::string(TrimView(cols[0]));
    c.aliases = ListColumn(cols, 1);
    c.state = cols.size() > 2 ? std::string(TrimView(cols[2])) : c.country;
    size_t idx = g.countries_.size();
    g.country_index_[c.country] = idx;
    for (const auto& a : c.aliases) g.country_index_[a] = idx;
    g.country_index_[c.state] = idx;
    g.countries_.push_back(std::move(c));
  }

  struct WordFile {
    const char* name;
    absl::flat_hash_set<std::string>* set;
    bool lower;
  };
  std::vector<std::string> honorifics, office_lines, agent_lines;
  for (WordFile wf : {WordFile{"org_keywords.txt", &g.org_keywords_, true},
                      WordFile{"common_words.txt", &g.common_words_, false},
                      WordFile{"place_words.txt", &g.place_words_, false},
                      WordFile{"name_particles.txt", &g.particles_, true},
                      WordFile{"collective_heads.txt", &g.collective_heads_, false}}) {
    auto lines = ReadLines(dir + wf.name);
    if (!lines.ok()) return lines.status();
    for (const std::string& l : *lines) {
      std::string w(TrimView(l));
      wf.set->insert(wf.lower ? AsciiLower(w) : w);
    }
  }
  auto hon = ReadLines(dir + "honorifics.txt");
  if (!hon.ok()) return hon.status();
  for (const std::string& l : *hon) g.honorifics_.push_back(std::string(TrimView(l)));
  SortLongestFirst(&g.honorifics_);
  for (const auto& h : g.honorifics_) {
    g.honorific_set_.insert(h);
    for (size_t n = 1; n <= h.size(); ++n) g.honorific_prefixes_.insert(h.substr(0, n));
  }

  auto office = ReadLines(dir + "office_words.txt");
  if (!office.ok()) return office.status();
  for (const std::string& l : *office) {
    std::string w(TrimView(l));
    g.office_words_.push_back(w);
    g.office_set_.insert(AsciiLower(w));
  }
  SortLongestFirst(&g.office_words_);
  for (uint32_t i = 0; i < g.office_words_.size(); ++i) {
    const std::string& w = g.office_words_[i];
    if (w.empty() || w[0] < 'A' || w[0] > 'Z') continue;
    g.capitalised_offices_by_first_byte_[static_cast<unsigned char>(w[0])].push_back(
        {i, PatternPrefix(w)});
  }
  auto agents = ReadLines(dir + "agent_nouns.txt");
  if (!agents.ok()) return agents.status();
  for (const std::string& l : *agents) g.agent_nouns_.push_back(AsciiLower(TrimView(l)));
  SortLongestFirst(&g.agent_nouns_);

  auto cues = ReadLines(dir + "cue_phrases.tsv");
  if (!cues.ok()) return cues.status();
  for (const std::string& line : *cues) {
    std::vector<std::string> cols = Columns(line);
    g.cue_phrases_[AsciiLower(TrimView(cols[0]))] =
        cols.size() > 1 ? std::string(TrimView(cols[1])) : "list";
  }

  auto variants = ReadLines(dir + "spelling_variants.tsv");
  if (!variants.ok()) return variants.status();
  for (const std::string& line : *variants) {
    std::vector<std::string> cols = Columns(line);
    if (cols.size() < 2) continue;
    std::string from(TrimView(cols[0])), to(TrimView(cols[1]));
    if (!from.empty() && from.back() == '$') {
      from.pop_back();
      g.suffix_rules_.push_back({from, to});
    } else {
      g.infix_rules_.push_back({from, to});
    }
  }
  auto aliases = ReadLines(dir + "name_aliases.tsv");
  if (!aliases.ok()) return aliases.status();
  for (const std::string& line : *aliases) {
    std::vector<std::string> cols = Columns(line);
    if (cols.size() < 2) continue;
    g.name_aliases_[AsciiLower(TrimView(cols[0]))] = AsciiLower(TrimView(cols[1]));
  }
  return g;
}

namespace {

// Debian's Abseil has its own string_view, which the hash sets' lookups take without a copy.
absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

}  // namespace

bool Gazetteer::IsHonorific(std::string_view word) const {
  return honorific_set_.contains(AsAbsl(word));
}

bool Gazetteer::StartsSomeHonorific(std::string_view prefix) const {
  return honorific_prefixes_.contains(AsAbsl(prefix));
}

namespace {

// Whether the ASCII-lowercased `word` is in `set`: a word as long as words are is lowercased on
// the stack (these lookups run inside the rules' loops over every token).
bool ContainsLowered(const absl::flat_hash_set<std::string>& set, std::string_view word) {
  char buffer[64];
  if (word.size() > sizeof(buffer)) return set.contains(AsciiLower(word));
  for (size_t i = 0; i < word.size(); ++i) {
    buffer[i] = absl::ascii_tolower(static_cast<unsigned char>(word[i]));
  }
  return set.contains(absl::string_view(buffer, word.size()));
}

}  // namespace

bool Gazetteer::IsOrgKeyword(std::string_view word) const {
  return ContainsLowered(org_keywords_, word);
}

bool Gazetteer::IsCommonWord(std::string_view word) const {
  return common_words_.contains(AsAbsl(word));
}

bool Gazetteer::IsPlaceWord(std::string_view word) const {
  return place_words_.contains(AsAbsl(word));
}

bool Gazetteer::IsNameParticle(std::string_view word) const {
  return particles_.contains(AsAbsl(word));
}

bool Gazetteer::IsOfficeWord(std::string_view word) const {
  return ContainsLowered(office_set_, word);
}

bool Gazetteer::IsCollectiveHead(std::string_view word) const {
  return collective_heads_.contains(AsAbsl(word));
}

const CountryEntry* Gazetteer::FindCountry(std::string_view name) const {
  auto it = country_index_.find(AsAbsl(name));
  return it == country_index_.end() ? nullptr : &countries_[it->second];
}

const OrgEntry* Gazetteer::FindPoliticalGroup(std::string_view name) const {
  auto it = group_index_.find(AsAbsl(name));
  return it == group_index_.end() ? nullptr : &political_groups_[it->second];
}

const OrgEntry* Gazetteer::FindInstitution(std::string_view name) const {
  auto it = institution_index_.find(AsAbsl(name));
  return it == institution_index_.end() ? nullptr : &institutions_[it->second];
}

std::string Gazetteer::CanonicalNameToken(std::string_view token) const {
  std::string t(token);
  if (auto it = name_aliases_.find(t); it != name_aliases_.end()) return it->second;
  for (const auto& [from, to] : suffix_rules_) {
    if (t.size() > from.size() + 1 && t.ends_with(from)) {
      t = t.substr(0, t.size() - from.size()) + to;
      break;
    }
  }
  for (const auto& [from, to] : infix_rules_) {
    size_t pos = 0;
    while ((pos = t.find(from, pos)) != std::string::npos) {
      t.replace(pos, from.size(), to);
      pos += to.size();
    }
  }
  return t;
}

}  // namespace dossier::importer
