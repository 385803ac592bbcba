// dossier_bench: runs a workload against several engines and compares them.
//
//   dossier_bench --nodes nodes.csv --edges edges.csv --workload workload.json
//       [--engines sqlite,dossier,grpc] [--out results.json] [--markdown results.md]
//
// Exit status: 0 when every engine loaded and all answers agree, 2 when
// answers differ or an engine failed, 1 on bad arguments or input.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "bench/driver.h"
#include "bench/engine_registry.h"
#include "bench/report.h"

namespace {

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) std::fprintf(stderr, "error writing %s\n", path.c_str());
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  // Debian's abseil is built without NDEBUG, so every absl::Mutex that
  // gRPC's client takes would also update a process-wide lock-order graph
  // (as the server does; it showed in the server's profiles). `dossier
  // serve` turns the check off too; clients measure gRPC, not the check.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  using dossier::bench::EngineRegistry;
  CLI::App app{"Runs the Dossier benchmark workload against several engines."};
  dossier::bench::DriverOptions options;
  std::string engines = "sqlite";
  std::vector<std::string> engine_opts;
  std::string out_json, out_md;
  bool list = false;
  app.add_option("--nodes", options.nodes_csv, "nodes.csv (id,type,name)");
  app.add_option("--edges", options.edges_csv, "edges.csv (src,dst,type)");
  app.add_option("--workload", options.workload_path, "workload.json");
  app.add_option("--engines", engines, "Comma-separated engines")->default_val(engines);
  app.add_option("--engine_opt", engine_opts, "Engine setting key=value (repeatable)");
  app.add_option("--work_dir", options.work_dir, "Scratch directory for engine databases");
  app.add_flag("--keep_work_dir", options.keep_work_dir, "Keep the engines' databases");
  app.add_option("--warmup", options.warmup_fraction,
                 "Fraction of each query list run untimed first")
      ->default_val(options.warmup_fraction);
  app.add_option("--answers_dir", options.answers_dir, "Write each engine's answers here");
  app.add_option("--out", out_json, "Write results as JSON here");
  app.add_option("--markdown", out_md, "Write results as Markdown here");
  app.add_flag("--list_engines", list, "Print the registered engines and exit");
  CLI11_PARSE(app, argc, argv);

  if (list) {
    std::printf("%s\n", absl::StrJoin(EngineRegistry::Global().Names(), "\n").c_str());
    return 0;
  }
  if (options.nodes_csv.empty() || options.edges_csv.empty() || options.workload_path.empty()) {
    std::fprintf(stderr, "--nodes, --edges and --workload are required\n");
    return 1;
  }
  options.engines = absl::StrSplit(engines, ',', absl::SkipEmpty());
  for (const std::string& kv : engine_opts) {
    std::vector<std::string> parts = absl::StrSplit(kv, absl::MaxSplits('=', 1));
    if (parts.size() != 2) {
      std::fprintf(stderr, "--engine_opt wants key=value, got %s\n", kv.c_str());
      return 1;
    }
    options.engine_options[parts[0]] = parts[1];
  }
  std::string command;
  for (int i = 0; i < argc; ++i) command += (i ? " " : "") + std::string(argv[i]);

  absl::StatusOr<dossier::bench::RunResult> run = dossier::bench::RunBenchmark(options);
  if (!run.ok()) {
    std::fprintf(stderr, "%s\n", run.status().ToString().c_str());
    return 1;
  }
  const std::string md = dossier::bench::RenderMarkdown(*run, command);
  std::printf("%s", md.c_str());
  bool ok = true;
  if (!out_md.empty()) ok = WriteFile(out_md, md) && ok;
  if (!out_json.empty()) ok = WriteFile(out_json, dossier::bench::RenderJson(*run, command)) && ok;
  if (!ok) return 1;
  for (const auto& e : run->engines) {
    if (!e.status.ok()) return 2;
  }
  return run->mismatch_count == 0 ? 0 : 2;
}
