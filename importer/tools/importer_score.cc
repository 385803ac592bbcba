// Scores the importer against letters with analysts' expected files:
//   importer_score [--verbose] [--heldout] [CORPUS_DIR] [DATA_DIR]
// CORPUS_DIR defaults to the corpus (tests/data/letters). --heldout also scores the held-out set
// (tests/data/heldout), letters the rules were not written from, in its own table: the corpus
// figures say the rules fit, the held-out figures say whether they generalise.
#include <iostream>
#include <string>

#include "importer/gazetteer.h"
#include "importer/scorer.h"

#ifndef DOSSIER_DEFAULT_CORPUS_DIR
#define DOSSIER_DEFAULT_CORPUS_DIR "tests/data/letters"
#endif
#ifndef DOSSIER_DEFAULT_HELDOUT_DIR
#define DOSSIER_DEFAULT_HELDOUT_DIR "tests/data/heldout"
#endif

int main(int argc, char** argv) {
  bool verbose = false;
  bool heldout = false;
  std::string corpus = DOSSIER_DEFAULT_CORPUS_DIR;
  std::string data = dossier::importer::Gazetteer::DefaultDataDir();
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--verbose" || a == "-v") {
      verbose = true;
    } else if (a == "--heldout") {
      heldout = true;
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: importer_score [--verbose] [--heldout] [CORPUS_DIR] [DATA_DIR]\n";
      return 0;
    } else if (positional == 0) {
      corpus = a;
      ++positional;
    } else {
      data = a;
    }
  }
  std::cout << "== " << corpus << "\n";
  int rc = dossier::importer::ScoreCorpus(corpus, data, std::cout, verbose);
  if (heldout && rc == 0) {
    std::cout << "\n== " << DOSSIER_DEFAULT_HELDOUT_DIR << " (held out)\n";
    rc = dossier::importer::ScoreCorpus(DOSSIER_DEFAULT_HELDOUT_DIR, data, std::cout, verbose);
  }
  return rc;
}
