#include "cli/load_command.h"

#include <iostream>
#include <memory>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/cli_common.h"
#include "cli/progress.h"
#include "loader/graph_file_loader.h"
#include "nlohmann/json.hpp"

namespace dossier::cli {
namespace {

// "2G", "512M", "1048576" -> bytes.
bool ParseByteSize(std::string text, uint64_t* bytes) {
  uint64_t scale = 1;
  if (!text.empty()) {
    switch (std::toupper(static_cast<unsigned char>(text.back()))) {
      case 'K':
        scale = 1ull << 10;
        break;
      case 'M':
        scale = 1ull << 20;
        break;
      case 'G':
        scale = 1ull << 30;
        break;
      default:
        break;
    }
    if (scale != 1) text.pop_back();
  }
  uint64_t value = 0;
  if (!absl::SimpleAtoi(text, &value) || value == 0) return false;
  *bytes = value * scale;
  return true;
}

struct LoadFlags {
  DatabaseFlags db;
  std::string nodes, edges;
  bool skip_bad = false;
  std::string memory_budget = "2G";
  bool json = false;
};

}  // namespace

void AddLoadCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<LoadFlags>();
  CLI::App* cmd = app.add_subcommand(
      "load", "Bulk-load nodes and edges from CSV (id,type,name / src,dst,type) or JSON Lines");
  cmd->add_option("--db", flags->db.db, "Database directory")->capture_default_str();
  cmd->add_option("--nodes", flags->nodes, "Nodes file (.csv or .jsonl)");
  cmd->add_option("--edges", flags->edges,
                  "Edges file (.csv or .jsonl); a repeated (src, type, dst) is stored once, with "
                  "the properties of its first row that has any");
  cmd->add_flag("--skip-bad", flags->skip_bad,
                "Skip malformed rows and report counts instead of failing");
  cmd->add_option("--memory-budget", flags->memory_budget,
                  "Peak memory of the load (e.g. 512M, 2G): the nodes' tables, the edges sorted in "
                  "memory at once (more are spilled to sorted runs on disk) and 64 MiB for the "
                  "file writers")
      ->capture_default_str();
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  cmd->callback([flags, exit_code] {
    loader::LoadRequest request;
    request.nodes_path = flags->nodes;
    request.edges_path = flags->edges;
    request.skip_bad = flags->skip_bad;
    if (!ParseByteSize(flags->memory_budget, &request.memory_budget_bytes)) {
      *exit_code = ReportError(
          "load", absl::InvalidArgumentError("--memory-budget must look like 512M or 2G"));
      return;
    }
    auto graph = OpenDatabase(flags->db, true);
    if (!graph.ok()) {
      *exit_code = ReportError("load", graph.status());
      return;
    }
    ProgressLine progress;
    request.progress = [&](const graph::BulkLoadProgress& p) {
      progress.Show(p.phase, p.done, p.total);
    };
    absl::StatusOr<loader::LoadReport> report = loader::LoadGraphFiles(graph->get(), request);
    progress.Clear();
    if (!report.ok()) {
      absl::Status status = report.status();
      if (absl::IsResourceExhausted(status) && absl::StrContains(status.message(), "budget")) {
        status = absl::Status(status.code(), absl::StrCat(status.message(), " (--memory-budget)"));
      }
      *exit_code = ReportError("load", status);
      std::cerr << "nothing was written\n";
      return;
    }
    const graph::BulkLoadStats& s = report->stats;
    if (flags->json) {
      nlohmann::json j = {{"nodes_added", s.nodes_added},
                          {"edges_added", s.edges_added},
                          {"duplicate_edges", s.duplicate_edges},
                          {"edges_already_stored", s.edges_already_stored},
                          {"node_rows", report->node_rows},
                          {"edge_rows", report->edge_rows},
                          {"skipped", report->skipped_by_reason},
                          {"first_skipped", report->first_skipped},
                          {"node_table_bytes", s.node_table_bytes},
                          {"edges_per_run", s.edges_per_run},
                          {"spilled_runs", s.spilled_runs},
                          {"seconds", s.seconds}};
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << absl::StrFormat("loaded %d nodes and %d edges in %.2f s", s.nodes_added,
                                   s.edges_added, s.seconds);
      if (s.duplicate_edges > 0)
        std::cout << absl::StrFormat("; %d duplicate edges merged", s.duplicate_edges);
      if (s.edges_already_stored > 0) {
        std::cout << absl::StrFormat("; %d edges were already stored", s.edges_already_stored);
      }
      std::cout << "\n";
      for (const auto& [reason, n] : report->skipped_by_reason) {
        std::cout << absl::StrFormat("skipped %d rows: %s\n", n, reason);
      }
      for (const std::string& line : report->first_skipped) std::cout << "  " << line << "\n";
    }
    *exit_code = 0;
  });
}

}  // namespace dossier::cli
