// Runs one workload against several engines in one process, one engine at
// a time: load (timed, peak memory measured), then each query type with a
// warm-up, every query timed on its own. Answers are rendered to canonical
// text outside the timed region and compared with the first engine's (the
// baseline, SQLite when present).
#ifndef DOSSIER_BENCH_DRIVER_H_
#define DOSSIER_BENCH_DRIVER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/latency_stats.h"
#include "bench/workload.h"

namespace dossier::bench {

inline constexpr const char* kQueryNames[] = {"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"};
inline constexpr const char* kQueryTitles[] = {
    "node by id",           "persons by exact name",  "1-hop out-neighbours", "2-hop count",
    "3-hop count (capped)", "shortest directed path", "supernode page"};

struct DriverOptions {
  std::string nodes_csv;
  std::string edges_csv;
  std::string workload_path;
  std::vector<std::string> engines = {"sqlite"};
  std::map<std::string, std::string> engine_options;
  // Engines' scratch directories go under here; empty: a fresh directory
  // under $TMPDIR (or /tmp), removed afterwards unless keep_work_dir.
  std::string work_dir;
  bool keep_work_dir = false;
  // The first ceil(fraction * n) queries of each type run once untimed.
  double warmup_fraction = 0.1;
  // When set, each engine's answers are written to <dir>/<engine>.answers
  // ("Q6[3]<TAB>answer" per line), for diffing engines by hand.
  std::string answers_dir;
  // Progress lines go to stderr.
  bool verbose = true;
};

struct QueryResult {
  std::string query;  // "Q1".."Q7"
  LatencySummary latency;
  int64_t errors = 0;
};

struct EngineResult {
  std::string engine;
  absl::Status status;  // Not OK when the engine could not be created or loaded.
  double load_seconds = 0;
  int64_t rss_before_load = 0;
  int64_t peak_rss_load = 0;  // High-water mark during the load.
  int64_t rss_after_load = 0;
  int64_t peak_rss_queries = 0;                   // High-water mark while answering.
  bool peak_isolated = true;                      // False: peaks are the whole process's.
  std::optional<int64_t> external_peak_rss;       // A server's, during queries.
  std::optional<int64_t> external_load_peak_rss;  // A loader child's.
  int64_t disk_bytes = 0;                         // Files in the engine's scratch directory.
  std::vector<QueryResult> queries;
};

struct Mismatch {
  std::string query;  // "Q4"
  size_t index = 0;   // Into the workload's list.
  std::string params;
  std::string engine;
  std::string expected;  // The baseline's answer.
  std::string got;
};

struct RunResult {
  std::string nodes_csv;
  std::string edges_csv;
  std::string workload_path;
  int64_t nodes_csv_bytes = 0;
  int64_t edges_csv_bytes = 0;
  std::map<std::string, int64_t> query_counts;
  std::string baseline;  // Engine whose answers the others are checked against.
  std::vector<EngineResult> engines;
  int64_t mismatch_count = 0;
  std::vector<Mismatch> mismatches;  // At most a few per engine and query type.
};

absl::StatusOr<RunResult> RunBenchmark(const DriverOptions& options);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_DRIVER_H_
