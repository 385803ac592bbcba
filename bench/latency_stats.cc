#include "bench/latency_stats.h"

#include <algorithm>
#include <cmath>

namespace dossier::bench {

LatencySummary Summarize(std::vector<int64_t> nanos) {
  LatencySummary s;
  s.count = static_cast<int64_t>(nanos.size());
  if (nanos.empty()) return s;
  std::sort(nanos.begin(), nanos.end());
  auto rank = [&](double p) {
    size_t r = static_cast<size_t>(std::ceil(p * nanos.size()));
    return nanos[std::clamp<size_t>(r, 1, nanos.size()) - 1] / 1e6;
  };
  double total = 0;
  for (int64_t n : nanos) total += n;
  s.median_ms = rank(0.5);
  s.p99_ms = rank(0.99);
  s.mean_ms = total / nanos.size() / 1e6;
  s.max_ms = nanos.back() / 1e6;
  s.qps = total > 0 ? nanos.size() / (total / 1e9) : 0;
  return s;
}

}  // namespace dossier::bench
