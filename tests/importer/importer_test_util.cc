#include "tests/importer/importer_test_util.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"

namespace dossier::importer::testing {

const Gazetteer& TestGazetteer() {
  static const Gazetteer* g = [] {
    auto loaded = Gazetteer::Load(DOSSIER_IMPORTER_DATA_DIR);
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status();
      std::abort();
    }
    return new Gazetteer(std::move(*loaded));
  }();
  return *g;
}

std::string LettersDir() { return std::string(DOSSIER_TEST_DATA_DIR) + "/letters"; }

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    return "";
  }
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> CorpusLetters() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(LettersDir())) {
    std::string name = e.path().filename().string();
    if (name.ends_with(".txt")) out.push_back(name.substr(0, name.size() - 4));
  }
  std::sort(out.begin(), out.end());
  return out;
}

LetterExtraction ExtractOrDie(const std::string& text, const std::string& name) {
  auto x = ExtractLetter(text, name, TestGazetteer(), ExtractOptions{});
  if (!x.ok()) {
    ADD_FAILURE() << x.status();
    return {};
  }
  return *std::move(x);
}

LetterExtraction ExtractCorpusLetter(const std::string& base, std::string* text) {
  std::string t = ReadFileOrDie(LettersDir() + "/" + base + ".txt");
  if (text) *text = t;
  return ExtractOrDie(t, base + ".txt");
}

}  // namespace dossier::importer::testing
