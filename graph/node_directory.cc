#include "graph/node_directory.h"

#include <algorithm>
#include <cassert>
#include <memory>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "graph/read_view_internal.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"
#include "graph/store.h"

namespace dossier::graph {

uint32_t NodeDirectory::TextHash(std::string_view text) const {
  const size_t h = absl::Hash<std::string_view>{}(text);
  return static_cast<uint32_t>(h ^ (h >> 32)) & hash_mask_;
}

absl::Status NodeDirectory::Build(const GraphStore* store, const rocksdb::Snapshot* snapshot,
                                  uint64_t id_limit) {
  Start(id_limit);
  std::unique_ptr<rocksdb::Iterator> it(
      store->db()->NewIterator(FullScanOptions(snapshot), store->cf(kNodesCf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != kIdBytes) return absl::DataLossError("corrupt node key");
    absl::StatusOr<internal::NodeRecord> record =
        DecodeNodeRecord(std::string_view(it->value().data(), it->value().size()));
    if (!record.ok()) return record.status();
    DOSSIER_RETURN_IF_ERROR(Add(DecodeFixed64BE(it->key().data()),
                                static_cast<TypeId>(record->type()), record->name(),
                                record->external_id()));
  }
  if (!it->status().ok()) return FromRocks(it->status());
  Finish();
  return absl::OkStatus();
}

void NodeDirectory::Start(uint64_t id_limit) {
  assert(id_limit <= (uint64_t{1} << 32));  // The external-id index keeps 32-bit ids.
  types_.assign(id_limit, 0);
  name_offsets_.assign(id_limit + 1, 0);
  external_id_offsets_.assign(id_limit + 1, 0);
  names_.clear();
  external_ids_.clear();
  by_external_id_.clear();
  by_name_.clear();
  name_bucket_starts_.clear();
  next_unfilled_ = 0;
}

// Ids ascend, so each arena grows in id order and the offsets of ids without a node repeat
// their predecessor's (an empty slice).
void NodeDirectory::FillOffsetsTo(NodeId id) {
  for (; next_unfilled_ <= id; ++next_unfilled_) {
    name_offsets_[next_unfilled_] = names_.size();
    external_id_offsets_[next_unfilled_] = external_ids_.size();
  }
}

absl::Status NodeDirectory::Add(NodeId id, TypeId type, std::string_view name,
                                std::string_view external_id) {
  if (id >= types_.size()) {
    return absl::DataLossError(absl::StrCat("node ", id, " beyond next_node_id"));
  }
  if (id < next_unfilled_) {
    return absl::InternalError(absl::StrCat("node ", id, " added to the directory out of order"));
  }
  FillOffsetsTo(id);
  types_[id] = type;
  names_.append(name);
  external_ids_.append(external_id);
  return absl::OkStatus();
}

void NodeDirectory::Finish() {
  const uint64_t id_limit = types_.size();
  FillOffsetsTo(id_limit);
  names_.shrink_to_fit();
  external_ids_.shrink_to_fit();
  // Views into the arena are taken only now that it no longer moves.
  by_external_id_.reserve(id_limit);
  for (NodeId id = 0; id < id_limit; ++id) {
    if (types_[id] != 0 && external_id_offsets_[id + 1] > external_id_offsets_[id]) {
      by_external_id_.insert(IdSlot{static_cast<uint32_t>(id), TextHash(external_id(id))});
    }
  }
  by_name_.reserve(id_limit);
  for (NodeId id = 0; id < id_limit; ++id) {
    if (types_[id] != 0) {
      by_name_.push_back({.hash = TextHash(name(id)), .type = types_[id], .id = id});
    }
  }
  by_name_.shrink_to_fit();
  std::sort(by_name_.begin(), by_name_.end(), [](const NameEntry& a, const NameEntry& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.id < b.id;
  });
  // About one node a bucket; entries are sorted by hash, so buckets are contiguous ranges.
  uint32_t bucket_bits = 0;
  while (bucket_bits < 30 && (size_t{1} << bucket_bits) < by_name_.size()) ++bucket_bits;
  name_bucket_shift_ = 32 - bucket_bits;
  const size_t buckets = size_t{1} << bucket_bits;
  name_bucket_starts_.assign(buckets + 1, 0);
  for (const NameEntry& e : by_name_) {
    ++name_bucket_starts_[(name_bucket_shift_ >= 32 ? 0 : e.hash >> name_bucket_shift_) + 1];
  }
  for (size_t b = 1; b <= buckets; ++b) name_bucket_starts_[b] += name_bucket_starts_[b - 1];
  for (size_t i = 1, head = 0; i < by_name_.size(); ++i) {
    if (by_name_[i].hash != by_name_[head].hash) {
      head = i;
    } else {
      by_name_[i].same_name_as_run_head = name(by_name_[i].id) == name(by_name_[head].id);
    }
  }
}

NodeId NodeDirectory::FindByExternalId(std::string_view external_id) const {
  auto it = by_external_id_.find(IdProbe{external_id, TextHash(external_id)});
  return it == by_external_id_.end() ? kNoNode : it->id;
}

void NodeDirectory::Prefetch(std::span<const NodeId> ids) const {
  for (NodeId id : ids) {
    if (id >= types_.size()) continue;
    __builtin_prefetch(&types_[id]);
    __builtin_prefetch(&name_offsets_[id]);
    __builtin_prefetch(&external_id_offsets_[id]);
  }
  // The arenas' addresses come from the offsets: a second pass, once those lines are on the way.
  for (NodeId id : ids) {
    if (id >= types_.size()) continue;
    __builtin_prefetch(names_.data() + name_offsets_[id]);
    __builtin_prefetch(external_ids_.data() + external_id_offsets_[id]);
  }
}

void NodeDirectory::PrefetchExternalIds(std::span<const NodeId> ids) const {
  for (NodeId id : ids) {
    if (id < types_.size()) __builtin_prefetch(&external_id_offsets_[id]);
  }
  for (NodeId id : ids) {
    if (id < types_.size()) __builtin_prefetch(external_ids_.data() + external_id_offsets_[id]);
  }
}

size_t NodeDirectory::memory_bytes() const {
  return types_.capacity() * sizeof(TypeId) + names_.capacity() + external_ids_.capacity() +
         (name_offsets_.capacity() + external_id_offsets_.capacity()) * sizeof(uint64_t) +
         by_external_id_.capacity() * (sizeof(IdSlot) + 1) +
         by_name_.capacity() * sizeof(NameEntry) +
         name_bucket_starts_.capacity() * sizeof(uint32_t);
}

}  // namespace dossier::graph
