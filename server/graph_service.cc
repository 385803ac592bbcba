#include "server/graph_service.h"

#include <algorithm>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "server/inline_policy.h"
#include "server/read_operations.h"
#include "server/traverse_reactor.h"
#include "server/upsert_edges_reactor.h"
#include "server/write_operations.h"

namespace dossier::server {
namespace {

// How long before the client's deadline the server stops working, so that
// a truncated result can still reach the client.
constexpr absl::Duration kDeadlineMargin = absl::Milliseconds(50);

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()));
}

CallEnv MakeCallEnv(const ServiceOptions& options, grpc::CallbackServerContext* context) {
  CallEnv env;
  env.graph = options.graph;
  env.caps = &options.caps;
  absl::Time deadline = absl::Now() + options.caps.max_call_time;
  auto client_deadline = context->deadline();
  if (client_deadline != std::chrono::system_clock::time_point::max()) {
    deadline = std::min(deadline, absl::FromChrono(client_deadline) - kDeadlineMargin);
  }
  env.deadline = deadline;
  env.cancelled = [context] { return context->IsCancelled(); };
  return env;
}

grpc::Status Admit(const ServiceOptions& options, const grpc::CallbackServerContext& context,
                   bool writes) {
  if (grpc::Status s = RequireVerdict(context); !s.ok()) return s;
  if (options.draining != nullptr && options.draining->load()) {
    return {grpc::StatusCode::UNAVAILABLE,
            "the server is shutting down; retry on another instance"};
  }
  if (writes && options.read_only) {
    return {grpc::StatusCode::FAILED_PRECONDITION,
            "the server runs in read-only mode (--read-only): it accepts no writes"};
  }
  return grpc::Status::OK;
}

template <typename Request, typename Response, typename Work>
grpc::ServerUnaryReactor* GraphServiceImpl::Dispatch(grpc::CallbackServerContext* context,
                                                     bool writes, const Request* request,
                                                     Response* response, Work work,
                                                     bool may_run_inline) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  if (grpc::Status s = Admit(options_, *context, writes); !s.ok()) {
    reactor->Finish(s);
    return reactor;
  }
  if (may_run_inline && options_.inline_reads) {
    Run(context, *request, response, reactor, work);
    return reactor;
  }
  // The request, response and context live until Finish; the pool runs the
  // work and finishes the call from its own thread.
  bool queued = options_.pool->TrySubmit([this, context, request, response, reactor, work] {
    Run(context, *request, response, reactor, work);
  });
  if (!queued) {
    reactor->Finish({grpc::StatusCode::RESOURCE_EXHAUSTED,
                     "the server is busy (its work queue is full); retry with backoff"});
  }
  return reactor;
}

template <typename Request, typename Response, typename Work>
void GraphServiceImpl::Run(grpc::CallbackServerContext* context, const Request& request,
                           Response* response, grpc::ServerUnaryReactor* reactor,
                           const Work& work) {
  // A queued call may have been cancelled or run out of time while it
  // waited; any call may arrive with less time left than the server's margin.
  if (context->IsCancelled()) {
    reactor->Finish(grpc::Status::CANCELLED);
    return;
  }
  CallEnv env = MakeCallEnv(options_, context);
  if (absl::Now() >= env.deadline) {
    reactor->Finish({grpc::StatusCode::DEADLINE_EXCEEDED,
                     "the deadline passed before the server could start the work"});
    return;
  }
  reactor->Finish(ToGrpcStatus(work(env, request, response)));
}

grpc::ServerUnaryReactor* GraphServiceImpl::GetNode(grpc::CallbackServerContext* context,
                                                    const v1::GetNodeRequest* request,
                                                    v1::GetNodeResponse* response) {
  return Dispatch(context, false, request, response, &server::GetNode,
                  RunsInline(*request, options_.caps));
}

