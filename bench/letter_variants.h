// Generated variants of the letters corpus (tests/data/letters), for the
// importer's throughput: each variant is one corpus letter with the words of
// its persons' names (taken from NAME.expected.json: signatories with an
// affiliation, persons persecuted or mentioned, addressees with a title)
// replaced by generated names, consistently within the letter (capitalised
// and all-caps forms alike), and a reference line appended. So every variant
// has new bytes (the importer skips content it has seen) and mostly new
// persons, while keeping the corpus's layouts.
#ifndef DOSSIER_BENCH_LETTER_VARIANTS_H_
#define DOSSIER_BENCH_LETTER_VARIANTS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/name_pool.h"

namespace dossier::bench {

struct LetterTemplate {
  std::string stem;  // File name without ".txt".
  std::string text;
  std::vector<std::vector<std::string>> names;  // Each name's words, as written.
};

// Every NAME.txt in `dir` (sorted by name), with NAME.expected.json's names
// when that file exists.
absl::StatusOr<std::vector<LetterTemplate>> ReadLetterCorpus(const std::string& dir);

// Variant number `serial` of `letter`; deterministic in (serial, seed).
std::string MakeLetterVariant(const LetterTemplate& letter, uint64_t serial, uint64_t seed,
                              const NamePool& pool);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_LETTER_VARIANTS_H_
