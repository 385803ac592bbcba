#include "importer/scorer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_split.h"
#include "importer/letter_parser.h"
#include "importer/name_normalizer.h"
#include "importer/text_util.h"
#include "importer/url_extractor.h"

namespace dossier::importer {
namespace {

std::vector<std::string> Words(const std::string& key) {
  return absl::StrSplit(key, ' ', absl::SkipEmpty());
}

bool SubsetOf(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& w : a) {
    if (std::find(b.begin(), b.end(), w) == b.end()) return false;
  }
  return true;
}

bool PersonNamesMatch(const std::string& a, const std::string& b) {
  std::string ka = NormalizePersonKey(a), kb = NormalizePersonKey(b);
  if (ka.empty() || kb.empty()) return false;
  if (ka == kb) return true;
  std::vector<std::string> wa = Words(ka), wb = Words(kb);
  if (wa.size() > wb.size()) std::swap(wa, wb);
  return wa.size() >= 2 && SubsetOf(wa, wb);
}

bool ContainsWords(const std::string& hay, const std::string& needle) {
  if (needle.size() < 4) return hay == needle;
  size_t p = hay.find(needle);
  while (p != std::string::npos) {
    bool left = p == 0 || hay[p - 1] == ' ';
    bool right = p + needle.size() == hay.size() || hay[p + needle.size()] == ' ';
    if (left && right) return true;
    p = hay.find(needle, p + 1);
  }
  return false;
}

// "Koshe Party (Koshe Partiyasy)" -> {"Koshe Party (Koshe Partiyasy)", "Koshe Party",
// "Koshe Partiyasy"}; "A / B" -> {A, B}.
std::vector<std::string> Alternatives(const std::string& name) {
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(name, " / ")) {
    std::string p(part);
    out.push_back(p);
    size_t open = p.find('(');
    size_t close = p.rfind(')');
    if (open != std::string::npos && close != std::string::npos && close > open) {
      out.push_back(p.substr(0, open));
      out.push_back(p.substr(open + 1, close - open - 1));
    }
  }
  return out;
}

bool OrgNamesMatch(const std::string& expected, const std::vector<std::string>& names) {
  for (const std::string& alt : Alternatives(expected)) {
    std::string ke = NormalizeOrgKey(alt);
    if (ke.empty()) continue;
    for (const std::string& n : names) {
      std::string kn = NormalizeOrgKey(n);
      if (kn.empty()) continue;
      if (kn == ke || ContainsWords(kn, ke) || ContainsWords(ke, kn)) return true;
    }
  }
  return false;
}

struct Item {
  std::string label;
  std::vector<std::string> org_names;  // Empty for a person.
  std::string person_name;
  std::string title;
};

bool ItemsMatch(const Item& expected, const Item& got) {
  if (!expected.person_name.empty()) {
    if (!got.person_name.empty() && PersonNamesMatch(expected.person_name, got.person_name)) {
      return true;
    }
    if (!got.org_names.empty() && OrgNamesMatch(expected.person_name, got.org_names)) return true;
    return false;
  }
  // Expected only a title: match the title.
  if (!expected.title.empty()) {
    std::vector<std::string> names = got.org_names;
    if (!got.title.empty()) names.push_back(got.title);
    return OrgNamesMatch(expected.title, names);
  }
  return false;
}

FieldScore ScoreItems(const std::vector<Item>& expected, const std::vector<Item>& got) {
  FieldScore s;
  s.expected = static_cast<int>(expected.size());
  s.predicted = static_cast<int>(got.size());
  for (const Item& e : expected) {
    bool hit = std::any_of(got.begin(), got.end(), [&](const Item& g) { return ItemsMatch(e, g); });
    s.expected_matched += hit ? 1 : 0;
    if (!hit) s.missed.push_back(e.label);
  }
  for (const Item& g : got) {
    bool hit = std::any_of(expected.begin(), expected.end(),
                           [&](const Item& e) { return ItemsMatch(e, g); });
    s.predicted_matched += hit ? 1 : 0;
    if (!hit) s.spurious.push_back(g.label);
  }
  return s;
}

Item EndpointItem(const LetterExtraction& x, const Endpoint& e,
                  const std::map<std::string, std::string>& attrs) {
  Item it;
  if (auto t = attrs.find("title"); t != attrs.end()) it.title = t->second;
  if (e.kind == EndpointKind::kPerson) {
    if (const Person* p = x.FindPerson(e.id)) {
      it.person_name = p->canonical_name;
      it.label = p->canonical_name;
    }
  } else if (e.kind == EndpointKind::kOrganisation) {
    if (const Organisation* o = x.FindOrganisation(e.id)) {
      it.org_names = o->aliases;
      it.org_names.push_back(o->canonical_name);
      it.label = o->canonical_name;
    }
  }
  return it;
}