grpc::ServerUnaryReactor* GraphServiceImpl::BatchGetNodes(grpc::CallbackServerContext* context,
                                                          const v1::BatchGetNodesRequest* request,
                                                          v1::BatchGetNodesResponse* response) {
  return Dispatch(context, false, request, response, &server::BatchGetNodes,
                  RunsInline(*request, options_.caps));
}

grpc::ServerUnaryReactor* GraphServiceImpl::FindNodes(grpc::CallbackServerContext* context,
                                                      const v1::FindNodesRequest* request,
                                                      v1::FindNodesResponse* response) {
  return Dispatch(context, false, request, response, &server::FindNodes,
                  RunsInline(*request, options_.caps));
}

grpc::ServerUnaryReactor* GraphServiceImpl::ListNeighbors(grpc::CallbackServerContext* context,
                                                          const v1::ListNeighborsRequest* request,
                                                          v1::ListNeighborsResponse* response) {
  return Dispatch(context, false, request, response, &server::ListNeighbors,
                  RunsInline(*request, options_.caps));
}

grpc::ServerWriteReactor<v1::TraverseResponse>* GraphServiceImpl::Traverse(
    grpc::CallbackServerContext* context, const v1::TraverseRequest* request) {
  auto* reactor = new TraverseReactor(context, request, &options_);
  reactor->Start(Admit(options_, *context, false));
  return reactor;
}

grpc::ServerUnaryReactor* GraphServiceImpl::ShortestPath(grpc::CallbackServerContext* context,
                                                         const v1::ShortestPathRequest* request,
                                                         v1::ShortestPathResponse* response) {
  return Dispatch(context, false, request, response, &server::ShortestPath);
}

grpc::ServerUnaryReactor* GraphServiceImpl::Subgraph(grpc::CallbackServerContext* context,
                                                     const v1::SubgraphRequest* request,
                                                     v1::SubgraphResponse* response) {
  return Dispatch(context, false, request, response, &server::Subgraph);
}

grpc::ServerUnaryReactor* GraphServiceImpl::GetStats(grpc::CallbackServerContext* context,
                                                     const v1::GetStatsRequest* request,
                                                     v1::GetStatsResponse* response) {
  return Dispatch(context, false, request, response, &server::GetStats,
                  RunsInline(*request, options_.caps));
}

grpc::ServerUnaryReactor* GraphServiceImpl::ImportDocument(grpc::CallbackServerContext* context,
                                                           const v1::ImportDocumentRequest* request,
                                                           v1::ImportDocumentResponse* response) {
  return Dispatch(context, true, request, response,
                  [this](const CallEnv& env, const v1::ImportDocumentRequest& req,
                         v1::ImportDocumentResponse* resp) {
                    return server::ImportDocument(env, options_.importer, req, resp);
                  });
}

grpc::ServerUnaryReactor* GraphServiceImpl::UpsertNodes(grpc::CallbackServerContext* context,
                                                        const v1::UpsertNodesRequest* request,
                                                        v1::UpsertNodesResponse* response) {
  return Dispatch(context, true, request, response, &server::UpsertNodes);
}

grpc::ServerReadReactor<v1::UpsertEdgesRequest>* GraphServiceImpl::UpsertEdges(
    grpc::CallbackServerContext* context, v1::UpsertEdgesResponse* response) {
  auto* reactor = new UpsertEdgesReactor(context, response, &options_);
  reactor->Start(Admit(options_, *context, true));
  return reactor;
}

grpc::ServerUnaryReactor* GraphServiceImpl::DeleteNode(grpc::CallbackServerContext* context,
                                                       const v1::DeleteNodeRequest* request,
                                                       v1::DeleteNodeResponse* response) {
  return Dispatch(context, true, request, response, &server::DeleteNode);
}

grpc::ServerUnaryReactor* GraphServiceImpl::DeleteEdge(grpc::CallbackServerContext* context,
                                                       const v1::DeleteEdgeRequest* request,
                                                       v1::DeleteEdgeResponse* response) {
  return Dispatch(context, true, request, response, &server::DeleteEdge);
}

}  // namespace dossier::server
