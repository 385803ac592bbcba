// The compact, in-memory part of every node that lookups and answers need most: its type, its
// name and its external id, with external id -> node id. Built with the adjacency snapshot at
// the same database sequence and used only by read views at exactly that sequence, so it is a
// cache of committed state, never a second source of truth.
//
// Resolving an analyst's or a loader's id and printing an answer then cost a hash probe and an
// array read instead of RocksDB point reads (two Gets and a record decode, each a block-cache
// lookup, or a disk read and decompression when the block is cold).
#ifndef DOSSIER_GRAPH_NODE_DIRECTORY_H_
#define DOSSIER_GRAPH_NODE_DIRECTORY_H_

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "graph/huge_page_allocator.h"
#include "graph/key_codec.h"
#include "graph/types.h"

namespace rocksdb {
class Snapshot;
}

namespace dossier::graph {

class GraphStore;

class NodeDirectory {
 public:
  NodeDirectory() = default;
  // The external-id index refers to its owner: not copied, not moved.
  NodeDirectory(const NodeDirectory&) = delete;
  NodeDirectory& operator=(const NodeDirectory&) = delete;

  // Reads the nodes family at `snapshot`; ids must be below `id_limit`.
  absl::Status Build(const GraphStore* store, const rocksdb::Snapshot* snapshot, uint64_t id_limit);

  // The same from nodes a writer already holds (a bulk load): Start, Add each node in ascending
  // id order, Finish; lookups work only after Finish.
  void Start(uint64_t id_limit);
  absl::Status Add(NodeId id, TypeId type, std::string_view name, std::string_view external_id);
  void Finish();

  // kNoNode when no node has it.
  NodeId FindByExternalId(std::string_view external_id) const;
  // Ascending ids of the nodes whose name is exactly `name`, byte for byte (aliases are not
  // kept here), and whose type passes `keep_type`. Names repeat, so this is a sorted table
  // rather than a map.
  // With `types`, each id's type is appended there too (read from the table, not from type()).
  template <typename KeepType>
  std::vector<NodeId> FindByName(std::string_view name, KeepType&& keep_type,
                                 std::vector<TypeId>* types = nullptr) const;
  bool Contains(NodeId id) const { return id < types_.size() && types_[id] != 0; }
  // Only for ids Contains() accepts.
  TypeId type(NodeId id) const { return types_[id]; }
  std::string_view name(NodeId id) const { return Slice(names_, name_offsets_, id); }
  std::string_view external_id(NodeId id) const {
    return Slice(external_ids_, external_id_offsets_, id);
  }
  size_t memory_bytes() const;

  // Asks the CPU to fetch what type(), name() and external_id() of these ids will read. A
  // node's fields sit in arrays far larger than the caches, so reading many nodes one after
  // another waits on memory for each in turn; prefetched, the waits overlap.
  // How many nodes to prefetch at once: enough to overlap the waits, few enough to stay cached.
  static constexpr size_t kPrefetchBatch = 32;
  void Prefetch(std::span<const NodeId> ids) const;
  // The same for external_id() alone.
  void PrefetchExternalIds(std::span<const NodeId> ids) const;

  // Before Build(): keeps only these bits of every name and external-id hash, so that tests meet
  // the collisions a big graph has.
  void set_hash_mask_for_test(uint32_t mask) { hash_mask_ = mask; }

 private:
  static std::string_view Slice(const std::string& arena, const HugePageVector<uint64_t>& offsets,
                                NodeId id) {
    return std::string_view(arena).substr(offsets[id], offsets[id + 1] - offsets[id]);
  }

  void FillOffsetsTo(NodeId id);

