// The real `dossier` binary as the benchmarks drive it: `dossier load` into a
// fresh database, then `dossier serve` on 127.0.0.1:0 (the bound address is
// read from its "listening on HOST:PORT" line, never guessed), with the
// traversal caps raised so supernode answers are complete, and gRPC stubs
// on their own loopback connections.
#ifndef DOSSIER_BENCH_DOSSIER_SERVER_H_
#define DOSSIER_BENCH_DOSSIER_SERVER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "bench/child_process.h"
#include "dossier/v1/graph_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace dossier::bench {

// $<TARGET_FILE:dossier> of the build this benchmark belongs to.
std::string DefaultDossierBinary();

// `dossier load --db DB --nodes N --edges E`, output appended to `log_path`.
// A non-zero exit is an error carrying the log's tail.
absl::StatusOr<CommandResult> LoadWithDossier(const std::string& binary, const std::string& db,
                                              const std::string& nodes_csv,
                                              const std::string& edges_csv,
                                              const std::string& log_path);

struct ServerLaunch {
  std::string binary;
  std::string db;
  std::string log_path;  // The server's stderr.
  int workers = 0;       // 0: the server's default (--workers).
  // Added after the defaults below (later flags win in CLI11).
  std::vector<std::string> extra_args;
};

// A running `dossier serve --db DB --listen 127.0.0.1:0 --quiet` with
// --max-nodes, --max-edges-per-node and --max-work at INT64_MAX and
// --max-call-seconds 600: the benchmark asks for complete answers; the
// shipped caps (10k nodes, 10k edges per node, 1M edges examined) would
// truncate traversals through supernodes. Page size and batch caps stay as
// shipped (1000).
class DossierServer {
 public:
  static absl::StatusOr<std::unique_ptr<DossierServer>> Start(const ServerLaunch& launch);
  ~DossierServer() { Stop(); }

  const std::string& address() const { return address_; }
  pid_t pid() const { return process_->pid(); }

  // A stub on a channel of its own (a local subchannel pool, so each stub is
  // its own TCP connection, as separate clients would be).
  std::unique_ptr<v1::GraphService::Stub> NewStub() const;

  // The server's VmHWM so far; 0 once stopped.
  int64_t PeakRssBytes() const;

  // SIGTERM and wait (the server drains calls for its shutdown grace).
  int Stop() { return process_ ? process_->Stop(30) : -1; }

 private:
  DossierServer(std::unique_ptr<ChildProcess> process, std::string address)
      : process_(std::move(process)), address_(std::move(address)) {}
  std::unique_ptr<ChildProcess> process_;
  std::string address_;
};

// grpc::Status -> absl::Status with the same code and message.
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_DOSSIER_SERVER_H_
