// Many clients against one `dossier serve`: load once, start one server,
// then for each client count run that many threads, each on its own
// loopback connection, issuing Q3-style calls (ListNeighbors out of a random
// workload Person through its Q3 edge type, every page) back to back for a
// fixed time. Reports throughput and latency per client count.
#ifndef DOSSIER_BENCH_CONCURRENCY_RUN_H_
#define DOSSIER_BENCH_CONCURRENCY_RUN_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/h2load_run.h"
#include "bench/latency_stats.h"

namespace dossier::bench {

struct ConcurrencyOptions {
  std::string server_binary;  // The `dossier` executable.
  std::string nodes_csv;
  std::string edges_csv;
  std::string workload_path;  // Its Q3 list is the call mix.
  std::vector<int> clients = {1, 4, 16};
  double seconds = 10;                   // Per client count.
  double warmup_seconds = 2;             // One client, untimed, before the first count.
  int server_workers = 0;                // 0: the server's default.
  std::vector<std::string> server_args;  // Appended to `dossier serve`'s flags.
  std::string work_dir;                  // Database and logs; must exist.
  uint64_t seed = 1;
  // The light client (h2load_run.h); empty or not executable: that pass is skipped, and the
  // report says why.
  std::string h2load = kDefaultH2load;
};

// The same server under h2load: one constant request a run.
struct LightClientReport {
  std::string skipped;  // Why there is no light-client pass; empty when it ran.
  std::string q3_call;  // The Q3 call repeated: person id, edge type, answer size.
  // One client: Q1 GetNode{external_id}, Q2 FindNodes verbatim, Q3 ListNeighbors.
  std::vector<std::pair<std::string, LatencySummary>> one_client;
  std::vector<H2loadPoint> points;  // Q3 at each client count.
};

struct ConcurrencyPoint {
  int clients = 0;
  int64_t calls = 0;  // Completed Q3 answers (each one or more RPCs).
  int64_t rpcs = 0;
  int64_t errors = 0;
  double seconds = 0;  // From the common start to the last client's last call.
  double calls_per_second = 0;
  LatencySummary latency;  // Of all clients' calls together.
};

struct ConcurrencyReport {
  double load_seconds = 0;
  int64_t loader_peak_rss = 0;
  int64_t server_peak_rss = 0;
  size_t persons = 0;  // Distinct (person, edge type) calls in the mix.
  int server_workers = 0;
  std::vector<ConcurrencyPoint> points;
  LightClientReport light;
};

absl::StatusOr<ConcurrencyReport> RunConcurrency(const ConcurrencyOptions& options);

std::string ConcurrencyMarkdown(const ConcurrencyOptions& options, const ConcurrencyReport& report);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_CONCURRENCY_RUN_H_
