// Scores the importer against a corpus of letters with analysts' expected files:
//   importer_score [--verbose] [CORPUS_DIR] [DATA_DIR]
#include <iostream>
#include <string>

#include "importer/gazetteer.h"
#include "importer/scorer.h"

#ifndef DOSSIER_DEFAULT_CORPUS_DIR
#define DOSSIER_DEFAULT_CORPUS_DIR "tests/data/letters"
#endif

int main(int argc, char** argv) {
  bool verbose = false;
  std::string corpus = DOSSIER_DEFAULT_CORPUS_DIR;
  std::string data = dossier::importer::Gazetteer::DefaultDataDir();
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (positional == 0) {
      corpus = a;
      ++positional;
    } else {
      data = a;
    }
  }
  return dossier::importer::ScoreCorpus(corpus, data, std::cout, verbose);
}
