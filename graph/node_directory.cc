#include "graph/node_directory.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/hash/hash.h"
#include "absl/strings/str_cat.h"
#include "graph/read_view_internal.h"
#include "graph/record_codec.h"
#include "graph/store.h"

namespace dossier::graph {
namespace {

uint32_t NameHash(std::string_view name) {
  const size_t h = absl::Hash<std::string_view>{}(name);
  return static_cast<uint32_t>(h ^ (h >> 32));
}

}  // namespace

absl::Status NodeDirectory::Build(const GraphStore* store, const rocksdb::Snapshot* snapshot,
                                  uint64_t id_limit) {
  types_.assign(id_limit, 0);
  name_offsets_.assign(id_limit + 1, 0);
  external_id_offsets_.assign(id_limit + 1, 0);
  std::unique_ptr<rocksdb::Iterator> it(
      store->db()->NewIterator(SnapshotReadOptions(snapshot, true), store->cf(kNodesCf)));
  // Ids ascend with the keys, so each arena grows in id order and the offsets of ids without a
  // node repeat their predecessor's (an empty slice).
  NodeId next = 0;
  auto fill_to = [&](NodeId id) {
    for (; next <= id; ++next) {
      name_offsets_[next] = names_.size();
      external_id_offsets_[next] = external_ids_.size();
    }
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != kIdBytes) return absl::DataLossError("corrupt node key");
    NodeId id = DecodeFixed64BE(it->key().data());
    if (id >= id_limit) {
      return absl::DataLossError(absl::StrCat("node ", id, " beyond next_node_id"));
    }
    absl::StatusOr<internal::NodeRecord> record =
        DecodeNodeRecord(std::string_view(it->value().data(), it->value().size()));
    if (!record.ok()) return record.status();
    fill_to(id);
    types_[id] = static_cast<TypeId>(record->type());
    names_ += record->name();
    external_ids_ += record->external_id();
  }
  if (!it->status().ok()) return FromRocks(it->status());
  fill_to(id_limit);
  names_.shrink_to_fit();
  external_ids_.shrink_to_fit();
  // Views into the arena are taken only now that it no longer moves.
  by_external_id_.reserve(id_limit);
  for (NodeId id = 0; id < id_limit; ++id) {
    if (types_[id] != 0 && external_id_offsets_[id + 1] > external_id_offsets_[id]) {
      by_external_id_.emplace(external_id(id), id);
    }
  }
  std::vector<std::pair<uint32_t, NodeId>> by_name;
  by_name.reserve(by_external_id_.size());
  for (NodeId id = 0; id < id_limit; ++id) {
    if (types_[id] != 0) by_name.emplace_back(NameHash(name(id)), id);
  }
  std::sort(by_name.begin(), by_name.end());
  name_hashes_.resize(by_name.size());
  ids_by_name_.resize(by_name.size());
  for (size_t i = 0; i < by_name.size(); ++i) {
    name_hashes_[i] = by_name[i].first;
    ids_by_name_[i] = by_name[i].second;
  }
  return absl::OkStatus();
}

NodeId NodeDirectory::FindByExternalId(std::string_view external_id) const {
  auto it = by_external_id_.find(external_id);
  return it == by_external_id_.end() ? kNoNode : it->second;
}

std::vector<NodeId> NodeDirectory::FindByName(std::string_view name) const {
  auto [first, last] = std::equal_range(name_hashes_.begin(), name_hashes_.end(), NameHash(name));
  std::vector<NodeId> ids;
  for (auto i = first - name_hashes_.begin(); i < last - name_hashes_.begin(); ++i) {
    if (this->name(ids_by_name_[i]) == name) ids.push_back(ids_by_name_[i]);
  }
  return ids;
}

size_t NodeDirectory::memory_bytes() const {
  return types_.capacity() * sizeof(TypeId) + names_.capacity() + external_ids_.capacity() +
         (name_offsets_.capacity() + external_id_offsets_.capacity()) * sizeof(uint64_t) +
         by_external_id_.capacity() * (sizeof(std::string_view) + sizeof(NodeId) + 1) +
         name_hashes_.capacity() * sizeof(uint32_t) + ids_by_name_.capacity() * sizeof(NodeId);
}

}  // namespace dossier::graph
