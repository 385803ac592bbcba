// dossier.v1.GraphService on gRPC's callback API. Handlers check
// authorisation on gRPC's threads. Short, bounded reads (server/inline_policy.h)
// then run right there; everything else is handed to the WorkerPool, whose
// threads read or write the graph and finish the reactors.
#ifndef DOSSIER_SERVER_GRAPH_SERVICE_H_
#define DOSSIER_SERVER_GRAPH_SERVICE_H_

#include <atomic>

#include "dossier/v1/graph_service.grpc.pb.h"
#include "graph/graph.h"
#include "grpcpp/grpcpp.h"
#include "server/auth.h"
#include "server/call_env.h"
#include "server/document_importer.h"
#include "server/server_config.h"
#include "server/worker_pool.h"

namespace dossier::server {

// absl::Status -> grpc::Status, code and message kept.
grpc::Status ToGrpcStatus(const absl::Status& status);

struct ServiceOptions {
  graph::Graph* graph = nullptr;  // Must outlive the service.
  WorkerPool* pool = nullptr;     // Must outlive the service.
  ServerCaps caps;
  bool read_only = false;
  // Run bounded reads on gRPC's callback thread (server/inline_policy.h);
  // false sends every call through the pool.
  bool inline_reads = true;
  DocumentImporter importer;  // Empty: ImportDocument is UNIMPLEMENTED.
  absl::Duration testing_delay_per_hit = absl::ZeroDuration();
  // Set when shutdown begins: new calls get UNAVAILABLE while in-flight
  // ones finish. Owned by the server; must outlive the service.
  const std::atomic<bool>* draining = nullptr;
};

class GraphServiceImpl final : public v1::GraphService::CallbackService {
 public:
  explicit GraphServiceImpl(ServiceOptions options) : options_(std::move(options)) {}

  grpc::ServerUnaryReactor* GetNode(grpc::CallbackServerContext* context,
                                    const v1::GetNodeRequest* request,
                                    v1::GetNodeResponse* response) override;
  grpc::ServerUnaryReactor* BatchGetNodes(grpc::CallbackServerContext* context,
                                          const v1::BatchGetNodesRequest* request,
                                          v1::BatchGetNodesResponse* response) override;
  grpc::ServerUnaryReactor* FindNodes(grpc::CallbackServerContext* context,
                                      const v1::FindNodesRequest* request,
                                      v1::FindNodesResponse* response) override;
  grpc::ServerUnaryReactor* ListNeighbors(grpc::CallbackServerContext* context,
                                          const v1::ListNeighborsRequest* request,
                                          v1::ListNeighborsResponse* response) override;
  grpc::ServerWriteReactor<v1::TraverseResponse>* Traverse(
      grpc::CallbackServerContext* context, const v1::TraverseRequest* request) override;
  grpc::ServerUnaryReactor* ShortestPath(grpc::CallbackServerContext* context,
                                         const v1::ShortestPathRequest* request,
                                         v1::ShortestPathResponse* response) override;
  grpc::ServerUnaryReactor* Subgraph(grpc::CallbackServerContext* context,
                                     const v1::SubgraphRequest* request,
                                     v1::SubgraphResponse* response) override;
  grpc::ServerUnaryReactor* GetStats(grpc::CallbackServerContext* context,
                                     const v1::GetStatsRequest* request,
                                     v1::GetStatsResponse* response) override;
  grpc::ServerUnaryReactor* ImportDocument(grpc::CallbackServerContext* context,
                                           const v1::ImportDocumentRequest* request,
                                           v1::ImportDocumentResponse* response) override;
  grpc::ServerUnaryReactor* UpsertNodes(grpc::CallbackServerContext* context,
                                        const v1::UpsertNodesRequest* request,
                                        v1::UpsertNodesResponse* response) override;
  grpc::ServerReadReactor<v1::UpsertEdgesRequest>* UpsertEdges(
      grpc::CallbackServerContext* context, v1::UpsertEdgesResponse* response) override;
  grpc::ServerUnaryReactor* DeleteNode(grpc::CallbackServerContext* context,
                                       const v1::DeleteNodeRequest* request,
                                       v1::DeleteNodeResponse* response) override;
  grpc::ServerUnaryReactor* DeleteEdge(grpc::CallbackServerContext* context,
                                       const v1::DeleteEdgeRequest* request,
                                       v1::DeleteEdgeResponse* response) override;

 private:
  // Authorisation, read-only mode, then the work: inline when
  // `may_run_inline` (and inline reads are on), else on the pool.
  template <typename Request, typename Response, typename Work>
  grpc::ServerUnaryReactor* Dispatch(grpc::CallbackServerContext* context, bool writes,
                                     const Request* request, Response* response, Work work,
                                     bool may_run_inline = false);
  // Cancellation and deadline checks, the work, then Finish.
  template <typename Request, typename Response, typename Work>
  void Run(grpc::CallbackServerContext* context, const Request& request, Response* response,
           grpc::ServerUnaryReactor* reactor, const Work& work);

  ServiceOptions options_;
};

// The environment of one call: the server's caps and a deadline a little
// before the client's, so that work stops in time to report what it found.
CallEnv MakeCallEnv(const ServiceOptions& options, grpc::CallbackServerContext* context);

// OK, or the status refusing the call (auth verdict, read-only mode).
grpc::Status Admit(const ServiceOptions& options, const grpc::CallbackServerContext& context,
                   bool writes);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_GRAPH_SERVICE_H_