std::vector<Item> RelationItems(const LetterExtraction& x, RelationType type, bool from_side) {
  std::vector<Item> out;
  std::vector<std::string> seen;
  for (const Relation& r : x.relations) {
    if (r.type != type) continue;
    const Endpoint& e = from_side ? r.from : r.to;
    if (std::find(seen.begin(), seen.end(), e.id) != seen.end()) continue;
    seen.push_back(e.id);
    out.push_back(EndpointItem(x, e, r.attributes));
  }
  return out;
}

std::vector<Item> ExpectedItems(const nlohmann::json& list) {
  std::vector<Item> out;
  if (!list.is_array()) return out;
  for (const auto& e : list) {
    Item it;
    if (e.is_string()) {
      it.person_name = e.get<std::string>();
    } else if (e.is_object()) {
      if (e.contains("name") && e["name"].is_string())
        it.person_name = e["name"].get<std::string>();
      if (e.contains("title") && e["title"].is_string()) it.title = e["title"].get<std::string>();
    }
    it.label = !it.person_name.empty() ? it.person_name : it.title;
    out.push_back(it);
  }
  return out;
}

FieldScore ScoreSingle(const std::optional<std::string>& got, const nlohmann::json& expected,
                       bool loose) {
  FieldScore s;
  std::string e = expected.is_string() ? expected.get<std::string>() : "";
  std::string g = got.value_or("");
  s.expected = 1;
  s.predicted = 1;
  std::string ke = NormalizeOrgKey(e), kg = NormalizeOrgKey(g);
  bool match = ke == kg || (loose && !ke.empty() && !kg.empty() &&
                            (ContainsWords(ke, kg) || ContainsWords(kg, ke)));
  s.expected_matched = s.predicted_matched = match ? 1 : 0;
  if (!match) {
    s.missed.push_back(e.empty() ? "(none)" : e);
    s.spurious.push_back(g.empty() ? "(none)" : g);
  }
  return s;
}

std::string Fmt(double v) {
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%.2f", v);
  return buf;
}

}  // namespace

void FieldScore::Add(const FieldScore& o) {
  predicted += o.predicted;
  predicted_matched += o.predicted_matched;
  expected += o.expected;
  expected_matched += o.expected_matched;
  precision_defined = precision_defined && o.precision_defined;
}

const std::vector<std::string>& ScoredFields() {
  static const std::vector<std::string> kFields = {
      "signatories", "addressees", "copied_to", "persons_persecuted",
      "cited_urls",  "date",       "place",     "organisations_mentioned"};
  return kFields;
}

absl::StatusOr<LetterScore> ScoreAgainstExpected(const LetterExtraction& x,
                                                 const nlohmann::json& exp) {
  if (!exp.is_object()) return absl::InvalidArgumentError("expected JSON must be an object");
  LetterScore score;
  score["signatories"] =
      ScoreItems(ExpectedItems(exp.value("signatories", nlohmann::json::array())),
                 RelationItems(x, RelationType::kSigned, true));
  score["addressees"] = ScoreItems(ExpectedItems(exp.value("addressees", nlohmann::json::array())),
                                   RelationItems(x, RelationType::kAddressedTo, false));
  score["copied_to"] = ScoreItems(ExpectedItems(exp.value("copied_to", nlohmann::json::array())),
                                  RelationItems(x, RelationType::kCopiedTo, false));
  std::vector<Item> victims;
  for (Item& it : RelationItems(x, RelationType::kPersecutedBy, true)) victims.push_back(it);
  score["persons_persecuted"] =
      ScoreItems(ExpectedItems(exp.value("persons_persecuted", nlohmann::json::array())), victims);

  FieldScore urls;
  std::vector<std::string> got_urls, exp_urls;
  for (const Source& s : x.sources) {
    if (std::find(got_urls.begin(), got_urls.end(), s.key) == got_urls.end())
      got_urls.push_back(s.key);
  }
  for (const auto& u : exp.value("cited_urls", nlohmann::json::array())) {
    if (u.is_string()) exp_urls.push_back(NormalizeUrlKey(u.get<std::string>()));
  }
  urls.expected = static_cast<int>(exp_urls.size());
  urls.predicted = static_cast<int>(got_urls.size());
  for (const std::string& u : exp_urls) {
    bool hit = std::find(got_urls.begin(), got_urls.end(), u) != got_urls.end();
    urls.expected_matched += hit;
    if (!hit) urls.missed.push_back(u);
  }
  for (const std::string& u : got_urls) {
    bool hit = std::find(exp_urls.begin(), exp_urls.end(), u) != exp_urls.end();
    urls.predicted_matched += hit;
    if (!hit) urls.spurious.push_back(u);
  }
  score["cited_urls"] = urls;
  score["date"] = ScoreSingle(x.letter.date, exp.value("date", nlohmann::json()), false);
  score["place"] = ScoreSingle(x.letter.place, exp.value("place", nlohmann::json()), true);

  // Organisations: the expected list is a recall check only.
  FieldScore orgs;
  orgs.precision_defined = false;
  for (const auto& e : exp.value("organisations_mentioned", nlohmann::json::array())) {
    if (!e.is_string()) continue;
    ++orgs.expected;
    bool hit = false;
    for (const Organisation& o : x.organisations) {
      std::vector<std::string> names = o.aliases;
      names.push_back(o.canonical_name);
      if (OrgNamesMatch(e.get<std::string>(), names)) hit = true;
    }
    orgs.expected_matched += hit;
    if (!hit) orgs.missed.push_back(e.get<std::string>());
  }
  score["organisations_mentioned"] = orgs;
  return score;
}

