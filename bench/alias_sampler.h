// Walker/Vose alias table: O(1) draws from a fixed discrete distribution.
// The generator draws every power-law edge end from one of these, which is
// what keeps 10M edges to a few seconds.
#ifndef DOSSIER_BENCH_ALIAS_SAMPLER_H_
#define DOSSIER_BENCH_ALIAS_SAMPLER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "bench/rng.h"

namespace dossier::bench {

class AliasSampler {
 public:
  AliasSampler() = default;
  // Weights need not sum to 1; they must be non-negative with a positive sum.
  explicit AliasSampler(const std::vector<double>& weights);

  uint32_t Sample(Rng& rng) const {
    uint32_t i = static_cast<uint32_t>(rng.Below(prob_.size()));
    return rng.Uniform() < prob_[i] ? i : alias_[i];
  }
  size_t size() const { return prob_.size(); }

  // Weights of a Zipf law over `n` ranks: weight(r) = (r + 1)^-exponent.
  static std::vector<double> ZipfWeights(size_t n, double exponent);

 private:
  std::vector<double> prob_;
  std::vector<uint32_t> alias_;
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_ALIAS_SAMPLER_H_
