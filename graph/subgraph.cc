// Ego networks for drawing (ReadView::GetSubgraph): the nodes a bounded BFS
// reaches, and every stored edge among them.
#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "graph/adjacency_cursor.h"
#include "graph/adjacency_snapshot.h"
#include "graph/read_view.h"
#include "graph/read_view_internal.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"
#include "graph/store.h"

namespace dossier::graph {

absl::StatusOr<Subgraph> ReadView::GetSubgraph(const SubgraphRequest& request) const {
  if (request.depth < 0) return absl::InvalidArgumentError("depth is negative");
  if (request.max_edges <= 0) return absl::InvalidArgumentError("max_edges must be positive");
  TraversalRequest bfs;
  bfs.seeds = request.seeds;
  bfs.max_depth = request.depth;
  bfs.direction = request.direction;
  bfs.edge_types = request.edge_types;
  bfs.node_types = request.node_types;
  bfs.limits = request.limits;
  Subgraph subgraph;
  std::vector<NodeId> ids;
  DOSSIER_ASSIGN_OR_RETURN(subgraph.summary, Traverse(bfs, [&](const TraversalHit& hit) {
                             ids.push_back(hit.node);
                             return true;
                           }));
  absl::flat_hash_set<NodeId> members(ids.begin(), ids.end());
  std::sort(ids.begin(), ids.end());
  for (NodeId id : ids) {
    DOSSIER_ASSIGN_OR_RETURN(Node node, GetNode(id));
    subgraph.nodes.push_back(std::move(node));
  }

  ResolvedTypes edge_types = ResolveTypes(store_->edge_types(), request.edge_types);
  if (!edge_types.any && edge_types.ids.empty()) return subgraph;
  // Outgoing edges only: each edge among members is seen once, from its source.
  AdjacencyCursor cursor(store_, snapshot_, adjacency_.get());
  std::vector<EdgeKey> keys;
  bool full = false;
  for (NodeId id : ids) {
    rocksdb::Status s =
        cursor.ForEach(id, Direction::kOut, edge_types.ids, [&](const AdjacentEdge& e) {
          if (!members.contains(e.neighbor)) return true;
          if (static_cast<int64_t>(keys.size()) >= request.max_edges) {
            full = true;
            return false;
          }
          keys.push_back(EdgeKey{id, store_->edge_types().Name(e.edge_type), e.neighbor});
          return true;
        });
    DOSSIER_RETURN_IF_ERROR(FromRocks(s));
    if (full) {
      subgraph.summary.truncated = true;
      if (subgraph.summary.reason == StopReason::kNone)
        subgraph.summary.reason = StopReason::kEdgeCap;
      break;
    }
  }
  for (const EdgeKey& key : keys) {
    DOSSIER_ASSIGN_OR_RETURN(Edge edge, GetEdge(key, request.with_evidence));
    subgraph.edges.push_back(std::move(edge));
  }
  return subgraph;
}

}  // namespace dossier::graph