  HugePageVector<TypeId> types_;  // 0 for ids without a node.
  NodeId next_unfilled_ = 0;      // While adding: the first id whose offsets are not set.
  std::string names_, external_ids_;
  // offsets[id] .. offsets[id + 1] is the id's slice of the arena; size id_limit + 1.
  HugePageVector<uint64_t> name_offsets_, external_id_offsets_;
  // external id -> node id, as 8-byte slots (the node id and its external id's hash) that find
  // the text through the arena: a map of views and ids took 24 bytes a slot (about 50 MB for a
  // million nodes, by its layout). Ids fit 32 bits: a directory's ids are below
  // AdjacencySnapshot::kMaxNodeIds.
  struct IdSlot {
    uint32_t id;
    uint32_t hash;
  };
  struct IdProbe {
    std::string_view external_id;
    uint32_t hash;
  };
  struct IdSlotHash {
    using is_transparent = void;
    size_t operator()(const IdSlot& s) const { return Spread(s.hash); }
    size_t operator()(const IdProbe& p) const { return Spread(p.hash); }
  };
  struct IdSlotEq {
    using is_transparent = void;
    const NodeDirectory* owner;
    bool operator()(const IdSlot& a, const IdSlot& b) const {
      return a.hash == b.hash && owner->external_id(a.id) == owner->external_id(b.id);
    }
    bool operator()(const IdProbe& p, const IdSlot& s) const {
      return p.hash == s.hash && owner->external_id(s.id) == p.external_id;
    }
    bool operator()(const IdSlot& s, const IdProbe& p) const { return (*this)(p, s); }
  };
  // The slot from the high bits, absl's tag from the low seven: a 32-bit hash multiplied by an
  // odd constant fills both (masked test hashes too).
  static size_t Spread(uint32_t hash) { return uint64_t{hash} * 0x9E3779B97F4A7C15ull; }
  absl::flat_hash_set<IdSlot, IdSlotHash, IdSlotEq> by_external_id_{0, IdSlotHash{},
                                                                    IdSlotEq{this}};
  // Every node, ordered by (TextHash(name), id). Nodes of one name are neighbours here, so a
  // lookup reads their ids and types in one sweep and compares name bytes once a run of equal
  // hashes: an entry flagged same_name_as_run_head has its run's first entry's name.
  struct NameEntry {
    uint32_t hash;
    uint32_t type : 31;
    uint32_t same_name_as_run_head : 1;
    NodeId id;
  };
  static_assert(sizeof(NameEntry) == 16);
  HugePageVector<NameEntry> by_name_;
  // Where each bucket of hashes (their top bits) starts in by_name_, so a lookup jumps to a
  // handful of entries instead of binary-searching a table far larger than the CPU's caches.
  HugePageVector<uint32_t> name_bucket_starts_;
  uint32_t name_bucket_shift_ = 32;
  uint32_t hash_mask_ = ~uint32_t{0};

  // A name's or an external id's 32-bit hash (masked in tests).
  uint32_t TextHash(std::string_view text) const;
};

template <typename KeepType>
std::vector<NodeId> NodeDirectory::FindByName(std::string_view name, KeepType&& keep_type,
                                              std::vector<TypeId>* types) const {
  if (name_bucket_starts_.empty()) return {};  // Not built.
  const uint32_t hash = TextHash(name);
  const uint32_t bucket = name_bucket_shift_ >= 32 ? 0 : hash >> name_bucket_shift_;
  auto first = by_name_.begin() + name_bucket_starts_[bucket];
  auto bucket_end = by_name_.begin() + name_bucket_starts_[bucket + 1];
  while (first != bucket_end && first->hash < hash) ++first;
  std::vector<NodeId> ids;
  bool head_matches = false;
  for (auto it = first; it != by_name_.end() && it->hash == hash; ++it) {
    bool matches = it->same_name_as_run_head ? head_matches : this->name(it->id) == name;
    if (it == first) head_matches = matches;
    if (matches && keep_type(static_cast<TypeId>(it->type))) {
      ids.push_back(it->id);
      if (types != nullptr) types->push_back(static_cast<TypeId>(it->type));
    }
  }
  return ids;
}

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_NODE_DIRECTORY_H_
