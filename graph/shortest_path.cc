// Unweighted shortest paths by bidirectional BFS (ReadView::ShortestPaths).
//
// Each round expands one whole level of the side with the smaller frontier.
// The first level after which the two visited sets meet fixes the length
// L = depth_forward + depth_backward, and every shortest path then crosses
// exactly one newly reached node (at forward depth a, backward depth b), so
// enumerating paths through those meeting nodes lists each path once.
#include <algorithm>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/str_cat.h"
#include "graph/adjacency_cursor.h"
#include "graph/adjacency_snapshot.h"
#include "graph/read_view.h"
#include "graph/read_view_internal.h"
#include "graph/status_macros.h"
#include "graph/store.h"

namespace dossier::graph {
namespace {

struct ParentLink {
  NodeId parent;
  TypeId edge_type;
  bool stored_outgoing;  // The stored edge is parent -> child.
};

struct Visit {
  int32_t depth = 0;
  // All at depth - 1 (only the first when one path is asked): one inline, so that visiting a
  // node allocates nothing in the common case.
  absl::InlinedVector<ParentLink, 1> parents;
};

using VisitMap = absl::flat_hash_map<NodeId, Visit>;

Direction Reverse(Direction d) {
  if (d == Direction::kOut) return Direction::kIn;
  if (d == Direction::kIn) return Direction::kOut;
  return Direction::kBoth;
}

// Node sequences from the side's root to `node`, walking parent links, each
// with the links used; stops after `limit` sequences.
void EnumerateToRoot(const VisitMap& visits, NodeId node, size_t limit, std::vector<NodeId>* nodes,
                     std::vector<ParentLink>* links,
                     std::vector<std::pair<std::vector<NodeId>, std::vector<ParentLink>>>* out) {
  if (out->size() >= limit) return;
  const Visit& v = visits.at(node);
  nodes->push_back(node);
  if (v.parents.empty()) {
    out->emplace_back(*nodes, *links);
  } else {
    for (const ParentLink& link : v.parents) {
      links->push_back(link);
      EnumerateToRoot(visits, link.parent, limit, nodes, links, out);
      links->pop_back();
      if (out->size() >= limit) break;
    }
  }
  nodes->pop_back();
}

EdgeKey StoredEdge(NodeId parent, NodeId child, const ParentLink& link,
                   const TypeRegistry& edge_types) {
  std::string type = edge_types.Name(link.edge_type);
  return link.stored_outgoing ? EdgeKey{parent, type, child} : EdgeKey{child, type, parent};
}

}  // namespace

absl::StatusOr<ShortestPathResult> ReadView::ShortestPaths(
    const ShortestPathRequest& request) const {
  DOSSIER_RETURN_IF_ERROR(ValidateLimits(request.limits));
  if (request.max_depth < 0) return absl::InvalidArgumentError("max_depth is negative");
  if (request.max_paths < 1) return absl::InvalidArgumentError("max_paths must be at least 1");
  // Both ends must exist (NOT_FOUND otherwise); the basic view is answered from memory when the
  // snapshot serves this view, instead of reading and decoding two records.
  DOSSIER_RETURN_IF_ERROR(GetNode(request.from, NodeView::kBasic).status());
  DOSSIER_RETURN_IF_ERROR(GetNode(request.to, NodeView::kBasic).status());
  ShortestPathResult result;
  if (request.from == request.to) {
    result.length = 0;
    result.paths.push_back(Path{{request.from}, {}});
    return result;
  }
  ResolvedTypes edge_types = ResolveTypes(store_->edge_types(), request.edge_types);
  if (!edge_types.any && edge_types.ids.empty()) return result;
  const bool all_paths = request.max_paths > 1;
  TraversalSummary& summary = result.summary;
  LimitTracker tracker(request.limits);
  AdjacencyCursor cursor(store_, snapshot_, adjacency_.get());

  struct Side {
    VisitMap visits;
    std::vector<NodeId> frontier;
    int32_t depth = 0;
    Direction direction;
  };
  Side forward{{}, {request.from}, 0, request.direction};
  Side backward{{}, {request.to}, 0, Reverse(request.direction)};
  // Depth 0, no parents. (Assigning a Visit{0, {}} made GCC 12 warn that the empty inlined
  // vector's storage may be read uninitialised.)
  forward.visits.try_emplace(request.from);
  backward.visits.try_emplace(request.to);

  std::vector<NodeId> meeting;
  while (meeting.empty() && forward.depth + backward.depth < request.max_depth) {
    if (forward.frontier.empty() || backward.frontier.empty()) break;
    const bool go_forward = forward.frontier.size() <= backward.frontier.size();
    Side& side = go_forward ? forward : backward;
    const Side& other = go_forward ? backward : forward;
    const int32_t next_depth = side.depth + 1;
    std::vector<NodeId> next;
    bool stop = false;
    for (NodeId node : side.frontier) {
      if (tracker.ShouldStop(&summary)) return result;
      int64_t taken = 0;
      rocksdb::Status s =
          cursor.ForEach(node, side.direction, edge_types.ids, [&](const AdjacentEdge& e) {
            switch (tracker.TakeEdge(&taken, &summary)) {
              case EdgeBudget::kStop:
                stop = true;
                return false;
              case EdgeBudget::kNodeFull:
                return false;
              case EdgeBudget::kTake:
                break;
            }
            auto [it, inserted] = side.visits.try_emplace(e.neighbor);
            if (inserted) {
              if (static_cast<int64_t>(forward.visits.size() + backward.visits.size()) >
                  request.limits.max_nodes) {
                side.visits.erase(it);
                summary.truncated = true;
                summary.reason = StopReason::kNodeCap;
                stop = true;
                return false;
              }
              it->second.depth = next_depth;
              it->second.parents.push_back({node, e.edge_type, e.stored_outgoing});
              next.push_back(e.neighbor);
              if (other.visits.contains(e.neighbor)) meeting.push_back(e.neighbor);
            } else if (all_paths && it->second.depth == next_depth) {
              it->second.parents.push_back({node, e.edge_type, e.stored_outgoing});
            }
            return true;
          });
      DOSSIER_RETURN_IF_ERROR(FromRocks(s));
      if (stop) break;
      // One path needs one meeting node; finishing the level only adds more.
      if (!all_paths && !meeting.empty()) break;
    }
    side.depth = next_depth;
    side.frontier.swap(next);
    summary.nodes_visited = static_cast<int64_t>(forward.visits.size() + backward.visits.size());
    summary.depth_reached = forward.depth + backward.depth;
    if (stop) break;
  }
  if (meeting.empty()) return result;

  std::sort(meeting.begin(), meeting.end());
  const size_t limit = static_cast<size_t>(request.max_paths);
  for (NodeId m : meeting) {
    std::vector<std::pair<std::vector<NodeId>, std::vector<ParentLink>>> heads, tails;
    std::vector<NodeId> nodes;
    std::vector<ParentLink> links;
    EnumerateToRoot(forward.visits, m, limit, &nodes, &links, &heads);
    EnumerateToRoot(backward.visits, m, limit, &nodes, &links, &tails);
    for (const auto& [head_nodes, head_links] : heads) {
      for (const auto& [tail_nodes, tail_links] : tails) {
        if (result.paths.size() >= limit) break;
        Path path;
        // head_nodes runs m .. from; reverse it for from .. m.
        for (size_t i = head_nodes.size(); i-- > 0;) path.nodes.push_back(head_nodes[i]);
        for (size_t i = head_links.size(); i-- > 0;) {
          path.steps.push_back({StoredEdge(head_links[i].parent, head_nodes[i], head_links[i],
                                           store_->edge_types())});
        }
        // tail_nodes runs m .. to.
        for (size_t i = 1; i < tail_nodes.size(); ++i) path.nodes.push_back(tail_nodes[i]);
        for (size_t i = 0; i < tail_links.size(); ++i) {
          path.steps.push_back({StoredEdge(tail_links[i].parent, tail_nodes[i], tail_links[i],
                                           store_->edge_types())});
        }
        result.paths.push_back(std::move(path));
      }
    }
    if (result.paths.size() >= limit) break;
  }
  result.length = static_cast<int32_t>(result.paths.front().steps.size());
  return result;
}

}  // namespace dossier::graph