absl::StatusOr<LetterScore> ScoreAgainstExpected(const LetterExtraction& x,
                                                 std::string_view expected_json) {
  nlohmann::json j = nlohmann::json::parse(expected_json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return absl::InvalidArgumentError("expected file is not valid JSON");
  return ScoreAgainstExpected(x, j);
}

void PrintScoreTable(const std::vector<std::pair<std::string, LetterScore>>& letters,
                     std::ostream& out, bool verbose) {
  LetterScore total;
  char line[256];
  std::snprintf(line, sizeof(line), "%-54s %-24s %9s %9s %7s\n", "letter", "field", "precision",
                "recall", "exp");
  out << line;
  for (const auto& [name, score] : letters) {
    for (const std::string& f : ScoredFields()) {
      auto it = score.find(f);
      if (it == score.end()) continue;
      const FieldScore& s = it->second;
      total[f].Add(s);
      std::snprintf(line, sizeof(line), "%-54s %-24s %9s %9s %7d\n", name.substr(0, 54).c_str(),
                    f.c_str(), s.precision_defined ? Fmt(s.Precision()).c_str() : "-",
                    Fmt(s.Recall()).c_str(), s.expected);
      out << line;
      if (verbose) {
        for (const std::string& m : s.missed) out << "      missed:   " << m << "\n";
        if (s.precision_defined) {
          for (const std::string& m : s.spurious) out << "      spurious: " << m << "\n";
        }
      }
    }
  }
  for (const std::string& f : ScoredFields()) {
    const FieldScore& s = total[f];
    std::snprintf(line, sizeof(line), "%-54s %-24s %9s %9s %7d\n", "TOTAL (micro-averaged)",
                  f.c_str(), s.precision_defined ? Fmt(s.Precision()).c_str() : "-",
                  Fmt(s.Recall()).c_str(), s.expected);
    out << line;
  }
}

int ScoreCorpus(const std::string& corpus_dir, const std::string& data_dir, std::ostream& out,
                bool verbose) {
  auto g = Gazetteer::Load(data_dir);
  if (!g.ok()) {
    out << "cannot load gazetteer: " << g.status() << "\n";
    return 1;
  }
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".txt")) files.push_back(entry.path());
  }
  if (ec) {
    out << "cannot read " << corpus_dir << ": " << ec.message() << "\n";
    return 1;
  }
  std::sort(files.begin(), files.end());
  std::vector<std::pair<std::string, LetterScore>> scores;
  for (const auto& path : files) {
    std::filesystem::path exp_path = path;
    exp_path.replace_extension(".expected.json");
    std::ifstream in(path, std::ios::binary), ein(exp_path, std::ios::binary);
    if (!ein) continue;
    std::stringstream ss, es;
    ss << in.rdbuf();
    es << ein.rdbuf();
    auto x = ExtractLetter(ss.str(), path.filename().string(), *g, ExtractOptions{});
    if (!x.ok()) {
      out << path << ": " << x.status() << "\n";
      return 1;
    }
    std::string expected_text = es.str();
    auto s = ScoreAgainstExpected(*x, std::string_view(expected_text));
    if (!s.ok()) {
      out << exp_path << ": " << s.status() << "\n";
      return 1;
    }
    scores.push_back({path.stem().string(), *s});
  }
  PrintScoreTable(scores, out, verbose);
  return 0;
}

}  // namespace dossier::importer
