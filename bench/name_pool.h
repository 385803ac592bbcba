// Display names for generated nodes. Person names are a first name, an
// optional middle initial and a surname, each drawn from a Zipf law over a
// list, so a few names repeat very often and most rarely -- as real names
// do, which is what makes "Persons named X" (Q2) return anything from zero
// to a thousand ids. Organisation, letter and source names include commas
// and double quotes so the CSV quoting is exercised at scale.
#ifndef DOSSIER_BENCH_NAME_POOL_H_
#define DOSSIER_BENCH_NAME_POOL_H_

#include <cstdint>
#include <string>

#include "bench/alias_sampler.h"
#include "bench/rng.h"

namespace dossier::bench {

class NamePool {
 public:
  NamePool();

  std::string PersonName(Rng& rng) const;
  std::string OrganisationName(Rng& rng) const;
  std::string LetterName(Rng& rng, int64_t serial) const;
  std::string SourceName(Rng& rng) const;
  // A surname alone, for letter titles.
  std::string Surname(Rng& rng) const;

 private:
  AliasSampler first_;
  AliasSampler last_;
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_NAME_POOL_H_
