#include "bench/driver.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bench/engine.h"
#include "bench/engine_registry.h"
#include "bench/memory_usage.h"
#include "nlohmann/json.hpp"

namespace dossier::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
constexpr size_t kMismatchesPerQueryType = 5;

// Canonical text of each query's answer, compared across engines.
using Answers = std::vector<std::string>;

struct EngineRun {
  EngineResult result;
  std::vector<Answers> answers;  // Per query type.
};

std::string Render(const std::optional<NodeInfo>& node) {
  if (!node) return "(absent)";
  return nlohmann::json::array({node->type, node->name}).dump();
}
std::string Render(const std::vector<std::string>& ids) {
  return absl::StrCat(ids.size(), ": ", absl::StrJoin(ids, ","));
}
std::string Render(int64_t n) { return std::to_string(n); }

// The parameters of query `index` of type `q`, for mismatch reports.
std::string Params(const Workload& w, int q, size_t i) {
  using nlohmann::json;
  switch (q) {
    case 0:
      return json(w.q1[i]).dump();
    case 1:
      return json(w.q2[i]).dump();
    case 2:
      return json::array({w.q3[i].node, w.q3[i].edge_type}).dump();
    case 3:
      return json(w.q4[i]).dump();
    case 4:
      return json(w.q5[i]).dump();
    case 5:
      return json::array({w.q6[i].from, w.q6[i].to}).dump();
    case 6: {
      const PageQuery& p = w.q7[i];
      return json::array({p.node, p.node_type, p.outgoing ? "out" : "in", p.edge_type, p.page})
          .dump();
    }
  }
  return "";
}

// Runs `call(i)` for i in [0, n): a warm-up prefix untimed, then all timed.
template <typename Call>
QueryResult Measure(const char* name, size_t n, double warmup_fraction, Answers* answers,
                    Call call) {
  QueryResult result;
  result.query = name;
  const size_t warmup =
      n == 0 ? 0 : std::clamp<size_t>(static_cast<size_t>(std::ceil(warmup_fraction * n)), 1, n);
  for (size_t i = 0; i < warmup; ++i) (void)call(i);
  std::vector<int64_t> nanos;
  nanos.reserve(n);
  answers->assign(n, "");
  for (size_t i = 0; i < n; ++i) {
    Clock::time_point start = Clock::now();
    auto answer = call(i);
    nanos.push_back(
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
    if (answer.ok()) {
      (*answers)[i] = Render(*answer);
    } else {
      ++result.errors;
      (*answers)[i] = absl::StrCat("error: ", answer.status().ToString());
    }
  }
  result.latency = Summarize(std::move(nanos));
  return result;
}

int64_t DirectoryBytes(const fs::path& dir) {
  int64_t total = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (it->is_regular_file(ec)) total += static_cast<int64_t>(it->file_size(ec));
  }
  return total;
}

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

EngineRun RunEngine(const std::string& name, const DriverOptions& options, const Workload& w,
                    const fs::path& work_dir) {
  EngineRun run;
  EngineResult& r = run.result;
  r.engine = name;
  run.answers.resize(std::size(kQueryNames));
  auto log = [&](const std::string& line) {
    if (options.verbose) std::fprintf(stderr, "[%s] %s\n", name.c_str(), line.c_str());
  };

  EngineConfig config;
  config.work_dir = (work_dir / name).string();
  config.options = options.engine_options;
  std::error_code ec;
  fs::create_directories(config.work_dir, ec);
  if (ec) {
    r.status = absl::InternalError(absl::StrCat("cannot create ", config.work_dir));
    return run;
  }
  absl::StatusOr<std::unique_ptr<Engine>> created = EngineRegistry::Global().Create(name, config);
  if (!created.ok()) {
    r.status = created.status();
    return run;
  }
  std::unique_ptr<Engine> engine = *std::move(created);

  ReleaseFreeMemory();
  r.rss_before_load = CurrentRssBytes();
  r.peak_isolated = ResetPeakRss();
  log("loading");
  Clock::time_point start = Clock::now();
  r.status = engine->Load(options.nodes_csv, options.edges_csv);
  r.load_seconds = Seconds(Clock::now() - start);
  r.peak_rss_load = PeakRssBytes();
  r.rss_after_load = CurrentRssBytes();
  r.external_load_peak_rss = engine->ExternalLoadPeakRssBytes();
  r.disk_bytes = DirectoryBytes(config.work_dir);
  if (!r.status.ok()) {
    log(absl::StrCat("load failed: ", r.status.ToString()));
    return run;
  }
  log(absl::StrFormat("loaded in %.1f s, peak RSS %.0f MiB, %.0f MiB on disk", r.load_seconds,
                      r.peak_rss_load / 1048576.0, r.disk_bytes / 1048576.0));
  r.peak_isolated = ResetPeakRss() && r.peak_isolated;

  const double wf = options.warmup_fraction;
  auto& a = run.answers;
  auto record = [&](QueryResult q) {
    log(absl::StrFormat("%s x%d: median %.3f ms, p99 %.3f ms, %.0f q/s%s", q.query, q.latency.count,
                        q.latency.median_ms, q.latency.p99_ms, q.latency.qps,
                        q.errors ? absl::StrCat(", ", q.errors, " errors") : ""));
    r.queries.push_back(std::move(q));
  };
  Engine& e = *engine;
  record(Measure("Q1", w.q1.size(), wf, &a[0], [&](size_t i) { return e.NodeById(w.q1[i]); }));
  record(Measure("Q2", w.q2.size(), wf, &a[1], [&](size_t i) { return e.PersonsNamed(w.q2[i]); }));
  record(Measure("Q3", w.q3.size(), wf, &a[2],
                 [&](size_t i) { return e.OutNeighbors(w.q3[i].node, w.q3[i].edge_type); }));
  record(
      Measure("Q4", w.q4.size(), wf, &a[3], [&](size_t i) { return e.CountWithin2Hops(w.q4[i]); }));
  record(Measure("Q5", w.q5.size(), wf, &a[4],
                 [&](size_t i) { return e.CountWithin3Hops(w.q5[i], w.cap); }));
  record(Measure("Q6", w.q6.size(), wf, &a[5], [&](size_t i) -> absl::StatusOr<int64_t> {
    absl::StatusOr<int32_t> hops = e.ShortestPath(w.q6[i].from, w.q6[i].to, w.max_depth);
    if (!hops.ok()) return hops.status();
    return *hops;
  }));
  record(Measure("Q7", w.q7.size(), wf, &a[6],
                 [&](size_t i) { return e.NeighborPage(w.q7[i], w.page_size); }));
  r.peak_rss_queries = PeakRssBytes();
  r.external_peak_rss = engine->ExternalPeakRssBytes();
  engine.reset();
  ReleaseFreeMemory();
  return run;
}

