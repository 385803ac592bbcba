// The unary reading RPCs as plain functions of (environment, request) ->
// response, free of gRPC so that they stay simple to reason about. Each
// reads one snapshot and reports its sequence number in the response.
#ifndef DOSSIER_SERVER_READ_OPERATIONS_H_
#define DOSSIER_SERVER_READ_OPERATIONS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "dossier/v1/graph_service.pb.h"
#include "server/call_env.h"

namespace dossier::server {

// page_size 0 asks for these.
inline constexpr int32_t kFindNodesDefaultPageSize = 50;
inline constexpr int32_t kListNeighborsDefaultPageSize = 100;

absl::Status GetNode(const CallEnv& env, const v1::GetNodeRequest& request,
                     v1::GetNodeResponse* response);
absl::Status BatchGetNodes(const CallEnv& env, const v1::BatchGetNodesRequest& request,
                           v1::BatchGetNodesResponse* response);
absl::Status FindNodes(const CallEnv& env, const v1::FindNodesRequest& request,
                       v1::FindNodesResponse* response);
absl::Status ListNeighbors(const CallEnv& env, const v1::ListNeighborsRequest& request,
                           v1::ListNeighborsResponse* response);
absl::Status ShortestPath(const CallEnv& env, const v1::ShortestPathRequest& request,
                          v1::ShortestPathResponse* response);
absl::Status Subgraph(const CallEnv& env, const v1::SubgraphRequest& request,
                      v1::SubgraphResponse* response);
absl::Status GetStats(const CallEnv& env, const v1::GetStatsRequest& request,
                      v1::GetStatsResponse* response);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_READ_OPERATIONS_H_
