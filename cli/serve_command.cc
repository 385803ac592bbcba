#include "cli/serve_command.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "cli/cli_common.h"
#include "importer/graph_writer.h"
#include "server/dossier_server.h"
#include "server/server_config.h"

namespace dossier::cli {

server::DocumentImporter MakeServerDocumentImporter() {
  // Loaded once and shared: the gazetteer is immutable after loading.
  auto gazetteer = std::make_shared<absl::StatusOr<importer::Gazetteer>>(
      importer::Gazetteer::Load(importer::Gazetteer::DefaultDataDir()));
  return [gazetteer](graph::Graph& graph, std::string_view bytes,
                     std::string_view file_name) -> absl::StatusOr<server::ImportOutcome> {
    if (!gazetteer->ok()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the importer's gazetteers could not be loaded: ", gazetteer->status().message()));
    }
    importer::LetterImporter letter_importer(&graph, &**gazetteer);
    absl::StatusOr<importer::ImportResult> result = letter_importer.Import(bytes, file_name);
    if (!result.ok()) {
      return absl::Status(result.status().code(),
                          absl::StrCat(std::string(file_name), ": ", result.status().message()));
    }
    server::ImportOutcome outcome;
    outcome.letter_id = result->letter;
    outcome.nodes_created = static_cast<int64_t>(result->nodes_added);
    outcome.nodes_matched = static_cast<int64_t>(result->nodes_merged);
    outcome.edges_created = static_cast<int64_t>(result->edges_added);
    outcome.evidence_added = static_cast<int64_t>(result->evidence_added);
    outcome.mentions_added = static_cast<int64_t>(result->mentions_added);
    outcome.warnings = result->warnings;
    if (result->unchanged)
      outcome.warnings.push_back("unchanged: these bytes were already imported");
    return outcome;
  };
}

namespace {

struct ServeFlags {
  server::ServerConfig config;
  double max_call_seconds = 30;
  double shutdown_grace_seconds = 5;
  double keepalive_seconds = 60;
  double testing_delay_per_hit_ms = 0;
  bool quiet = false;
  std::string config_file;
};

void AddFlags(CLI::App* cmd, ServeFlags* f) {
  server::ServerConfig& c = f->config;
  server::ServerCaps& caps = c.caps;
  cmd->add_option(
      "--config", f->config_file,
      "Read flags from a TOML/INI file: one 'name = value' per line, names as the long "
      "flags without --, e.g. listen = \"127.0.0.1:50051\"; flags on the command line win");
  cmd->add_option("--db", c.db, "Database directory (created if missing)")->capture_default_str();
  cmd->add_option(
         "--listen", c.listen,
         "Address to serve gRPC on, HOST:PORT; port 0 picks a free one (printed on stdout)")
      ->capture_default_str();
  cmd->add_flag("--read-only", c.read_only, "Refuse every mutation (FAILED_PRECONDITION)");
  cmd->add_flag("--sync", c.sync_writes, "fsync the write-ahead log on every commit");
  cmd->add_flag(
         "--adjacency-snapshot,!--no-adjacency-snapshot", c.adjacency_snapshot,
         "Keep an in-memory copy of the adjacency lists for traversals (about 32 bytes an edge)")
      ->capture_default_str();
  cmd->add_option("--block-cache-bytes", c.block_cache_bytes, "RocksDB block cache size")
      ->capture_default_str();
  cmd->add_option("--tls-cert", c.tls_cert_file,
                  "TLS certificate chain (PEM); with --tls-key enables TLS")
      ->group("Security");
  cmd->add_option("--tls-key", c.tls_key_file, "TLS private key (PEM)")->group("Security");
  cmd->add_option("--token-file", c.token_file,
                  "Bearer tokens, one per line: 'TOKEN read' or 'TOKEN read,write'; without it "
                  "there is no authentication")
      ->group("Security");
  cmd->add_option("--metrics-listen", c.metrics_listen,
                  "Serve Prometheus /metrics on HOST:PORT (port 0: any free port); off when empty")
      ->group("Operations");
  cmd->add_option("--workers", c.worker_threads, "Worker threads for the graph work")
      ->capture_default_str()
      ->group("Operations");
  cmd->add_flag("--inline-reads,!--no-inline-reads", c.inline_reads,
                "Answer short, bounded reads (GetNode, GetStats, small BatchGetNodes, exact "
                "FindNodes and ListNeighbors pages) on gRPC's threads instead of the workers")
      ->capture_default_str()
      ->group("Operations");
  cmd->add_option("--max-queued-calls", c.max_queued_calls,
                  "Calls waiting for a worker before new ones get RESOURCE_EXHAUSTED")
      ->capture_default_str()
      ->group("Operations");
  cmd->add_option("--max-message-bytes", c.max_message_bytes, "Largest request or response message")
      ->capture_default_str()
      ->group("Operations");
  cmd->add_option("--keepalive-seconds", f->keepalive_seconds, "HTTP/2 keepalive ping interval")
      ->capture_default_str()
      ->group("Operations");
  cmd->add_option(
         "--shutdown-grace-seconds", f->shutdown_grace_seconds,
         "On SIGTERM/SIGINT, how long in-flight calls may finish before they are cancelled")
      ->capture_default_str()
      ->group("Operations");
  cmd->add_flag("--quiet", f->quiet, "No per-call log lines on stderr")->group("Operations");
  cmd->add_option("--max-page-size", caps.max_page_size, "Cap on page_size")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-batch", caps.max_batch, "Cap on ids/nodes/edges per request message")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-depth", caps.max_depth, "Cap on traversal, path and subgraph depth")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-nodes", caps.max_nodes, "Cap on nodes per traversal or subgraph")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-edges-per-node", caps.max_edges_per_node, "Cap on edges expanded per node")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-work", caps.max_work, "Cap on edges examined per traversal")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-subgraph-edges", caps.max_subgraph_edges, "Cap on edges per subgraph")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-paths", caps.max_paths, "Cap on all-shortest-paths results")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-traverse-batch", caps.max_traverse_batch,
                  "Cap on hits per Traverse message")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option("--max-call-seconds", f->max_call_seconds, "Cap on any one call's work time")
      ->capture_default_str()
      ->group("Hard caps (win over requests)");
  cmd->add_option(
         "--testing-delay-per-hit-ms", f->testing_delay_per_hit_ms,
         "TESTING ONLY: sleep after each traversal hit (to test deadlines and cancellation)")
      ->group("Testing");
}

