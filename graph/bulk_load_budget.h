// How a bulk load spends its memory budget: the nodes' tables first (a load whose nodes do not
// fit is refused with the budget that would do), RocksDB's file writers a fixed reserve, and
// the edges' sort buffers and properties what is left.
#ifndef DOSSIER_GRAPH_BULK_LOAD_BUDGET_H_
#define DOSSIER_GRAPH_BULK_LOAD_BUDGET_H_

#include <cstdint>

#include "absl/status/status.h"
#include "graph/types.h"

namespace dossier::graph {

class BulkLoadBudget {
 public:
  // What the budget sets aside beyond the load's own tables: RocksDB's memtables and the
  // filters and indexes of the files being written (four at once, each up to 32 MB: a few
  // million keys' 8-byte filter hashes; SstSink), the readers' buffers and the allocator's
  // caches.
  static constexpr uint64_t kWriterReserveBytes = 64ull << 20;
  // An edge while sorted in memory: one 24-byte entry a direction.
  static constexpr uint64_t kEdgeSortBytes = 48;
  // The fewest edges a run holds; a budget that leaves less for them is refused.
  static constexpr uint64_t kMinRunEdges = 1 << 16;

  explicit BulkLoadBudget(uint64_t bytes) : bytes_(bytes) {}

  // Whether node tables holding `node_bytes` leave the writers their reserve and the edges
  // their smallest run.
  bool Fits(uint64_t node_bytes) const { return node_bytes + Overhead() <= bytes_; }
  // What is left for the edges' sort buffers and properties (node_bytes must fit).
  uint64_t EdgeBytes(uint64_t node_bytes) const {
    return bytes_ - node_bytes - kWriterReserveBytes;
  }

  // RESOURCE_EXHAUSTED for `nodes` holding `node_bytes`: read part way (`all_nodes` false),
  // the nodes still to come need more than it can say.
  absl::Status NodesTooLarge(uint64_t node_bytes, uint64_t nodes, bool all_nodes) const;
  absl::Status EdgePropertiesTooLarge(uint64_t property_bytes, uint64_t node_bytes) const;

  // The memory a node's properties take while held: a map node each, keys and string values.
  static uint64_t PropertiesBytes(const Properties& properties);

 private:
  static uint64_t Overhead() { return kWriterReserveBytes + kMinRunEdges * kEdgeSortBytes; }
  const uint64_t bytes_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_LOAD_BUDGET_H_
