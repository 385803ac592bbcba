#include "cli/graph_commands.h"

#include <fstream>
#include <iostream>
#include <memory>

#include "absl/strings/str_format.h"
#include "cli/cli_common.h"
#include "cli/client_options.h"
#include "cli/query_command.h"
#include "export/export_format.h"
#include "export/graph_source.h"
#include "export/json_export.h"
#include "graph/checker.h"
#include "nlohmann/json.hpp"

namespace dossier::cli {
namespace {

void AddDatabaseFlags(CLI::App* command, DatabaseFlags* flags, bool offers_read_only) {
  command->add_option("--db", flags->db, "Database directory")->capture_default_str();
  if (offers_read_only) {
    command->add_flag("--read-only", flags->read_only,
                      "Open a read-only snapshot (works while `dossier serve` holds the database)");
  }
}

// Whole-database commands cannot go through the server; --server explains
// what works instead of failing on an unknown flag.
void AddServerRedirect(CLI::App* command, const std::string& name) {
  command->add_option_function<std::string>(
      "--server",
      [name](const std::string&) {
        throw CLI::ValidationError(
            "--server", "`dossier " + name +
                            "` reads the whole database and does not go through "
                            "the server; while `dossier serve` holds it, run `dossier " +
                            name +
                            " --db DIR --read-only` (a consistent snapshot, no lock needed)");
      },
      "Not supported for this command: use --read-only while a server runs");
}

}  // namespace

void AddStatsCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DatabaseFlags>();
  auto as_json = std::make_shared<bool>(false);
  auto client = std::make_shared<ClientFlags>();
  CLI::App* cmd = app.add_subcommand("stats", "Counts of nodes and edges by type");
  AddDatabaseFlags(cmd, flags.get(), true);
  cmd->add_flag("--json", *as_json, "Print JSON");
  CLI::Option* server =
      cmd->add_option("--server", client->server,
                      "Ask the running `dossier serve` at HOST:PORT instead of opening --db");
  AddClientFlags(cmd, client.get(), false);
  cmd->callback([=] {
    if (server->count() > 0) {
      *exit_code = PrintServerStats(*client, *as_json);
      return;
    }
    auto graph = OpenDatabase(*flags, false);
    if (!graph.ok()) {
      *exit_code = ReportError("stats", graph.status());
      return;
    }
    auto view = (*graph)->NewReadView();
    absl::StatusOr<graph::GraphStats> stats = view->Stats();
    if (!stats.ok()) {
      *exit_code = ReportError("stats", stats.status());
      return;
    }
    if (*as_json) {
      nlohmann::json j = {{"nodes", stats->node_count},
                          {"edges", stats->edge_count},
                          {"evidence", stats->evidence_count},
                          {"nodes_by_type", stats->nodes_by_type},
                          {"edges_by_type", stats->edges_by_type},
                          {"sequence", view->sequence()}};
      std::cout << j.dump(2) << "\n";
    } else {
      std::cout << absl::StrFormat("%-24s %10s\n", "NODE TYPE", "COUNT");
      for (const auto& [type, n] : stats->nodes_by_type) {
        std::cout << absl::StrFormat("%-24s %10d\n", type, n);
      }
      std::cout << absl::StrFormat("%-24s %10d\n\n", "(all nodes)", stats->node_count);
      std::cout << absl::StrFormat("%-24s %10s\n", "EDGE TYPE", "COUNT");
      for (const auto& [type, n] : stats->edges_by_type) {
        std::cout << absl::StrFormat("%-24s %10d\n", type, n);
      }
      std::cout << absl::StrFormat("%-24s %10d\n", "(all edges)", stats->edge_count);
      std::cout << absl::StrFormat("%-24s %10d\n", "(evidence records)", stats->evidence_count);
    }
    *exit_code = 0;
  });
}

void AddCheckCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DatabaseFlags>();
  auto max_reported = std::make_shared<size_t>(1000);
  CLI::App* cmd = app.add_subcommand(
      "check", "Verify every invariant (mirrors, indexes, counters); non-zero exit on violations");
  AddDatabaseFlags(cmd, flags.get(), true);
  cmd->add_option("--max-reported", *max_reported, "Violations to list")->capture_default_str();
  AddServerRedirect(cmd, "check");
  cmd->callback([=] {
    auto graph = OpenDatabase(*flags, false);
    if (!graph.ok()) {
      *exit_code = ReportError("check", graph.status());
      return;
    }
    graph::CheckReport report =
        graph::CheckGraph(*(*graph)->NewReadView(), {.max_reported = *max_reported});
    for (const graph::CheckViolation& v : report.violations) {
      std::cout << "VIOLATION " << v.invariant << ": " << v.detail << "\n";
    }
    std::cout << "checked " << report.nodes_checked << " nodes and " << report.edges_checked
              << " edges: " << (report.ok() ? "ok" : "");
    if (!report.ok()) std::cout << report.violation_count << " violation(s)";
    std::cout << "\n";
    *exit_code = report.ok() ? 0 : 5;
  });
}

void AddExportCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<DatabaseFlags>();
  auto format = std::make_shared<std::string>("json");
  auto out_path = std::make_shared<std::string>("-");
  CLI::App* cmd = app.add_subcommand("export", "Write the whole graph to a file or stdout");
  AddDatabaseFlags(cmd, flags.get(), true);
  cmd->add_option(
         "--format", *format,
         "Output format: json, graphml, gexf (1.3), cytoscape (Cytoscape.js elements) or dot")
      ->check(CLI::IsMember(exporter::ExportFormatNames()))
      ->capture_default_str();
  AddServerRedirect(cmd, "export");
  cmd->add_option("-o,--out", *out_path, "Output file ('-' for stdout)")->capture_default_str();
  // Every option's storage is captured: CLI11 writes through references to it.
  cmd->callback([flags, format, out_path, exit_code] {
    auto graph = OpenDatabase(*flags, false);
    if (!graph.ok()) {
      *exit_code = ReportError("export", graph.status());
      return;
    }
    std::ofstream file;
    std::ostream* out = &std::cout;
    if (*out_path != "-") {
      file.open(*out_path, std::ios::binary | std::ios::trunc);
      if (!file) {
        *exit_code =
            ReportError("export", absl::PermissionDeniedError("cannot write " + *out_path));
        return;
      }
      out = &file;
    }
    auto view = (*graph)->NewReadView();
    absl::Status s = *format == "json"
                         ? exporter::ExportJson(*view, *out)
                         : exporter::ExportGraph(*exporter::ParseExportFormat(*format),
                                                 exporter::ViewSource(*view, true), *out);
    *exit_code = s.ok() ? 0 : ReportError("export", s);
  });
}

}  // namespace dossier::cli
