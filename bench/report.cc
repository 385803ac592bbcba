#include "bench/report.h"

#include <unistd.h>

#include <fstream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "nlohmann/json.hpp"

namespace dossier::bench {
namespace {

std::string CpuModel() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) {
      size_t colon = line.find(':');
      if (colon != std::string::npos) return line.substr(colon + 2);
    }
  }
  return "unknown CPU";
}

std::string Mib(int64_t bytes) { return absl::StrFormat("%.0f MiB", bytes / 1048576.0); }

const EngineResult* Find(const RunResult& run, const std::string& engine) {
  for (const EngineResult& e : run.engines) {
    if (e.engine == engine && e.status.ok()) return &e;
  }
  return nullptr;
}

const QueryResult* FindQuery(const EngineResult* e, const std::string& query) {
  if (e == nullptr) return nullptr;
  for (const QueryResult& q : e->queries) {
    if (q.query == query) return &q;
  }
  return nullptr;
}

std::string Machine() {
  return absl::StrCat(CpuModel(), ", ", std::thread::hardware_concurrency(), " hardware threads");
}

}  // namespace

std::string RenderMarkdown(const RunResult& run, const std::string& command) {
  std::string md = "# Dossier benchmark results\n\n";
  absl::StrAppend(
      &md, "- When: ", absl::FormatTime("%Y-%m-%d %H:%M UTC", absl::Now(), absl::UTCTimeZone()),
      "\n- Machine: ", Machine(), "\n- Command: `", command, "`\n");
  absl::StrAppend(&md, "- Graph: `", run.nodes_csv, "` (", Mib(run.nodes_csv_bytes), "), `",
                  run.edges_csv, "` (", Mib(run.edges_csv_bytes), ")\n- Workload: `",
                  run.workload_path, "`:");
  for (const auto& [q, n] : run.query_counts) absl::StrAppend(&md, " ", q, "=", n);
  absl::StrAppend(&md, "\n- Answers checked against: ",
                  run.baseline.empty() ? "(no engine loaded)" : run.baseline, "\n\n");

  md +=
      "## Load\n\n| engine | load (s) | peak RSS during load | RSS after load | "
      "peak RSS during queries | on disk |\n|---|---:|---:|---:|---:|---:|\n";
  for (const EngineResult& e : run.engines) {
    if (!e.status.ok()) {
      absl::StrAppend(&md, "| ", e.engine, " | failed: ", e.status.message(), " | | | | |\n");
      continue;
    }
    std::string peak_q = Mib(e.peak_rss_queries);
    if (e.external_peak_rss)
      absl::StrAppend(&peak_q, " (+ server ", Mib(*e.external_peak_rss), ")");
    std::string peak_load = Mib(e.peak_rss_load);
    if (!e.peak_isolated) absl::StrAppend(&peak_load, " (whole process)");
    if (e.external_load_peak_rss) {
      absl::StrAppend(&peak_load, " (+ loader ", Mib(*e.external_load_peak_rss), ")");
    }
    absl::StrAppend(&md, "| ", e.engine, " | ", absl::StrFormat("%.1f", e.load_seconds), " | ",
                    peak_load, " | ", Mib(e.rss_after_load), " | ", peak_q, " | ",
                    Mib(e.disk_bytes), " |\n");
  }
  absl::StrAppend(&md,
                  "\nRSS is the benchmark process's; each engine's peak is measured from "
                  "a reset high-water mark (/proc/self/clear_refs), so it includes the "
                  "driver's own baseline of ",
                  run.engines.empty() ? "?" : Mib(run.engines.front().rss_before_load),
                  ". Work done in child processes is shown apart: \"+ loader\" is the "
                  "`dossier load` child's peak (ru_maxrss), \"+ server\" the `dossier serve` "
                  "child's VmHWM at the end of the queries (it also served the client's "
                  "one-off id-table scan).\n\n");

  const EngineResult* sqlite = Find(run, "sqlite");
  md +=
      "## Queries\n\nLatency of one query at a time (ms); q/s = queries / total time of one "
      "client. \"vs SQLite\" = SQLite's median / the engine's median (above 1: faster than "
      "SQLite). p99 is by nearest rank, so with fewer than 100 queries it is the "
      "slowest one.\n\n| query | engine | n | median | p99 | max | q/s | vs SQLite | errors |\n"
      "|---|---|---:|---:|---:|---:|---:|---:|---:|\n";
  for (size_t qi = 0; qi < std::size(kQueryNames); ++qi) {
    const std::string q = kQueryNames[qi];
    for (const EngineResult& e : run.engines) {
      const QueryResult* r = FindQuery(e.status.ok() ? &e : nullptr, q);
      if (r == nullptr) continue;
      const QueryResult* base = FindQuery(sqlite, q);
      std::string ratio =
          base != nullptr && r->latency.median_ms > 0
              ? absl::StrFormat("%.2f", base->latency.median_ms / r->latency.median_ms)
              : "-";
      absl::StrAppend(&md, "| ", q, " ", kQueryTitles[qi], " | ", e.engine, " | ", r->latency.count,
                      absl::StrFormat(" | %.3f | %.3f | %.3f | %.0f | ", r->latency.median_ms,
                                      r->latency.p99_ms, r->latency.max_ms, r->latency.qps),
                      ratio, " | ", r->errors, " |\n");
    }
  }
  absl::StrAppend(&md, "\n## Answers\n\n");
  if (run.engines.size() < 2) {
    absl::StrAppend(&md, "Only one engine ran; nothing to compare.\n");
  } else if (run.mismatch_count == 0) {
    absl::StrAppend(&md, "All engines gave the same answers as ", run.baseline, ".\n");
  } else {
    absl::StrAppend(&md, "**", run.mismatch_count, " answers differ from ", run.baseline,
                    "'s.** First ones:\n\n| query | # | parameters | engine | expected | got |\n"
                    "|---|---:|---|---|---|---|\n");
    for (const Mismatch& m : run.mismatches) {
      absl::StrAppend(&md, "| ", m.query, " | ", m.index, " | `", m.params, "` | ", m.engine,
                      " | `", m.expected, "` | `", m.got, "` |\n");
    }
  }
  return md;
}

