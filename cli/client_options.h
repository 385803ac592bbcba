// How the client commands (`dossier query`, `stats --server`) reach a
// server: address, bearer token, TLS trust and a per-call timeout.
#ifndef DOSSIER_CLI_CLIENT_OPTIONS_H_
#define DOSSIER_CLI_CLIENT_OPTIONS_H_

#include <memory>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "dossier/v1/graph_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace dossier::cli {

struct ClientFlags {
  std::string server = "127.0.0.1:50051";
  std::string token;            // Bearer token; DOSSIER_TOKEN from the environment when empty.
  std::string token_file;       // A file whose first line is the token.
  std::string tls_ca;           // PEM roots: connect with TLS and trust these.
  std::string tls_server_name;  // Override the name checked in the server's certificate.
  double timeout_seconds = 30;
};

// Adds --token, --token-file, --tls-ca, --tls-server-name, --timeout (and
// --server when `with_server`) to `command`.
void AddClientFlags(CLI::App* command, ClientFlags* flags, bool with_server);

class Client {
 public:
  static absl::StatusOr<std::unique_ptr<Client>> Connect(const ClientFlags& flags);

  // A context with the deadline and the authorization metadata set.
  std::unique_ptr<grpc::ClientContext> NewContext() const;
  v1::GraphService::Stub& stub() { return *stub_; }

 private:
  Client() = default;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::GraphService::Stub> stub_;
  std::string token_;
  double timeout_seconds_ = 30;
};

// grpc::Status -> absl::Status, prefixed with what the server said.
absl::Status FromGrpc(const grpc::Status& status);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_CLIENT_OPTIONS_H_
