// dossier_bench_concurrency: throughput of one `dossier serve` under 1..N
// concurrent clients (see concurrency_run.h).
//
//   dossier_bench_concurrency --server-binary build/dossier --nodes nodes.csv
//       --edges edges.csv --workload workload.json --clients 1,4,16 --seconds 10
//       [--markdown out.md] [--work-dir DIR]
//
// Exit status: 0 when every call succeeded, 2 when some failed, 1 on bad
// arguments or a failed load/start.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "bench/concurrency_run.h"
#include "bench/dossier_server.h"

int main(int argc, char** argv) {
  // Debian's abseil is built without NDEBUG, so every absl::Mutex that
  // gRPC's client takes would also update a process-wide lock-order graph
  // (as the server does; it showed in the server's profiles). `dossier
  // serve` turns the check off too; clients measure gRPC, not the check.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  namespace fs = std::filesystem;
  dossier::bench::ConcurrencyOptions options;
  options.server_binary = dossier::bench::DefaultDossierBinary();
  std::string markdown;
  bool keep = false;
  CLI::App app{"Throughput of `dossier serve` under concurrent ListNeighbors clients."};
  app.add_option("--server-binary", options.server_binary, "The dossier executable")
      ->capture_default_str();
  app.add_option("--nodes", options.nodes_csv, "nodes.csv")->required();
  app.add_option("--edges", options.edges_csv, "edges.csv")->required();
  app.add_option("--workload", options.workload_path, "workload.json (its Q3 list)")->required();
  app.add_option("--clients", options.clients, "Client counts, one run each")
      ->delimiter(',')
      ->default_str("1,4,16");
  app.add_option("--seconds", options.seconds, "Duration of each run")->capture_default_str();
  app.add_option("--warmup-seconds", options.warmup_seconds, "One untimed client first")
      ->capture_default_str();
  app.add_option("--workers", options.server_workers, "The server's --workers (0: its default)");
  app.add_option("--server-arg", options.server_args,
                 "One more argument for `dossier serve`, e.g. --server-arg=--no-inline-reads "
                 "(repeatable)");
  app.add_option("--work-dir", options.work_dir, "Database and logs (default: a temp dir)");
  app.add_flag("--keep-work-dir", keep, "Keep the database and logs");
  app.add_option("--markdown", markdown, "Also write the table here");
  app.add_option("--seed", options.seed, "Random call order")->capture_default_str();
  app.add_option("--h2load", options.h2load, "h2load for the light-client pass (empty: skip it)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  bool made_dir = false;
  if (options.work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp && *tmp ? tmp : "/tmp", "/dossier-conc-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) {
      std::fprintf(stderr, "mkdtemp failed\n");
      return 1;
    }
    options.work_dir = pattern;
    made_dir = true;
  } else {
    fs::create_directories(options.work_dir);
  }
  absl::StatusOr<dossier::bench::ConcurrencyReport> report =
      dossier::bench::RunConcurrency(options);
  std::error_code ec;
  if (!keep)
    fs::remove_all(
        made_dir ? fs::path(options.work_dir) : fs::path(options.work_dir) / "dossier-db", ec);
  if (!report.ok()) {
    std::fprintf(stderr, "%s\n", report.status().ToString().c_str());
    return 1;
  }
  const std::string md = dossier::bench::ConcurrencyMarkdown(options, *report);
  std::printf("%s", md.c_str());
  if (!markdown.empty()) {
    std::ofstream out(markdown, std::ios::binary | std::ios::trunc);
    out << md;
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", markdown.c_str());
      return 1;
    }
  }
  for (const auto& p : report->points) {
    if (p.errors > 0) return 2;
  }
  return 0;
}
