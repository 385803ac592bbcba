#include "bench/letter_variants.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "nlohmann/json.hpp"

namespace dossier::bench {
namespace {

namespace fs = std::filesystem;

// Bytes of a name word: ASCII letters and digits, and any non-ASCII byte
// (UTF-8 letters with diacritics, other scripts).
bool IsWordByte(unsigned char c) { return c >= 0x80 || absl::ascii_isalnum(c); }

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !IsWordByte(text[i])) ++i;
    size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    if (i > start) words.emplace_back(text.substr(start, i - start));
  }
  return words;
}

// Capitalised words of names that are not part of the person's name proper.
bool IsNameWord(const std::string& w) {
  static const absl::flat_hash_set<std::string> kSkip = {
      "The",       "And",      "For",          "Dr",       "Prof",   "Professor",
      "Mr",        "Mrs",      "Ms",           "Miss",     "MEP",    "Sir",
      "Dame",      "Lord",     "Lady",         "His",      "Her",    "Excellency",
      "President", "Minister", "Ambassador",   "Republic", "United", "States",
      "Nations",   "High",     "Commissioner", "Human",    "Rights", "University",
      "Secretary", "General",  "Office",       "Ministry", "Foreign"};
  if (w.size() < 3 || kSkip.contains(w)) return false;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  return c >= 0x80 || absl::ascii_isupper(c);
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void AddName(const nlohmann::json& entry, std::vector<std::vector<std::string>>* names) {
  const nlohmann::json* name = &entry;
  if (entry.is_object()) {
    auto it = entry.find("name");
    if (it == entry.end()) return;
    name = &*it;
  }
  if (!name->is_string()) return;
  std::vector<std::string> words;
  for (std::string& w : Words(name->get<std::string>())) {
    if (IsNameWord(w)) words.push_back(std::move(w));
  }
  if (!words.empty()) names->push_back(std::move(words));
}

// Persons only: an organisation signs with a null affiliation, an
// institution is addressed without a title.
std::vector<std::vector<std::string>> NamesOf(const nlohmann::json& expected) {
  std::vector<std::vector<std::string>> names;
  auto each = [&](const char* key, const char* needs) {
    auto it = expected.find(key);
    if (it == expected.end() || !it->is_array()) return;
    for (const nlohmann::json& e : *it) {
      if (needs != nullptr && (!e.is_object() || !e.contains(needs) || e[needs].is_null()))
        continue;
      AddName(e, &names);
    }
  };
  each("signatories", "affiliation");
  each("addressees", "title");
  each("copied_to", "title");
  each("persons_persecuted", nullptr);
  each("persons_mentioned_other", nullptr);
  return names;
}

std::string FirstWord(const std::string& s) { return s.substr(0, s.find(' ')); }

}  // namespace

absl::StatusOr<std::vector<LetterTemplate>> ReadLetterCorpus(const std::string& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  if (ec) return absl::NotFoundError(absl::StrCat("cannot read ", dir, ": ", ec.message()));
  if (files.empty()) return absl::NotFoundError(absl::StrCat("no .txt letters in ", dir));
  std::sort(files.begin(), files.end());
  std::vector<LetterTemplate> letters;
  for (const fs::path& path : files) {
    LetterTemplate t;
    t.stem = path.stem().string();
    t.text = ReadFile(path);
    fs::path expected = path.parent_path() / (t.stem + ".expected.json");
    if (fs::exists(expected, ec)) {
      nlohmann::json j =
          nlohmann::json::parse(ReadFile(expected), nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded())
        return absl::InvalidArgumentError(absl::StrCat("bad JSON: ", expected.string()));
      t.names = NamesOf(j);
    }
    letters.push_back(std::move(t));
  }
  return letters;
}

std::string MakeLetterVariant(const LetterTemplate& letter, uint64_t serial, uint64_t seed,
                              const NamePool& pool) {
  Rng rng = Rng::For(seed, 0x1e77e5, serial);
  absl::flat_hash_map<std::string, std::string> replace;
  auto map_word = [&](const std::string& from, const std::string& to) {
    if (!replace.emplace(from, to).second) return;
    std::string upper = absl::AsciiStrToUpper(from);
    if (upper != from) replace.emplace(upper, absl::AsciiStrToUpper(to));
  };
  for (const std::vector<std::string>& name : letter.names) {
    for (size_t i = 0; i < name.size(); ++i) {
      // The last word is the surname; the ones before it given names.
      map_word(name[i], i + 1 == name.size() ? pool.Surname(rng) : FirstWord(pool.PersonName(rng)));
    }
  }
  std::string out;
  out.reserve(letter.text.size() + 64);
  const std::string& text = letter.text;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsWordByte(text[i])) {
      out.push_back(text[i++]);
      continue;
    }
    size_t start = i;
    while (i < text.size() && IsWordByte(text[i])) ++i;
    std::string_view word(text.data() + start, i - start);
    auto it = replace.find(absl::string_view(word.data(), word.size()));
    if (it == replace.end()) {
      out.append(word);
    } else {
      out.append(it->second);
    }
  }
  if (!out.empty() && out.back() != '\n') out.push_back('\n');
  absl::StrAppend(&out, "\nReference: DOSSIER-BENCH-", absl::StrFormat("%08d", serial), "\n");
  return out;
}

}  // namespace dossier::bench
