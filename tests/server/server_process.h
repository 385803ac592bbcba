// Runs the real `dossier` binary for the server tests: `dossier serve` on
// 127.0.0.1:0 (the bound address is read from its stdout, never guessed)
// and one-shot commands with their output captured.
#ifndef DOSSIER_TESTS_SERVER_SERVER_PROCESS_H_
#define DOSSIER_TESTS_SERVER_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "dossier/v1/graph_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace dossier::testing {

// DOSSIER_BINARY is set by CMake to $<TARGET_FILE:dossier>.
inline std::string DossierBinary() { return DOSSIER_BINARY; }

class ServerProcess {
 public:
  // Starts `dossier serve --db DB --listen 127.0.0.1:0 --metrics-listen
  // 127.0.0.1:0 EXTRA...`, stderr to `log_path`, and waits for its address.
  // On failure `ok()` is false and error() says why.
  ServerProcess(const std::string& db, const std::vector<std::string>& extra_args,
                const std::string& log_path);
  ~ServerProcess();  // SIGKILLs a server still running.

  bool ok() const { return pid_ > 0 && !address_.empty(); }
  const std::string& error() const { return error_; }
  const std::string& address() const { return address_; }
  const std::string& metrics_address() const { return metrics_address_; }
  const std::string& log_path() const { return log_path_; }
  pid_t pid() const { return pid_; }

  // SIGTERM, then waits; returns the exit status (-1 on a signal death or
  // when it did not stop within `timeout_seconds`).
  int Stop(double timeout_seconds = 20);

  std::shared_ptr<grpc::Channel> Channel() const;
  std::unique_ptr<v1::GraphService::Stub> Stub() const;

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string address_;
  std::string metrics_address_;
  std::string log_path_;
  std::string error_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `dossier ARGS...` to completion.
CommandResult RunDossier(const std::vector<std::string>& args);

// A client context with a deadline and an optional bearer token.
std::unique_ptr<grpc::ClientContext> Context(const std::string& token = "",
                                             int timeout_ms = 10'000);

// GET http://ADDRESS/PATH over a plain socket; the body, or "" on failure.
std::string HttpGet(const std::string& address, const std::string& path);

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SERVER_SERVER_PROCESS_H_
