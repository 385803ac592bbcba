#include "cli/client_options.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace dossier::cli {

void AddClientFlags(CLI::App* command, ClientFlags* flags, bool with_server) {
  if (with_server) {
    command->add_option("--server", flags->server, "Server address HOST:PORT")
        ->capture_default_str();
  }
  command->add_option(
      "--token", flags->token,
      "Bearer token (default: $DOSSIER_TOKEN); visible in `ps`, prefer --token-file");
  command->add_option("--token-file", flags->token_file,
                      "File whose first line is the bearer token");
  command->add_option("--tls-ca", flags->tls_ca,
                      "Use TLS, trusting the CA certificates in this PEM file");
  command->add_option("--tls-server-name", flags->tls_server_name,
                      "Name to expect in the server's certificate (default: the host of --server)");
  command->add_option("--timeout", flags->timeout_seconds, "Seconds before a call gives up")
      ->capture_default_str();
}

absl::StatusOr<std::unique_ptr<Client>> Client::Connect(const ClientFlags& flags) {
  std::unique_ptr<Client> client(new Client());
  client->timeout_seconds_ = flags.timeout_seconds;
  client->token_ = flags.token;
  if (!flags.token_file.empty()) {
    std::ifstream in(flags.token_file);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read token file ", flags.token_file));
    std::getline(in, client->token_);
    client->token_ = std::string(absl::StripAsciiWhitespace(client->token_));
  }
  if (client->token_.empty()) {
    if (const char* env = std::getenv("DOSSIER_TOKEN")) client->token_ = env;
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials = grpc::InsecureChannelCredentials();
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(256 << 20);
  if (!flags.tls_ca.empty()) {
    std::ifstream in(flags.tls_ca, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot read CA file ", flags.tls_ca));
    std::stringstream pem;
    pem << in.rdbuf();
    credentials = grpc::SslCredentials({.pem_root_certs = pem.str()});
    if (!flags.tls_server_name.empty()) {
      args.SetSslTargetNameOverride(flags.tls_server_name);
    }
  }
  client->channel_ = grpc::CreateCustomChannel(flags.server, credentials, args);
  client->stub_ = v1::GraphService::NewStub(client->channel_);
  return client;
}

std::unique_ptr<grpc::ClientContext> Client::NewContext() const {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() +
                        std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds_ * 1000)));
  if (!token_.empty()) context->AddMetadata("authorization", "Bearer " + token_);
  return context;
}

absl::Status FromGrpc(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  std::string message = status.error_message();
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    message = absl::StrCat("server unavailable (is `dossier serve` running there?): ", message);
  }
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), message);
}

}  // namespace dossier::cli
