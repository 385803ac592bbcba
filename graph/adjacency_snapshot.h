// An immutable in-memory copy of both adjacency column families in
// compressed-sparse-row form, valid for exactly one database sequence number.
//
// Traversals spend their time walking adjacency lists; through RocksDB each
// step costs an iterator seek and a merge across levels, in memory it is a
// pointer bump. A ReadView uses the snapshot only when its own sequence
// number equals the snapshot's, so what it reads is exactly what RocksDB
// holds at that sequence: the snapshot is a cache of committed state, never a
// second source of truth. After a write the store falls back to RocksDB until
// the snapshot is rebuilt (GraphStore refreshes it in the background).
#ifndef DOSSIER_GRAPH_ADJACENCY_SNAPSHOT_H_
#define DOSSIER_GRAPH_ADJACENCY_SNAPSHOT_H_

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/huge_page_allocator.h"
#include "graph/key_codec.h"
#include "graph/node_directory.h"
#include "graph/type_registry.h"
#include "graph/types.h"

namespace rocksdb {
class Snapshot;
}

namespace dossier::graph {

class GraphStore;

class AdjacencySnapshot {
 public:
  // Dense offsets cost 16 bytes a node id for both directions; beyond this the ids are too
  // sparse (or the graph too large) to be worth holding.
  static constexpr uint64_t kMaxNodeIds = 256ull << 20;

  // A snapshot's node ids are below kMaxNodeIds and type ids below TypeRegistry::kMaxTypes, so an
  // entry holds them in 32 and 16 bits: 8 bytes instead of 16 at full width, half the memory to
  // fill when a server starts and to walk in every traversal.
  struct Entry {
    uint32_t neighbor;
    uint16_t edge_type;
    uint16_t neighbor_type;
  };
  static_assert(sizeof(Entry) == 8);
  static_assert(kMaxNodeIds <= (uint64_t{1} << 32) && TypeRegistry::kMaxTypes <= (1u << 16));

  // Reads both adjacency families at `snapshot` (which must stay alive during
  // the call). Fails with RESOURCE_EXHAUSTED when ids are too sparse for a
  // dense offset array. `parallel`: the two directions and the node directory
  // are read on three threads (faster, but takes every core meanwhile).
  static absl::StatusOr<std::shared_ptr<const AdjacencySnapshot>> Build(
      const GraphStore* store, const rocksdb::Snapshot* snapshot, bool parallel = true);

  // Assembles a snapshot from entries a writer already holds in key order, instead of reading
  // them back: a bulk load into an empty database writes exactly the whole state. Each direction
  // may be filled by its own thread, the directory by a third.
  class Assembler {
   public:
    // Ids below `id_limit` (<= kMaxNodeIds).
    explicit Assembler(uint64_t id_limit);
    // Where one direction's entries go: over the `bytes` at `storage`, the array the writer reads
    // them from in key order, which the snapshot keeps through `owner`. The snapshot then needs
    // no array of its own. At 10M edges that was 320 MB of fresh huge-page memory, whose page
    // faults cost this project's VMs more load time than the huge pages later saved the
    // traversals (docs/PERFORMANCE.md, tenth session). The writer must have read an entry of at
    // least sizeof(Entry) bytes for each one it adds, so that each lands where it has already
    // read.
    void WriteOver(bool out, std::shared_ptr<void> owner, void* storage, size_t bytes);
    // One direction's entries in key order: by anchor, edge type, then neighbour.
    void Add(bool out, NodeId anchor, TypeId edge_type, NodeId neighbor, TypeId neighbor_type) {
      AdjacencySnapshot& s = *snapshot_;
      ++(out ? s.out_offsets_ : s.in_offsets_)[anchor + 1];
      Target& target = out ? out_ : in_;
      const Entry entry{static_cast<uint32_t>(neighbor), static_cast<uint16_t>(edge_type),
                        static_cast<uint16_t>(neighbor_type)};
      std::memcpy(target.storage + target.count * sizeof(Entry), &entry, sizeof(Entry));
      ++target.count;
    }
    // Started for the id limit; the caller adds every node and finishes it.
    NodeDirectory* directory() { return &snapshot_->directory_; }
    // The snapshot of the database state at `sequence`, which must be exactly what was added.
    std::shared_ptr<const AdjacencySnapshot> Finish(uint64_t sequence) &&;

   private:
    // A cache line each: the two directions' writers count on their own threads.
    struct alignas(64) Target {
      std::shared_ptr<void> owner;
      char* storage = nullptr;
      size_t bytes = 0;
      size_t count = 0;  // Entries added.
    };
    void Keep(Target* target, bool out);

    std::shared_ptr<AdjacencySnapshot> snapshot_;
    Target out_, in_;
  };

  uint64_t sequence() const { return sequence_; }
  // `node`'s entries in one direction, in key order: by edge type, then neighbour.
  std::span<const Entry> Edges(NodeId node, bool out) const {
    const HugePageVector<uint64_t>& offsets = out ? out_offsets_ : in_offsets_;
    if (node + 1 >= offsets.size()) return {};
    const Entry* entries = out ? out_data_ : in_data_;
    return {entries + offsets[node], entries + offsets[node + 1]};
  }
  // Every node id of this state is below it.
  uint64_t id_limit() const { return out_offsets_.empty() ? 0 : out_offsets_.size() - 1; }
  // Types, names and external ids of the same state.
  const NodeDirectory& directory() const { return directory_; }
  size_t memory_bytes() const;

 private:
  AdjacencySnapshot() = default;
  uint64_t sequence_ = 0;
  // offsets[n] .. offsets[n + 1] index n's entries; size max id + 2.
  HugePageVector<uint64_t> out_offsets_, in_offsets_;
  // Each direction's entries: in a vector of the snapshot's own when read from the database,
  // or over memory an assembler took over (kept alive by the owner). Data points at either.
  HugePageVector<Entry> out_entries_, in_entries_;
  std::shared_ptr<void> out_owner_, in_owner_;
  size_t owned_bytes_ = 0;  // Of the taken-over memory, still in use.
  const Entry* out_data_ = nullptr;
  const Entry* in_data_ = nullptr;
  NodeDirectory directory_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_ADJACENCY_SNAPSHOT_H_
