#include "graph/adjacency_snapshot.h"

#include <sys/mman.h>
#include <unistd.h>

#include <new>
#include <thread>

#include "absl/strings/str_cat.h"
#include "graph/read_view_internal.h"
#include "graph/store.h"

namespace dossier::graph {
namespace {

// The edge count the store keeps (each direction holds one entry an edge), to size the lists
// once instead of growing them by doubling; 0 when unknown.
uint64_t CountedEdges(const GraphStore* store, const rocksdb::Snapshot* snapshot) {
  uint64_t edges = 0;
  std::unique_ptr<rocksdb::Iterator> it(
      store->db()->NewIterator(SnapshotReadOptions(snapshot, true), store->cf(kMetaCf)));
  const std::string_view prefix = kMetaEdgeCountPrefix;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    if (it->value().size() == 8) edges += DecodeFixed64BE(it->value().data());
  }
  return it->status().ok() ? edges : 0;
}

// Per-anchor counts at offsets[anchor + 1] become each anchor's start.
void PrefixSums(HugePageVector<uint64_t>* offsets) {
  for (size_t i = 1; i < offsets->size(); ++i) (*offsets)[i] += (*offsets)[i - 1];
}

absl::Status ReadDirection(const GraphStore* store, const rocksdb::Snapshot* snapshot, bool out,
                           uint64_t id_limit, uint64_t expected_entries,
                           HugePageVector<uint64_t>* offsets,
                           HugePageVector<AdjacencySnapshot::Entry>* entries) {
  offsets->assign(id_limit + 1, 0);
  entries->reserve(expected_entries);
  std::unique_ptr<rocksdb::Iterator> it(store->db()->NewIterator(
      FullScanOptions(snapshot), store->cf(out ? kOutEdgesCf : kInEdgesCf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    rocksdb::Slice key = it->key();
    if (key.size() != kAdjacencyKeyBytes || it->value().size() < kTypeBytes) {
      return absl::DataLossError("corrupt adjacency entry");
    }
    NodeId anchor = DecodeFixed64BE(key.data());
    if (anchor + 1 >= offsets->size()) {
      return absl::DataLossError(absl::StrCat("edge of node ", anchor, " beyond next_node_id"));
    }
    const NodeId neighbor = DecodeFixed64BE(key.data() + kIdBytes + kTypeBytes);
    const TypeId edge_type = DecodeFixed32BE(key.data() + kIdBytes);
    const TypeId neighbor_type = DecodeFixed32BE(it->value().data());
    // An entry holds narrower ids than a key: whatever does not fit is corrupt, not cut.
    if (neighbor >= id_limit) {
      return absl::DataLossError(absl::StrCat("edge to node ", neighbor, " beyond next_node_id"));
    }
    if (edge_type >= TypeRegistry::kMaxTypes || neighbor_type >= TypeRegistry::kMaxTypes) {
      return absl::DataLossError(absl::StrCat("adjacency entry of node ", anchor,
                                              " holds a type id beyond the registry's"));
    }
    ++(*offsets)[anchor + 1];
    entries->push_back({static_cast<uint32_t>(neighbor), static_cast<uint16_t>(edge_type),
                        static_cast<uint16_t>(neighbor_type)});
  }
  if (!it->status().ok()) return FromRocks(it->status());
  PrefixSums(offsets);
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::shared_ptr<const AdjacencySnapshot>> AdjacencySnapshot::Build(
    const GraphStore* store, const rocksdb::Snapshot* snapshot, bool parallel) {
  std::string value;
  uint64_t next_node_id = 1;
  rocksdb::Status s = store->db()->Get(SnapshotReadOptions(snapshot, false), store->cf(kMetaCf),
                                       kMetaNextNodeId, &value);
  if (s.ok() && value.size() == 8) next_node_id = DecodeFixed64BE(value.data());
  if (next_node_id > kMaxNodeIds) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "node ids reach ", next_node_id, ": too many for an in-memory adjacency snapshot"));
  }
  std::shared_ptr<AdjacencySnapshot> built(new AdjacencySnapshot());
  built->sequence_ = snapshot->GetSequenceNumber();
  const uint64_t edges = CountedEdges(store, snapshot);
  // The three parts read different families into different members: built side by side.
  // offsets has one slot per id (ids start at 1) plus the end sentinel.
  absl::Status out, in, directory;
  auto read_out = [&] {
    out = ReadDirection(store, snapshot, true, next_node_id, edges, &built->out_offsets_,
                        &built->out_entries_);
  };
  auto read_directory = [&] { directory = built->directory_.Build(store, snapshot, next_node_id); };
  auto read_in = [&] {
    in = ReadDirection(store, snapshot, false, next_node_id, edges, &built->in_offsets_,
                       &built->in_entries_);
  };
  if (parallel) {
    std::jthread out_thread(read_out);
    std::jthread directory_thread(read_directory);
    read_in();
  } else {
    read_out();
    read_directory();
    read_in();
  }
  for (const absl::Status& part : {out, in, directory}) {
    if (!part.ok()) return part;
  }
  built->out_entries_.shrink_to_fit();
  built->in_entries_.shrink_to_fit();
  built->out_data_ = built->out_entries_.data();
  built->in_data_ = built->in_entries_.data();
  return std::shared_ptr<const AdjacencySnapshot>(std::move(built));
}

AdjacencySnapshot::Assembler::Assembler(uint64_t id_limit) : snapshot_(new AdjacencySnapshot()) {
  snapshot_->out_offsets_.assign(id_limit + 1, 0);
  snapshot_->in_offsets_.assign(id_limit + 1, 0);
  snapshot_->directory_.Start(id_limit);
}

void AdjacencySnapshot::Assembler::WriteOver(bool out, std::shared_ptr<void> owner, void* storage,
                                             size_t bytes) {
  Target& target = out ? out_ : in_;
  target.owner = std::move(owner);
  target.storage = static_cast<char*>(storage);
  target.bytes = bytes;
  target.count = 0;
}

void AdjacencySnapshot::Assembler::Keep(Target* target, bool out) {
  AdjacencySnapshot& s = *snapshot_;
  const size_t used = target->count * sizeof(Entry);
  // The entries fill the front of the array; the pages past them go back to the kernel (the
  // array's allocation itself stays whole, for its owner to free).
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  const uintptr_t begin = reinterpret_cast<uintptr_t>(target->storage) + used;
  const uintptr_t end = reinterpret_cast<uintptr_t>(target->storage) + target->bytes;
  const uintptr_t free_begin = (begin + page - 1) / page * page, free_end = end / page * page;
  if (target->storage != nullptr && free_begin < free_end) {
    madvise(reinterpret_cast<void*>(free_begin), free_end - free_begin, MADV_DONTNEED);
  }
  (out ? s.out_data_ : s.in_data_) =
      target->count == 0 ? nullptr : std::launder(reinterpret_cast<const Entry*>(target->storage));
  (out ? s.out_owner_ : s.in_owner_) = std::move(target->owner);
  s.owned_bytes_ += used;
  *target = Target{};
}

std::shared_ptr<const AdjacencySnapshot> AdjacencySnapshot::Assembler::Finish(
    uint64_t sequence) && {
  snapshot_->sequence_ = sequence;
  PrefixSums(&snapshot_->out_offsets_);
  PrefixSums(&snapshot_->in_offsets_);
  Keep(&out_, true);
  Keep(&in_, false);
  return std::move(snapshot_);
}

size_t AdjacencySnapshot::memory_bytes() const {
  return (out_offsets_.capacity() + in_offsets_.capacity()) * sizeof(uint64_t) +
         (out_entries_.capacity() + in_entries_.capacity()) * sizeof(Entry) + owned_bytes_ +
         directory_.memory_bytes();
}

}  // namespace dossier::graph
