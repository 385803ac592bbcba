// Requests and results of the graph's read operations: name search,
// neighbours, k-hop traversal, shortest paths, subgraphs and statistics.
#ifndef DOSSIER_GRAPH_QUERIES_H_
#define DOSSIER_GRAPH_QUERIES_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/time/time.h"
#include "graph/types.h"

namespace dossier::graph {

// ---- Name search -----------------------------------------------------------

enum class NameMatch {
  kExact,   // The whole normalised name (or an alias) equals the query.
  kPrefix,  // The normalised name (or an alias) starts with the query.
  kToken,   // One of the name's normalised words equals the query.
  // The node's name (not an alias) equals the query byte for byte: case and accents count.
  // Pages list the nodes in id order.
  kVerbatim,
};

struct FindNodesRequest {
  std::string query;
  NameMatch match = NameMatch::kExact;
  NodeView view = NodeView::kFull;
  std::vector<std::string> types;  // Empty: any type.
  int32_t page_size = 50;          // 1..kMaxPageSize; 0 means the default.
  std::string page_token;          // From a previous page's next_page_token.
};

struct FindNodesPage {
  std::vector<Node> nodes;
  std::string next_page_token;  // Empty on the last page.
};

// ---- Neighbours -------------------------------------------------------------

struct NeighborsRequest {
  NodeId node = kNoNode;
  Direction direction = Direction::kOut;
  std::vector<std::string> edge_types;      // Empty: any.
  std::vector<std::string> neighbor_types;  // Empty: any.
  int32_t page_size = 100;
  std::string page_token;
  // AIP-158 skip: pass over this many neighbours (after the token's position, if any) before
  // the page starts. Reaching page k costs a count, not k round trips.
  int64_t skip = 0;
};

struct Neighbor {
  NodeId node = kNoNode;  // The neighbour.
  std::string node_type;  // The neighbour's type.
  std::string edge_type;
  Direction direction = Direction::kOut;  // kOut: anchor -> neighbour; kIn: neighbour -> anchor.
  friend bool operator==(const Neighbor&, const Neighbor&) = default;
};

struct NeighborsPage {
  std::vector<Neighbor> neighbors;
  std::string next_page_token;
};

struct DegreeCount {
  std::string edge_type;
  Direction direction = Direction::kOut;  // kOut or kIn.
  uint64_t count = 0;
};

// ---- Limits shared by traversals --------------------------------------------

enum class StopReason {
  kNone,             // Ran to completion.
  kNodeCap,          // max_nodes reached.
  kWorkCap,          // max_work (edges examined) reached.
  kEdgeCap,          // max_edges_per_node (or a result's edge cap) left edges out.
  kDeadline,         // The deadline passed.
  kCancelled,        // The caller's cancellation check said stop.
  kConsumerStopped,  // The visitor returned false.
};

const char* StopReasonName(StopReason reason);

struct TraversalLimits {
  int64_t max_nodes = 10'000;           // Nodes reported (BFS) or visited (paths).
  int64_t max_edges_per_node = 10'000;  // Edges expanded from any one node.
  int64_t max_work = 1'000'000;         // Edges examined in total.
  absl::Time deadline = absl::InfiniteFuture();
  // Polled between node expansions; returning true stops the work.
  std::function<bool()> cancelled;
};

// ---- k-hop traversal ----------------------------------------------------------

struct TraversalRequest {
  std::vector<NodeId> seeds;
  int32_t min_depth = 0;  // Hits shallower than this are walked through but not reported.
  int32_t max_depth = 2;
  Direction direction = Direction::kBoth;
  std::vector<std::string> edge_types;  // Edges followed; empty: any.
  std::vector<std::string> node_types;  // Nodes entered; empty: any. Seeds always count.
  TraversalLimits limits;
};

// Handed to the visitor; the type names are valid during the call only (copy them to keep).
struct TraversalHit {
  NodeId node = kNoNode;
  std::string_view node_type;
  int32_t depth = 0;
  // The edge that first reached the node (empty for seeds).
  NodeId via_node = kNoNode;
  std::string_view via_edge_type;
  Direction via_direction = Direction::kOut;
};

struct TraversalSummary {
  int64_t nodes_reported = 0;
  int64_t nodes_visited = 0;
  int64_t edges_examined = 0;
  int32_t depth_reached = 0;
  bool truncated = false;
  StopReason reason = StopReason::kNone;
};

// Returns false to stop the traversal (reported as kConsumerStopped).
using TraversalVisitor = std::function<bool(const TraversalHit&)>;

// ---- Shortest paths -----------------------------------------------------------

struct ShortestPathRequest {
  NodeId from = kNoNode;
  NodeId to = kNoNode;
  Direction direction = Direction::kOut;
  std::vector<std::string> edge_types;
  int32_t max_depth = 6;
  int32_t max_paths = 1;  // >1 asks for all shortest paths up to this count.
  TraversalLimits limits;
};

struct PathStep {
  EdgeKey edge;  // As stored: src -> dst, whichever way it was walked.
};

struct Path {
  std::vector<NodeId> nodes;    // from ... to
  std::vector<PathStep> steps;  // steps[i] joins nodes[i] and nodes[i + 1].
};

struct ShortestPathResult {
  std::vector<Path> paths;  // Empty when no path was found.
  int32_t length = -1;      // Hops; -1 when none found.
  TraversalSummary summary;
};

// ---- Subgraph (ego network) ---------------------------------------------------

struct SubgraphRequest {
  std::vector<NodeId> seeds;
  int32_t depth = 1;
  Direction direction = Direction::kBoth;
  std::vector<std::string> edge_types;
  std::vector<std::string> node_types;
  bool with_evidence = false;
  int64_t max_edges = 50'000;  // Edges returned.
  TraversalLimits limits;
};

struct Subgraph {
  std::vector<Node> nodes;
  std::vector<Edge> edges;  // Every stored edge among `nodes` that matches the filters.
  TraversalSummary summary;
};

// ---- Statistics -------------------------------------------------------------

struct GraphStats {
  std::map<std::string, uint64_t> nodes_by_type;
  std::map<std::string, uint64_t> edges_by_type;
  uint64_t node_count = 0;
  uint64_t edge_count = 0;
  uint64_t evidence_count = 0;
};

inline constexpr int32_t kMaxPageSize = 10'000;

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_QUERIES_H_
