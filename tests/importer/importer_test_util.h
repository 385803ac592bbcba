// Shared helpers of the importer tests: data locations, the loaded gazetteer, file reading.
#ifndef DOSSIER_TESTS_IMPORTER_IMPORTER_TEST_UTIL_H_
#define DOSSIER_TESTS_IMPORTER_IMPORTER_TEST_UTIL_H_

#include <string>
#include <vector>

#include "importer/gazetteer.h"
#include "importer/letter_parser.h"

namespace dossier::importer::testing {

const Gazetteer& TestGazetteer();
std::string LettersDir();
std::string ReadFileOrDie(const std::string& path);
// Base names (without .txt) of the corpus letters.
std::vector<std::string> CorpusLetters();
LetterExtraction ExtractOrDie(const std::string& text, const std::string& name = "test.txt");
LetterExtraction ExtractCorpusLetter(const std::string& base, std::string* text = nullptr);

}  // namespace dossier::importer::testing

#endif  // DOSSIER_TESTS_IMPORTER_IMPORTER_TEST_UTIL_H_
