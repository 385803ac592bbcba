// The nodes of a bulk load, held until their files are written: external ids and names in one
// arena of large blocks, 24 bytes a node beside them, and the id -> node index as 8-byte hash
// slots. A million nodes held as two std::strings each in a vector, with a hash map of copied
// ids, took about 200 bytes a node beyond the text; this takes about 45, and says how much it
// holds so that a load can keep within its memory budget.
#ifndef DOSSIER_GRAPH_BULK_NODE_TABLE_H_
#define DOSSIER_GRAPH_BULK_NODE_TABLE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "graph/key_codec.h"

namespace dossier::graph {

class BulkNodeTable {
 public:
  BulkNodeTable();
  BulkNodeTable(const BulkNodeTable&) = delete;
  BulkNodeTable& operator=(const BulkNodeTable&) = delete;

  // Appends a node as index size(); false (and nothing added) if `external_id` is already here.
  bool Add(std::string_view external_id, std::string_view name, TypeId type, uint32_t props);
  // The index of the node with this id, once added.
  std::optional<uint32_t> Find(std::string_view external_id) const;
  // Frees the id index when the caller resolves ids another way: Add and Find may not follow.
  void DropIndex();
  bool has_index() const { return !index_dropped_; }

  uint32_t size() const { return static_cast<uint32_t>(nodes_.size()); }
  std::string_view external_id(uint32_t i) const { return {nodes_[i].bytes, nodes_[i].id_size}; }
  std::string_view name(uint32_t i) const {
    return {nodes_[i].bytes + nodes_[i].id_size, nodes_[i].name_size};
  }
  TypeId type(uint32_t i) const { return nodes_[i].type; }
  uint32_t props(uint32_t i) const { return nodes_[i].props; }

  // Memory held: the arena's blocks, the node array's capacity and the index's slots.
  uint64_t bytes() const;

 private:
  struct Node {
    const char* bytes;  // The external id, then the name, in the arena.
    uint32_t id_size;
    uint32_t name_size;
    TypeId type;
    uint32_t props;
  };
  // A slot of the index: the node and its id's hash, so that growing the index rehashes
  // without reading the ids again.
  struct Slot {
    uint32_t index;
    uint32_t hash;
  };
  struct SlotHash {
    using is_transparent = void;
    size_t operator()(const Slot& s) const { return Spread(s.hash); }
    size_t operator()(std::string_view id) const { return Spread(HashOf(id)); }
  };
  struct SlotEq {
    using is_transparent = void;
    const BulkNodeTable* table;
    bool operator()(const Slot& a, const Slot& b) const {
      return a.hash == b.hash && table->external_id(a.index) == table->external_id(b.index);
    }
    bool operator()(std::string_view id, const Slot& s) const {
      return table->external_id(s.index) == id;
    }
    bool operator()(const Slot& s, std::string_view id) const { return (*this)(id, s); }
  };
  static uint32_t HashOf(std::string_view id);
  // The index takes its slot from the high bits and a tag from the low seven: a 32-bit hash
  // multiplied by an odd constant fills both.
  static size_t Spread(uint32_t hash) { return uint64_t{hash} * 0x9E3779B97F4A7C15ull; }

  char* Allocate(size_t bytes);

  static constexpr size_t kBlockBytes = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  uint64_t block_bytes_ = 0;  // All blocks' sizes.
  char* free_ = nullptr;      // In the newest block.
  size_t free_size_ = 0;
  std::vector<Node> nodes_;
  absl::flat_hash_set<Slot, SlotHash, SlotEq> index_;
  bool index_dropped_ = false;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_NODE_TABLE_H_
