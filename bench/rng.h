// Small, portable, seedable random numbers for the generator. The standard
// library's distributions are implementation-defined, so they would break
// "same seed -> byte-identical files" across library versions; everything
// here is plain integer arithmetic.
#ifndef DOSSIER_BENCH_RNG_H_
#define DOSSIER_BENCH_RNG_H_

#include <cstdint>

namespace dossier::bench {

// The SplitMix64 finaliser: a bijective 64-bit mixer.
inline uint64_t Mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// SplitMix64. Counter-based seeding (For) lets any node's or any edge
// group's randomness be regenerated independently, which is what lets the
// generator stream and enumerate edges more than once without storing them.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  static Rng For(uint64_t seed, uint64_t stream, uint64_t index) {
    return Rng(Mix64(Mix64(seed ^ (stream * 0x9e3779b97f4a7c15ULL)) + index));
  }

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return Mix64(state_);
  }

  // Uniform in [0, n) (Lemire's multiply-shift; the tiny bias is irrelevant here).
  uint64_t Below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<unsigned __int128>(Next()) * n) >> 64);
  }

  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_RNG_H_