// CLI11 2.1 reads config files for the top-level app only, so the serve
// command applies its own: every item sets the flag of the same name unless
// the command line gave it. Items may sit at the top or in a [serve] section.
absl::Status ApplyConfigFile(CLI::App* cmd, const std::string& path) {
  try {
    std::vector<CLI::ConfigItem> items = CLI::ConfigTOML().from_file(path);
    for (const CLI::ConfigItem& item : items) {
      if (item.name == "++" || item.name == "--") continue;  // Section markers.
      if (!item.parents.empty() && !(item.parents.size() == 1 && item.parents[0] == "serve"))
        continue;
      if (item.name == "config") continue;
      CLI::Option* option = cmd->get_option_no_throw("--" + item.name);
      if (option == nullptr) {
        return absl::InvalidArgumentError(
            absl::StrCat(path, ": unknown setting \"", item.name, "\" (see dossier serve --help)"));
      }
      if (option->count() > 0) continue;  // The command line wins.
      option->add_result(item.inputs);
      option->run_callback();
    }
  } catch (const CLI::Error& e) {
    return absl::InvalidArgumentError(absl::StrCat("config file ", path, ": ", e.what()));
  }
  return absl::OkStatus();
}

// Blocks the stop signals in this thread and every thread started after
// it, so that they are taken only by sigwait() below.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int Serve(const ServeFlags& flags) {
  server::ServerConfig config = flags.config;
  config.caps.max_call_time = absl::Seconds(flags.max_call_seconds);
  config.shutdown_grace = absl::Seconds(flags.shutdown_grace_seconds);
  config.keepalive_time = absl::Seconds(flags.keepalive_seconds);
  config.testing_delay_per_hit = absl::Milliseconds(flags.testing_delay_per_hit_ms);
  config.log_calls = !flags.quiet;

  sigset_t signals = BlockStopSignals();
  absl::StatusOr<std::unique_ptr<server::DossierServer>> server =
      server::DossierServer::Start(config, MakeServerDocumentImporter());
  if (!server.ok()) return ReportError("serve", server.status());
  ReportUpgrade("dossier serve", flags.config.db, (*server)->database_upgraded_from_format());
  // Tests and scripts read these lines to find the ports.
  std::cout << "listening on " << (*server)->address() << std::endl;
  if (!(*server)->metrics_address().empty()) {
    std::cout << "metrics on " << (*server)->metrics_address() << std::endl;
  }
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  std::cerr << "dossier serve: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << ": shutting down\n";
  absl::Status closed = (*server)->Shutdown();
  int code = closed.ok() ? 0 : ReportError("serve", closed);
  if (closed.ok()) std::cout << "stopped" << std::endl;
  // The database is closed and every call answered. What is left, the
  // metrics HTTP server's and gRPC's own teardown, each waits about two
  // seconds for background threads to notice; a stopping service should not.
  std::fflush(nullptr);
  std::_Exit(code);
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* cmd = app.add_subcommand(
      "serve",
      "Serve the database over gRPC (dossier.v1.GraphService, health, reflection) until "
      "SIGTERM/SIGINT; holds the database lock while running");
  AddFlags(cmd, flags.get());
  cmd->callback([=] {
    if (!flags->config_file.empty()) {
      if (absl::Status s = ApplyConfigFile(cmd, flags->config_file); !s.ok()) {
        *exit_code = ReportError("serve", s);
        return;
      }
    }
    *exit_code = Serve(*flags);
  });
}

}  // namespace dossier::cli