std::string RenderJson(const RunResult& run, const std::string& command) {
  using nlohmann::json;
  json j;
  j["command"] = command;
  j["machine"] = Machine();
  j["time_utc"] = absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
  j["graph"] = {{"nodes_csv", run.nodes_csv},
                {"edges_csv", run.edges_csv},
                {"nodes_csv_bytes", run.nodes_csv_bytes},
                {"edges_csv_bytes", run.edges_csv_bytes}};
  j["workload"] = {{"path", run.workload_path}, {"counts", run.query_counts}};
  j["baseline"] = run.baseline;
  const EngineResult* sqlite = Find(run, "sqlite");
  json engines = json::object();
  for (const EngineResult& e : run.engines) {
    json je;
    je["ok"] = e.status.ok();
    if (!e.status.ok()) je["error"] = e.status.ToString();
    je["load_seconds"] = e.load_seconds;
    je["rss_before_load_bytes"] = e.rss_before_load;
    je["peak_rss_load_bytes"] = e.peak_rss_load;
    je["rss_after_load_bytes"] = e.rss_after_load;
    je["peak_rss_queries_bytes"] = e.peak_rss_queries;
    je["peak_isolated"] = e.peak_isolated;
    je["disk_bytes"] = e.disk_bytes;
    if (e.external_peak_rss) je["external_peak_rss_bytes"] = *e.external_peak_rss;
    if (e.external_load_peak_rss) je["external_load_peak_rss_bytes"] = *e.external_load_peak_rss;
    json queries = json::object();
    for (const QueryResult& q : e.queries) {
      json jq = {{"count", q.latency.count},   {"median_ms", q.latency.median_ms},
                 {"p99_ms", q.latency.p99_ms}, {"mean_ms", q.latency.mean_ms},
                 {"max_ms", q.latency.max_ms}, {"qps", q.latency.qps},
                 {"errors", q.errors}};
      const QueryResult* base = FindQuery(sqlite, q.query);
      if (base != nullptr && q.latency.median_ms > 0) {
        jq["sqlite_median_over_median"] = base->latency.median_ms / q.latency.median_ms;
      }
      queries[q.query] = jq;
    }
    je["queries"] = queries;
    engines[e.engine] = je;
  }
  j["engines"] = engines;
  j["mismatch_count"] = run.mismatch_count;
  json mismatches = json::array();
  for (const Mismatch& m : run.mismatches) {
    mismatches.push_back({{"query", m.query},
                          {"index", m.index},
                          {"params", m.params},
                          {"engine", m.engine},
                          {"expected", m.expected},
                          {"got", m.got}});
  }
  j["mismatches"] = mismatches;
  return j.dump(2) + "\n";
}

}  // namespace dossier::bench
