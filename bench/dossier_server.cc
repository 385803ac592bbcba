#include "bench/dossier_server.h"

#include <limits>

#include "absl/strings/str_cat.h"

namespace dossier::bench {

std::string DefaultDossierBinary() {
#ifdef DOSSIER_BENCH_DOSSIER_BINARY
  return DOSSIER_BENCH_DOSSIER_BINARY;
#else
  return "dossier";
#endif
}

absl::StatusOr<CommandResult> LoadWithDossier(const std::string& binary, const std::string& db,
                                              const std::string& nodes_csv,
                                              const std::string& edges_csv,
                                              const std::string& log_path) {
  absl::StatusOr<CommandResult> run = RunCommand(
      {binary, "load", "--db", db, "--nodes", nodes_csv, "--edges", edges_csv}, log_path);
  if (!run.ok()) return run.status();
  if (run->exit_code != 0) {
    return absl::InternalError(
        absl::StrCat("dossier load exited with ", run->exit_code, ": ", FileTail(log_path)));
  }
  return run;
}

absl::StatusOr<std::unique_ptr<DossierServer>> DossierServer::Start(const ServerLaunch& launch) {
  const std::string unlimited = std::to_string(std::numeric_limits<int64_t>::max());
  std::vector<std::string> argv = {launch.binary, "serve",
                                   "--db",        launch.db,
                                   "--listen",    "127.0.0.1:0",
                                   "--quiet",     "--max-nodes",
                                   unlimited,     "--max-edges-per-node",
                                   unlimited,     "--max-work",
                                   unlimited,     "--max-call-seconds",
                                   "600"};
  if (launch.workers > 0) {
    argv.push_back("--workers");
    argv.push_back(std::to_string(launch.workers));
  }
  argv.insert(argv.end(), launch.extra_args.begin(), launch.extra_args.end());
  absl::StatusOr<std::unique_ptr<ChildProcess>> child = ChildProcess::Start(argv, launch.log_path);
  if (!child.ok()) return child.status();
  absl::StatusOr<std::string> address = (*child)->WaitForLine("listening on ", 120);
  if (!address.ok()) return address.status();
  return std::unique_ptr<DossierServer>(new DossierServer(*std::move(child), *std::move(address)));
}

std::unique_ptr<v1::GraphService::Stub> DossierServer::NewStub() const {
  grpc::ChannelArguments args;
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetMaxReceiveMessageSize(64 << 20);
  return v1::GraphService::NewStub(
      grpc::CreateCustomChannel(address_, grpc::InsecureChannelCredentials(), args));
}

int64_t DossierServer::PeakRssBytes() const {
  return process_ && process_->running() ? ProcessPeakRssBytes(process_->pid()) : 0;
}

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

}  // namespace dossier::bench
