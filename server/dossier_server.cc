#include "server/dossier_server.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "server/auth.h"
#include "server/call_observer.h"
#include "server/graph_service.h"
#include "server/metrics.h"
#include "server/worker_pool.h"

namespace dossier::server {
namespace {

constexpr char kServiceName[] = "dossier.v1.GraphService";

absl::StatusOr<std::string> ReadFile(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", what, " ", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerConfig& config) {
  if (config.tls_cert_file.empty() != config.tls_key_file.empty()) {
    return absl::InvalidArgumentError("TLS needs both --tls-cert and --tls-key");
  }
  if (config.tls_cert_file.empty()) return grpc::InsecureServerCredentials();
  absl::StatusOr<std::string> cert = ReadFile(config.tls_cert_file, "TLS certificate");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadFile(config.tls_key_file, "TLS key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options;
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

// Which interceptor instance serves which factory: gRPC owns the factories
// it is given, the server keeps the Metrics they point to.
std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> Interceptors(
    std::shared_ptr<const TokenStore> tokens, Metrics* metrics, bool log_calls,
    CallObserverFactory** observer) {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> out;
  // The observer first, so that it also sees (and counts) refused calls.
  auto observer_factory = std::make_unique<CallObserverFactory>(metrics, log_calls);
  *observer = observer_factory.get();
  out.push_back(std::move(observer_factory));
  out.push_back(std::make_unique<AuthInterceptorFactory>(std::move(tokens)));
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DossierServer>> DossierServer::Start(const ServerConfig& config,
                                                                    DocumentImporter importer) {
  // Debian's abseil is built without NDEBUG, so every absl::Mutex
  // acquisition (gRPC takes several per call; Dossier itself uses none)
  // would also update a process-wide lock-order graph under a global lock:
  // a few percent of a short call's CPU in profiles. Process-wide, and the
  // server owns the process it runs in.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  std::unique_ptr<DossierServer> self(new DossierServer());
  self->config_ = config;
  if (config.worker_threads < 1)
    return absl::InvalidArgumentError("worker threads must be at least 1");
  if (config.max_queued_calls < 1)
    return absl::InvalidArgumentError("max queued calls must be at least 1");

  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = Credentials(config);
  if (!credentials.ok()) return credentials.status();
  std::shared_ptr<const TokenStore> tokens;
  if (!config.token_file.empty()) {
    absl::StatusOr<std::shared_ptr<const TokenStore>> loaded = TokenStore::Load(config.token_file);
    if (!loaded.ok()) return loaded.status();
    tokens = *std::move(loaded);
  }

  absl::StatusOr<std::unique_ptr<graph::Graph>> graph =
      graph::Graph::Open({.path = config.db,
                          .sync_writes = config.sync_writes,
                          .block_cache_bytes = config.block_cache_bytes,
                          .adjacency_snapshot = config.adjacency_snapshot});
  if (!graph.ok()) return graph.status();
  self->graph_ = *std::move(graph);
  self->upgraded_from_format_ = self->graph_->upgraded_from_format();
  if (config.adjacency_snapshot) {
    // Built before listening, so the first calls are answered from memory rather than from a
    // cold RocksDB while a background build takes both cores. A graph the snapshot cannot hold
    // (ids too sparse) is still served, from RocksDB, as the background refresher would leave it.
    absl::Status built = self->graph_->RefreshAdjacencySnapshot();
    if (!built.ok() && !absl::IsResourceExhausted(built)) return built;
  }

  absl::StatusOr<std::unique_ptr<Metrics>> metrics = Metrics::Create(config.metrics_listen);
  if (!metrics.ok()) return metrics.status();
  self->metrics_ = *std::move(metrics);

  self->pool_ = std::make_unique<WorkerPool>(config.worker_threads, config.max_queued_calls);
  self->service_ = std::make_unique<GraphServiceImpl>(ServiceOptions{
      .graph = self->graph_.get(),
      .pool = self->pool_.get(),
      .caps = config.caps,
      .read_only = config.read_only,
      .inline_reads = config.inline_reads,
      .importer = std::move(importer),
      .testing_delay_per_hit = config.testing_delay_per_hit,
      .draining = &self->draining_,
  });

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, *credentials, &port);
  builder.RegisterService(self->service_.get());
  builder.SetMaxReceiveMessageSize(config.max_message_bytes);
  builder.SetMaxSendMessageSize(config.max_message_bytes);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(config.keepalive_time)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(config.keepalive_timeout)));
  // Clients may ping every 10 s while idle without being cut off.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10'000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
  // Port reuse would let a second server bind the same port silently.
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder.experimental().SetInterceptorCreators(
      Interceptors(std::move(tokens), self->metrics_.get(), config.log_calls, &self->observer_));
  self->server_ = builder.BuildAndStart();
  if (self->server_ == nullptr || port == 0) {
    self->server_.reset();
    self->pool_->Stop();
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", config.listen, " (address in use or not valid?)"));
  }
  self->address_ = absl::StrCat(config.listen.substr(0, config.listen.rfind(':')), ":", port);
  grpc::HealthCheckServiceInterface* health = self->server_->GetHealthCheckService();
  if (health != nullptr) {
    health->SetServingStatus(true);
    health->SetServingStatus(kServiceName, true);
  }
  return self;
}

const std::string& DossierServer::metrics_address() const { return metrics_->bound_address(); }

DossierServer::~DossierServer() { Shutdown().IgnoreError(); }

absl::Status DossierServer::Shutdown() {
  if (stopped_) return absl::OkStatus();
  stopped_ = true;
  if (server_ != nullptr) {
    if (grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService()) {
      health->SetServingStatus(false);  // Load balancers stop sending new calls.
    }
    // gRPC's own Shutdown(deadline) also waits for idle clients to hang up,
    // so a connected but idle client would hold it for the whole grace
    // period. Drain by counting calls instead, then shut down at once:
    // what is still running is cancelled (the workers see it and finish
    // their reactors) and idle connections are closed.
    draining_.store(true);
    const absl::Time deadline = absl::Now() + config_.shutdown_grace;
    while (observer_ != nullptr && observer_->in_flight().load() > 0 && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(10));
    }
    server_->Shutdown(std::chrono::system_clock::now());
  }
  if (pool_ != nullptr) pool_->Stop();
  server_.reset();
  service_.reset();
  if (graph_ != nullptr) return graph_->Close();
  return absl::OkStatus();
}

}  // namespace dossier::server
