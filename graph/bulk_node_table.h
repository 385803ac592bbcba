// The nodes of a bulk load, held until their files are written: external ids interned (in an
// arena, found through 8-byte hash slots), names in an arena, and 24 bytes a node beside them.
// That is about 60 bytes a node beside the text, where two std::strings a node in a vector and a
// hash map of copied ids took about 150 by their layout (the default bench graph's nodes file
// alone: peak RSS 603 -> 408 MB with the name index's share). It says how much it holds, for the
// memory budget.
#ifndef DOSSIER_GRAPH_BULK_NODE_TABLE_H_
#define DOSSIER_GRAPH_BULK_NODE_TABLE_H_

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "graph/interned_texts.h"
#include "graph/key_codec.h"

namespace dossier::graph {

class BulkNodeTable {
 public:
  BulkNodeTable() = default;
  BulkNodeTable(const BulkNodeTable&) = delete;
  BulkNodeTable& operator=(const BulkNodeTable&) = delete;

  // Appends a node as index size(); false (and nothing added) if `external_id` is already here.
  bool Add(std::string_view external_id, std::string_view name, TypeId type, uint32_t props);
  // The index of the node with this id, once added.
  std::optional<uint32_t> Find(std::string_view external_id) const {
    return ids_.Find(external_id);
  }
  // Frees the id index when the caller resolves ids another way: Add and Find may not follow.
  void DropIndex() { ids_.DropIndex(); }
  bool has_index() const { return ids_.has_index(); }

  uint32_t size() const { return static_cast<uint32_t>(nodes_.size()); }
  std::string_view external_id(uint32_t i) const { return ids_.text(i); }
  std::string_view name(uint32_t i) const { return nodes_[i].name; }
  TypeId type(uint32_t i) const { return nodes_[i].type; }
  uint32_t props(uint32_t i) const { return nodes_[i].props; }

  // Memory held: the ids, the names' arena and the node array's capacity.
  uint64_t bytes() const {
    return ids_.bytes() + names_.bytes() + nodes_.capacity() * sizeof(Node);
  }

 private:
  struct Node {
    std::string_view name;  // In names_.
    TypeId type;
    uint32_t props;
  };
  InternedTexts ids_;  // A node's index is its id's number.
  TextArena names_;
  std::vector<Node> nodes_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_NODE_TABLE_H_
