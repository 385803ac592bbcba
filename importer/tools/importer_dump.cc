// Prints the extraction of one letter as JSON: importer_dump LETTER.txt [DATA_DIR]
#include <fstream>
#include <iostream>
#include <sstream>

#include "importer/extraction_json.h"
#include "importer/letter_parser.h"

int main(int argc, char** argv) {
  using namespace dossier::importer;
  if (argc < 2) {
    std::cerr << "usage: importer_dump LETTER.txt [DATA_DIR]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  auto g = Gazetteer::Load(argc > 2 ? argv[2] : Gazetteer::DefaultDataDir());
  if (!g.ok()) {
    std::cerr << g.status() << "\n";
    return 1;
  }
  auto x = ExtractLetter(ss.str(), argv[1], *g, ExtractOptions{});
  if (!x.ok()) {
    std::cerr << x.status() << "\n";
    return 1;
  }
  std::cout << ExtractionToJson(*x).dump(1) << "\n";
  return 0;
}
