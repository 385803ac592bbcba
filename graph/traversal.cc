// k-hop breadth-first traversal (ReadView::Traverse).
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "graph/adjacency_cursor.h"
#include "graph/adjacency_snapshot.h"
#include "graph/read_view.h"
#include "graph/read_view_internal.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"
#include "graph/store.h"
#include "graph/visited_set.h"

namespace dossier::graph {

const char* StopReasonName(StopReason reason) {
  switch (reason) {
    case StopReason::kNone:
      return "none";
    case StopReason::kNodeCap:
      return "node_cap";
    case StopReason::kWorkCap:
      return "work_cap";
    case StopReason::kEdgeCap:
      return "edge_cap";
    case StopReason::kDeadline:
      return "deadline";
    case StopReason::kCancelled:
      return "cancelled";
    case StopReason::kConsumerStopped:
      return "consumer_stopped";
  }
  return "unknown";
}

bool ResolvedTypes::Matches(TypeId id) const {
  return any || std::binary_search(ids.begin(), ids.end(), id);
}

absl::Status ValidateLimits(const TraversalLimits& limits) {
  if (limits.max_nodes <= 0) return absl::InvalidArgumentError("max_nodes must be positive");
  if (limits.max_edges_per_node <= 0) {
    return absl::InvalidArgumentError("max_edges_per_node must be positive");
  }
  if (limits.max_work <= 0) return absl::InvalidArgumentError("max_work must be positive");
  return absl::OkStatus();
}

bool LimitTracker::ShouldStop(TraversalSummary* summary) const {
  if (limits_.cancelled && limits_.cancelled()) {
    summary->truncated = true;
    summary->reason = StopReason::kCancelled;
    return true;
  }
  if (limits_.deadline != absl::InfiniteFuture() && absl::Now() >= limits_.deadline) {
    summary->truncated = true;
    summary->reason = StopReason::kDeadline;
    return true;
  }
  return false;
}

EdgeBudget LimitTracker::TakeEdge(int64_t* taken, TraversalSummary* summary) const {
  if (summary->edges_examined >= limits_.max_work) {
    summary->truncated = true;
    summary->reason = StopReason::kWorkCap;
    return EdgeBudget::kStop;
  }
  if (*taken >= limits_.max_edges_per_node) {
    summary->truncated = true;
    if (summary->reason == StopReason::kNone) summary->reason = StopReason::kEdgeCap;
    return EdgeBudget::kNodeFull;
  }
  ++summary->edges_examined;
  ++*taken;
  return EdgeBudget::kTake;
}

absl::StatusOr<TraversalSummary> ReadView::Traverse(const TraversalRequest& request,
                                                    const TraversalVisitor& visitor) const {
  DOSSIER_RETURN_IF_ERROR(ValidateLimits(request.limits));
  if (request.seeds.empty()) return absl::InvalidArgumentError("seeds is empty");
  if (request.min_depth < 0 || request.max_depth < request.min_depth) {
    return absl::InvalidArgumentError(absl::StrCat("depths must satisfy 0 <= min_depth (",
                                                   request.min_depth, ") <= max_depth (",
                                                   request.max_depth, ")"));
  }
  ResolvedTypes edge_types = ResolveTypes(store_->edge_types(), request.edge_types);
  ResolvedTypes node_types = ResolveTypes(store_->node_types(), request.node_types);
  TraversalSummary summary;
  LimitTracker tracker(request.limits);
  VisitedSet visited(adjacency_ != nullptr ? adjacency_->id_limit() : 0);
  std::vector<NodeId> frontier;

  auto report = [&](const TraversalHit& hit) {
    ++summary.nodes_reported;
    if (!visitor(hit)) {
      summary.truncated = true;
      summary.reason = StopReason::kConsumerStopped;
      return false;
    }
    return true;
  };

  for (NodeId seed : request.seeds) {
    DOSSIER_ASSIGN_OR_RETURN(Node node, GetNode(seed, NodeView::kBasic));
    if (!visited.Insert(seed)) continue;
    frontier.push_back(seed);
    if (request.min_depth == 0 && !report(TraversalHit{seed, node.type, 0})) return summary;
  }
  summary.nodes_visited = static_cast<int64_t>(visited.size());

  const bool expand_all_types = edge_types.any;
  if (!expand_all_types && edge_types.ids.empty()) return summary;  // No edge can match.
  AdjacencyCursor cursor(store_, snapshot_, adjacency_.get());
  std::vector<NodeId> next;
  for (int32_t depth = 1; depth <= request.max_depth && !frontier.empty(); ++depth) {
    next.clear();
    bool stop = false;
    for (NodeId node : frontier) {
      if (tracker.ShouldStop(&summary)) return summary;
      int64_t taken = 0;
      rocksdb::Status s =
          cursor.ForEach(node, request.direction, edge_types.ids, [&](const AdjacentEdge& e) {
            switch (tracker.TakeEdge(&taken, &summary)) {
              case EdgeBudget::kStop:
                stop = true;
                return false;
              case EdgeBudget::kNodeFull:
                return false;
              case EdgeBudget::kTake:
                break;
            }
            if (!node_types.Matches(e.neighbor_type)) return true;
            if (visited.Contains(e.neighbor)) return true;
            if (static_cast<int64_t>(visited.size()) >= request.limits.max_nodes) {
              summary.truncated = true;
              summary.reason = StopReason::kNodeCap;
              stop = true;
              return false;
            }
            visited.Insert(e.neighbor);
            next.push_back(e.neighbor);
            summary.nodes_visited = static_cast<int64_t>(visited.size());
            summary.depth_reached = depth;
            if (depth >= request.min_depth &&
                !report(TraversalHit{e.neighbor, store_->node_types().Name(e.neighbor_type), depth,
                                     node, store_->edge_types().Name(e.edge_type),
                                     e.stored_outgoing ? Direction::kOut : Direction::kIn})) {
              stop = true;
              return false;
            }
            return true;
          });
      DOSSIER_RETURN_IF_ERROR(FromRocks(s));
      if (stop) return summary;
    }
    frontier.swap(next);
  }
  return summary;
}

}  // namespace dossier::graph
