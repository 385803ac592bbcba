// Draws a workload from a generated graph with a fixed seed. Holds the
// graph's out-adjacency as a compact CSR (4 bytes per edge) to pick Q6
// pairs with known hop counts: some joined by a path of 2, 4 or 6 hops,
// some with no path at all (either the source leads to no person, or the
// target has no incoming edge while the source reaches much of the graph,
// the expensive case for a one-sided search).
#ifndef DOSSIER_BENCH_WORKLOAD_SAMPLER_H_
#define DOSSIER_BENCH_WORKLOAD_SAMPLER_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "bench/graph_generator.h"
#include "bench/workload.h"

namespace dossier::bench {

struct WorkloadSizes {
  int32_t q1 = 2000;
  int32_t q2 = 200;
  int32_t q3 = 1000;
  int32_t q4 = 200;
  int32_t q5 = 100;
  int32_t q6 = 40;
  int32_t q7_pages_per_supernode = 4;
};

struct WorkloadSample {
  Workload workload;
  std::string summary;  // Human-readable notes (Q6 hop histogram, supernode degrees).
};

absl::StatusOr<WorkloadSample> SampleWorkload(const GraphGenerator& graph,
                                              const WorkloadSizes& sizes, uint64_t seed);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_WORKLOAD_SAMPLER_H_
