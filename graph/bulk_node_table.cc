#include "graph/bulk_node_table.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "absl/hash/hash.h"

namespace dossier::graph {

BulkNodeTable::BulkNodeTable() : index_(0, SlotHash{}, SlotEq{this}) {}

uint32_t BulkNodeTable::HashOf(std::string_view id) {
  const size_t h = absl::Hash<absl::string_view>{}(absl::string_view(id.data(), id.size()));
  return static_cast<uint32_t>(h ^ (h >> 32));
}

char* BulkNodeTable::Allocate(size_t bytes) {
  if (bytes > free_size_) {
    // A text longer than a block gets a block of its own; the rest of the current one is left.
    const size_t size = std::max(kBlockBytes, bytes);
    blocks_.push_back(std::make_unique<char[]>(size));
    block_bytes_ += size;
    free_ = blocks_.back().get();
    free_size_ = size;
  }
  char* out = free_;
  free_ += bytes;
  free_size_ -= bytes;
  return out;
}

bool BulkNodeTable::Add(std::string_view external_id, std::string_view name, TypeId type,
                        uint32_t props) {
  assert(!index_dropped_);
  const uint32_t hash = HashOf(external_id);
  // lazy_emplace: one probe finds a duplicate or the free slot, and only a new node is stored.
  bool added = false;
  index_.lazy_emplace(external_id, [&](const auto& construct) {
    char* bytes = Allocate(external_id.size() + name.size());
    std::memcpy(bytes, external_id.data(), external_id.size());
    if (!name.empty()) std::memcpy(bytes + external_id.size(), name.data(), name.size());
    nodes_.push_back({bytes, static_cast<uint32_t>(external_id.size()),
                      static_cast<uint32_t>(name.size()), type, props});
    construct(Slot{static_cast<uint32_t>(nodes_.size() - 1), hash});
    added = true;
  });
  return added;
}

std::optional<uint32_t> BulkNodeTable::Find(std::string_view external_id) const {
  assert(!index_dropped_);
  auto it = index_.find(external_id);
  if (it == index_.end()) return std::nullopt;
  return it->index;
}

void BulkNodeTable::DropIndex() {
  index_ = decltype(index_)(0, SlotHash{}, SlotEq{this});
  index_dropped_ = true;
}

uint64_t BulkNodeTable::bytes() const {
  // A slot and its control byte.
  return block_bytes_ + nodes_.capacity() * sizeof(Node) + index_.capacity() * (sizeof(Slot) + 1);
}

}  // namespace dossier::graph
