// Summary statistics of per-query latencies.
#ifndef DOSSIER_BENCH_LATENCY_STATS_H_
#define DOSSIER_BENCH_LATENCY_STATS_H_

#include <cstdint>
#include <vector>

namespace dossier::bench {

struct LatencySummary {
  int64_t count = 0;
  double median_ms = 0;
  double p99_ms = 0;
  double mean_ms = 0;
  double max_ms = 0;
  // Queries per second of one client issuing them back to back:
  // count / total time.
  double qps = 0;
};

// Percentiles by nearest rank on the sorted latencies.
LatencySummary Summarize(std::vector<int64_t> nanos);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_LATENCY_STATS_H_