std::string Shorten(const std::string& s) {
  constexpr size_t kMax = 300;
  return s.size() <= kMax ? s : absl::StrCat(s.substr(0, kMax), "... (", s.size(), " bytes)");
}

}  // namespace

absl::StatusOr<RunResult> RunBenchmark(const DriverOptions& options) {
  absl::StatusOr<Workload> workload = ReadWorkloadFile(options.workload_path);
  if (!workload.ok()) return workload.status();
  const Workload& w = *workload;
  RunResult result;
  result.nodes_csv = options.nodes_csv;
  result.edges_csv = options.edges_csv;
  result.workload_path = options.workload_path;
  std::error_code ec;
  for (const std::string* path : {&options.nodes_csv, &options.edges_csv}) {
    if (!fs::is_regular_file(*path, ec))
      return absl::NotFoundError(absl::StrCat("no file ", *path));
  }
  result.nodes_csv_bytes = static_cast<int64_t>(fs::file_size(options.nodes_csv, ec));
  result.edges_csv_bytes = static_cast<int64_t>(fs::file_size(options.edges_csv, ec));
  const size_t counts[] = {w.q1.size(), w.q2.size(), w.q3.size(), w.q4.size(),
                           w.q5.size(), w.q6.size(), w.q7.size()};
  for (size_t q = 0; q < std::size(kQueryNames); ++q)
    result.query_counts[kQueryNames[q]] = counts[q];

  fs::path work_dir = options.work_dir;
  bool created_work_dir = false;
  if (work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp && *tmp ? tmp : "/tmp", "/dossier-bench-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) return absl::InternalError("mkdtemp failed");
    work_dir = pattern;
    created_work_dir = true;
  }

  std::vector<EngineRun> runs;
  for (const std::string& name : options.engines) {
    runs.push_back(RunEngine(name, options, w, work_dir));
    if (!options.keep_work_dir) fs::remove_all(work_dir / name, ec);
  }
  if (created_work_dir && !options.keep_work_dir) fs::remove_all(work_dir, ec);

  // Baseline: SQLite when it ran, else the first engine that loaded.
  const EngineRun* baseline = nullptr;
  for (const EngineRun& run : runs) {
    if (!run.result.status.ok()) continue;
    if (baseline == nullptr || run.result.engine == "sqlite") baseline = &run;
    if (run.result.engine == "sqlite") break;
  }
  if (baseline != nullptr) {
    result.baseline = baseline->result.engine;
    for (const EngineRun& run : runs) {
      if (&run == baseline || !run.result.status.ok()) continue;
      for (size_t q = 0; q < std::size(kQueryNames); ++q) {
        size_t reported = 0;
        for (size_t i = 0; i < run.answers[q].size(); ++i) {
          if (run.answers[q][i] == baseline->answers[q][i]) continue;
          ++result.mismatch_count;
          if (reported++ >= kMismatchesPerQueryType) continue;
          result.mismatches.push_back({kQueryNames[q], i, Params(w, static_cast<int>(q), i),
                                       run.result.engine, Shorten(baseline->answers[q][i]),
                                       Shorten(run.answers[q][i])});
        }
      }
    }
  }
  if (!options.answers_dir.empty()) {
    fs::create_directories(options.answers_dir, ec);
    for (const EngineRun& run : runs) {
      std::ofstream out(fs::path(options.answers_dir) / (run.result.engine + ".answers"));
      for (size_t q = 0; q < run.answers.size(); ++q) {
        for (size_t i = 0; i < run.answers[q].size(); ++i) {
          out << kQueryNames[q] << "[" << i << "]\t" << run.answers[q][i] << "\n";
        }
      }
      if (!out) return absl::InternalError("cannot write answers to " + options.answers_dir);
    }
  }
  for (EngineRun& run : runs) result.engines.push_back(std::move(run.result));
  return result;
}

}  // namespace dossier::bench
