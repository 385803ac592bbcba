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

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
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
  NodeDirectory(const NodeDirectory&) = delete;
  NodeDirectory& operator=(const NodeDirectory&) = delete;

  // Reads the nodes family at `snapshot`; ids must be below `id_limit`.
  absl::Status Build(const GraphStore* store, const rocksdb::Snapshot* snapshot, uint64_t id_limit);

  // kNoNode when no node has it.
  NodeId FindByExternalId(std::string_view external_id) const;
  // Ascending ids of the nodes whose name is exactly `name`, byte for byte (aliases are not
  // kept here). Names repeat, so this is a sorted (hash, id) table rather than a map.
  std::vector<NodeId> FindByName(std::string_view name) const;
  bool Contains(NodeId id) const { return id < types_.size() && types_[id] != 0; }
  // Only for ids Contains() accepts.
  TypeId type(NodeId id) const { return types_[id]; }
  std::string_view name(NodeId id) const { return Slice(names_, name_offsets_, id); }
  std::string_view external_id(NodeId id) const {
    return Slice(external_ids_, external_id_offsets_, id);
  }
  size_t memory_bytes() const;

 private:
  static std::string_view Slice(const std::string& arena, const std::vector<uint64_t>& offsets,
                                NodeId id) {
    return std::string_view(arena).substr(offsets[id], offsets[id + 1] - offsets[id]);
  }

  std::vector<TypeId> types_;  // 0 for ids without a node.
  std::string names_, external_ids_;
  // offsets[id] .. offsets[id + 1] is the id's slice of the arena; size id_limit + 1.
  std::vector<uint64_t> name_offsets_, external_id_offsets_;
  absl::flat_hash_map<std::string_view, NodeId> by_external_id_;  // Views into external_ids_.
  // Every node, ordered by (NameHash(name), id); name_hashes_[i] belongs to ids_by_name_[i].
  std::vector<uint32_t> name_hashes_;
  std::vector<NodeId> ids_by_name_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_NODE_DIRECTORY_H_
