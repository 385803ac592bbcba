// A consistent, read-only view of the graph at one sequence number.
#ifndef DOSSIER_GRAPH_READ_VIEW_H_
#define DOSSIER_GRAPH_READ_VIEW_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/queries.h"
#include "graph/types.h"

namespace rocksdb {
class Snapshot;
}

namespace dossier::graph {

class GraphStore;
class AdjacencySnapshot;
struct ResolvedTypes;

class ReadView {
 public:
  // `adjacency`, when given, must hold exactly the state at `snapshot`.
  ReadView(const GraphStore* store, const rocksdb::Snapshot* snapshot,
           std::shared_ptr<const AdjacencySnapshot> adjacency = nullptr);
  ~ReadView();
  ReadView(const ReadView&) = delete;
  ReadView& operator=(const ReadView&) = delete;

  // The database sequence number this view reads at.
  uint64_t sequence() const;

  // NOT_FOUND when absent.
  absl::StatusOr<Node> GetNode(NodeId id, NodeView view = NodeView::kFull) const;
  // Several nodes in one batched read (RocksDB MultiGet: one pass over the blocks they share),
  // in the order asked; NOT_FOUND naming the first id that is absent.
  absl::StatusOr<std::vector<Node>> GetNodes(const std::vector<NodeId>& ids,
                                             NodeView view = NodeView::kFull) const;
  absl::StatusOr<Node> GetNodeByKey(std::string_view type, std::string_view key,
                                    NodeView view = NodeView::kFull) const;
  absl::StatusOr<Node> GetNodeByExternalId(std::string_view external_id,
                                           NodeView view = NodeView::kFull) const;
  // The node id an external id (a loader's or a letter's file:PATH) belongs to; NOT_FOUND.
  absl::StatusOr<NodeId> ResolveExternalId(std::string_view external_id) const;

  absl::StatusOr<Edge> GetEdge(const EdgeKey& key, bool with_evidence = false) const;
  absl::StatusOr<std::vector<Evidence>> ListEvidence(const EdgeKey& key) const;
  // Every edge a document gave evidence for, in key order.
  absl::StatusOr<std::vector<EdgeKey>> ListDocumentEdges(NodeId document) const;
  absl::StatusOr<std::vector<Mention>> ListMentions(NodeId node) const;

  absl::StatusOr<FindNodesPage> FindNodes(const FindNodesRequest& request) const;
  absl::StatusOr<NeighborsPage> Neighbors(const NeighborsRequest& request) const;
  // Exact counts kept by the store; no adjacency scan. Empty edge_type: all types.
  absl::StatusOr<uint64_t> Degree(NodeId node, Direction direction,
                                  std::string_view edge_type = {}) const;
  absl::StatusOr<std::vector<DegreeCount>> Degrees(NodeId node) const;

  absl::StatusOr<TraversalSummary> Traverse(const TraversalRequest& request,
                                            const TraversalVisitor& visitor) const;
  absl::StatusOr<ShortestPathResult> ShortestPaths(const ShortestPathRequest& request) const;
  absl::StatusOr<Subgraph> GetSubgraph(const SubgraphRequest& request) const;
  absl::StatusOr<GraphStats> Stats() const;

  // Full scans for export and checks; the callback returns false to stop.
  absl::Status ForEachNode(const std::function<bool(const Node&)>& fn) const;
  absl::Status ForEachEdge(bool with_evidence, const std::function<bool(const Edge&)>& fn) const;

  const GraphStore* store() const { return store_; }
  const rocksdb::Snapshot* snapshot() const { return snapshot_; }
  // True when adjacency lists are read from the in-memory snapshot.
  bool uses_adjacency_snapshot() const { return adjacency_ != nullptr; }

 private:
  // FindNodes for NameMatch::kVerbatim; `prefix` is the exact normalised-name index prefix.
  absl::StatusOr<FindNodesPage> FindNodesVerbatim(const FindNodesRequest& request,
                                                  int32_t page_size, const std::string& prefix,
                                                  const ResolvedTypes& types,
                                                  uint64_t fingerprint) const;
  // `cf` is a ColumnFamily; int keeps store.h out of this header.
  absl::StatusOr<std::optional<std::string>> GetRaw(int cf, const std::string& key) const;

  const GraphStore* store_;
  const rocksdb::Snapshot* snapshot_;  // Released by the destructor.
  std::shared_ptr<const AdjacencySnapshot> adjacency_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_READ_VIEW_H_
