// A running Dossier gRPC server: the database (held, and so locked, while
// the server runs), the worker pool, the GraphService with health checking
// and reflection, interceptors for auth and call logging, and metrics.
//
//   auto server = DossierServer::Start(config, importer);
//   std::cout << "listening on " << (*server)->address() << "\n";
//   ... wait for a signal ...
//   (*server)->Shutdown();  // Drains calls, closes the database.
#ifndef DOSSIER_SERVER_DOSSIER_SERVER_H_
#define DOSSIER_SERVER_DOSSIER_SERVER_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "graph/graph.h"
#include "grpcpp/grpcpp.h"
#include "server/document_importer.h"
#include "server/server_config.h"

namespace dossier::server {

class CallObserverFactory;
class GraphServiceImpl;
class Metrics;
class WorkerPool;

class DossierServer {
 public:
  // FAILED_PRECONDITION when the database is locked by another process,
  // UNAVAILABLE when an address cannot be bound, INVALID_ARGUMENT for a bad
  // configuration (TLS files, token file).
  static absl::StatusOr<std::unique_ptr<DossierServer>> Start(const ServerConfig& config,
                                                              DocumentImporter importer);
  ~DossierServer();  // Shuts down if still running.
  DossierServer(const DossierServer&) = delete;
  DossierServer& operator=(const DossierServer&) = delete;

  // "host:port" as bound (port 0 in the config is replaced by the real one).
  const std::string& address() const { return address_; }
  // "host:port" of /metrics; empty when metrics are not served.
  const std::string& metrics_address() const;

  // The on-disk format that opening upgraded the database from; 0 if it was current.
  int database_upgraded_from_format() const { return upgraded_from_format_; }

  // Refuses new calls (UNAVAILABLE, health NOT_SERVING), lets in-flight
  // calls finish for up to the configured grace period, cancels the rest
  // and disconnects clients, stops the workers and closes the database.
  // Idempotent.
  absl::Status Shutdown();

 private:
  DossierServer() = default;

  ServerConfig config_;
  std::string address_;
  std::unique_ptr<graph::Graph> graph_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<WorkerPool> pool_;
  std::unique_ptr<GraphServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  CallObserverFactory* observer_ = nullptr;  // Owned by server_; counts calls in flight.
  std::atomic<bool> draining_{false};
  bool stopped_ = false;
  int upgraded_from_format_ = 0;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_DOSSIER_SERVER_H_
