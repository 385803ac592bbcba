#include "graph/write_transaction_impl.h"

#include <algorithm>
#include <cassert>

#include "absl/strings/str_cat.h"
#include "graph/document_lists.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"

namespace dossier::graph {

bool WriteTransaction::Impl::MayHoldKeysUnder(ColumnFamily cf, std::string_view key,
                                              NodeId first_absent_id) {
  auto id_at = [&](size_t offset) {
    return key.size() < offset + kIdBytes || DecodeFixed64BE(key.data() + offset) < first_absent_id;
  };
  switch (cf) {
    case kNodesCf:
    case kDegreesCf:
    case kEvidenceByDocCf:
    case kMentionsByDocCf:
      return id_at(0);
    case kOutEdgesCf:
    case kInEdgesCf:
    case kEvidenceCf:  // [src][type][dst]...
      return id_at(0) && id_at(kIdBytes + kTypeBytes);
    case kMentionsCf:  // [node][document]...
      return id_at(0) && id_at(kIdBytes);
    case kDefaultCf:
    case kMetaCf:
    case kNodeKeysCf:
    case kExternalIdsCf:
    case kNamesCf:
    case kColumnFamilyCount:
      break;  // Keyed by names, types and counters.
  }
  return true;
}

absl::StatusOr<std::optional<std::string>> WriteTransaction::Impl::Get(ColumnFamily cf,
                                                                       const std::string& key,
                                                                       bool* staged_here) {
  std::string value;  // Found in a layer.
  // This batch's writes, then the batch being written in the background: the newest wins.
  // The batch in flight was handed over before this batch took its new ids: keys holding one
  // are not looked for there (most of a letter's keys hold the letter's id).
  const PendingWrites* in_flight = nullptr;
  if (in_flight_ != nullptr && MayHoldKeysUnder(cf, key, in_flight_ids_.first)) {
    in_flight = &in_flight_->writes();
    ++in_flight_reads_;
  }
  for (const PendingWrites* layer : {static_cast<const PendingWrites*>(&pending_), in_flight}) {
    if (layer == nullptr) continue;
    const PendingWrites::State state = layer->Find(cf, key, &value);
    if (layer == &pending_ && staged_here != nullptr) {
      *staged_here = state != PendingWrites::State::kUntouched;
    }
    switch (state) {
      case PendingWrites::State::kWritten:
        return std::optional<std::string>(std::move(value));
      case PendingWrites::State::kDeleted:
        return std::optional<std::string>();
      case PendingWrites::State::kUntouched:
        break;
    }
  }
  if (!MayBeStoredUnder(cf, key)) return std::optional<std::string>();
  return StoredValue(cf, key);
}

absl::StatusOr<std::optional<std::string>> WriteTransaction::Impl::StoredValue(
    ColumnFamily cf, const std::string& key) {
  // Nothing else writes while this transaction holds the writer lock, so what the database
  // said about a key stays true until a batch of this transaction's lands: a letter's import
  // asks for the same person's key and record several times, and so do the letters after it.
  std::string value;
  auto& reads = stored_reads_[cf];
  if (auto it = reads.find(key); it != reads.end()) return it->second;
  ++database_reads_;
  rocksdb::Status s = store_->db()->Get(rocksdb::ReadOptions(), store_->cf(cf), key, &value);
  if (s.IsNotFound()) {
    RememberStored(cf, key, std::nullopt);
    return std::optional<std::string>();
  }
  if (!s.ok()) return FromRocks(s);
  RememberStored(cf, key, value);
  return std::optional<std::string>(std::move(value));
}

void WriteTransaction::Impl::RememberStored(ColumnFamily cf, const std::string& key,
                                            std::optional<std::string> value) {
  stored_read_bytes_ += key.size() + (value.has_value() ? value->size() : 0);
  stored_reads_[cf].insert_or_assign(key, std::move(value));
}

void WriteTransaction::Impl::RememberLanded(const PendingWrites& landed, NodeId read_below) {
  if (stored_read_bytes_ > kMaxStoredReadBytes) {
    for (auto& reads : stored_reads_) reads.clear();
    stored_read_bytes_ = 0;
    return;
  }
  landed.ForEach([&](int family, std::string_view key, const std::string* value) {
    auto& reads = stored_reads_[family];
    if (reads.empty()) return;  // A family never read by key: evidence, mentions, names...
    // Nothing holding a newer id was asked of the database (MayBeStoredUnder), so nothing of it
    // is remembered: most of a batch's keys hold its letters' ids.
    if (!MayHoldKeysUnder(static_cast<ColumnFamily>(family), key, read_below)) return;
    auto it = reads.find(absl::string_view(key.data(), key.size()));
    if (it == reads.end()) return;
    if (value != nullptr) {
      stored_read_bytes_ += value->size();
      it->second = *value;
    } else {
      it->second = std::nullopt;
    }
  });
}

absl::StatusOr<std::vector<std::pair<std::string, std::string>>> WriteTransaction::Impl::Scan(
    ColumnFamily cf, const std::string& prefix, size_t limit) {
  std::unique_ptr<rocksdb::Iterator> it;
  if (MayBeStoredUnder(cf, prefix)) {
    rocksdb::ReadOptions ro;
    ro.total_order_seek = true;
    it.reset(store_->db()->NewIterator(ro, store_->cf(cf)));
    it->Seek(prefix);
    ++database_reads_;
  }
  // Oldest first.
  std::array<std::vector<PendingWrites::Entry>, 2> layers;
  if (in_flight_ != nullptr && MayHoldKeysUnder(cf, prefix, in_flight_ids_.first)) {
    layers[0] = in_flight_->writes().WithPrefix(cf, prefix);
    ++in_flight_reads_;
  }
  layers[1] = pending_.WithPrefix(cf, prefix);
  std::array<size_t, 2> next = {0, 0};
  std::vector<std::pair<std::string, std::string>> out;
  while (out.size() < limit) {
    const bool stored = it != nullptr && it->Valid() && it->key().starts_with(prefix);
    std::optional<std::string_view> smallest;
    if (stored) smallest = it->key().ToStringView();
    for (size_t l = 0; l < layers.size(); ++l) {
      if (next[l] < layers[l].size() && (!smallest || layers[l][next[l]].key < *smallest)) {
        smallest = layers[l][next[l]].key;
      }
    }
    if (!smallest) break;
    const PendingWrites::Entry* newest = nullptr;
    for (size_t l = 0; l < layers.size(); ++l) {
      if (next[l] < layers[l].size() && layers[l][next[l]].key == *smallest) {
        newest = &layers[l][next[l]++];
      }
    }
    if (newest == nullptr) {
      out.emplace_back(it->key().ToString(), it->value().ToString());
      it->Next();
      continue;
    }
    // A staged write replaces the stored value (a null one deletes it).
    if (newest->value != nullptr) out.emplace_back(std::string(newest->key), *newest->value);
    if (stored && it->key().ToStringView() == newest->key) it->Next();
  }
  if (it != nullptr && !it->status().ok()) return FromRocks(it->status());
  return out;
}

absl::StatusOr<TypeId> WriteTransaction::Impl::InternType(bool node_type, std::string_view name) {
  TypeRegistry& registry = node_type ? store_->node_types() : store_->edge_types();
  if (std::optional<TypeId> id = registry.Find(name)) return *id;
  std::optional<TypeId> added = registry.Add(name);
  if (!added) {
    return absl::ResourceExhaustedError(absl::StrCat("too many ", node_type ? "node" : "edge",
                                                     " types (at most ",
                                                     TypeRegistry::kMaxTypes - 1, ")"));
  }
  TypeId id = *added;
  Put(kMetaCf,
      absl::StrCat(node_type ? kMetaNodeTypePrefix : kMetaEdgeTypePrefix, std::string(name)),
      EncodeFixed32BE(id));
  new_types_.push_back({node_type, std::string(name)});
  return id;
}

absl::StatusOr<std::optional<internal::NodeRecord>> WriteTransaction::Impl::LoadNode(NodeId id) {
  absl::StatusOr<std::optional<std::string>> raw = Get(kNodesCf, NodeKey(id));
  if (!raw.ok()) return raw.status();
  if (!raw->has_value()) return std::optional<internal::NodeRecord>();
  absl::StatusOr<internal::NodeRecord> record = DecodeNodeRecord(**raw);
  if (!record.ok()) return record.status();
  RememberNode(id, *record);
  return std::optional<internal::NodeRecord>(std::move(*record));
}

absl::StatusOr<WriteTransaction::Impl::NodeFacts> WriteTransaction::Impl::RequireNodeFacts(
    NodeId id, std::string_view role) {
  if (auto it = node_facts_.find(id); it != node_facts_.end()) return it->second;
  absl::StatusOr<internal::NodeRecord> record = RequireNode(id, role);
  if (!record.ok()) return record.status();
  return node_facts_.at(id);
}

absl::StatusOr<internal::NodeRecord> WriteTransaction::Impl::RequireNode(NodeId id,
                                                                         std::string_view role) {
  absl::StatusOr<std::optional<internal::NodeRecord>> record = LoadNode(id);
  if (!record.ok()) return record.status();
  if (!record->has_value())
    return absl::NotFoundError(absl::StrCat(std::string(role), " node ", id, " not found"));
  return std::move(**record);
}

absl::Status WriteTransaction::Impl::MarkDocumentDerived(NodeId id) {
  absl::StatusOr<NodeFacts> facts = RequireNodeFacts(id, "");
  if (!facts.ok()) return facts.status();
  if (facts->document_derived) return absl::OkStatus();
  absl::StatusOr<internal::NodeRecord> record = RequireNode(id, "");
  if (!record.ok()) return record.status();
  if (!record->document_derived()) {
    record->set_document_derived(true);
    StoreNode(id, *record);
  }
  return absl::OkStatus();
}

void WriteTransaction::Impl::ListUnderDocument(ColumnFamily cf, NodeId document, uint64_t id,
                                               std::string_view entry) {
  std::string& list = open_lists_[{cf, document}];
  if (!list.empty() && pending_.Append(cf, list, entry)) return;
  list = DocumentListKey(document, id);
  pending_.Put(cf, list, std::string(entry));
}

absl::StatusOr<WriteTransaction::Impl::DocumentListing> WriteTransaction::Impl::ReadDocumentLists(
    ColumnFamily cf, NodeId document) {
  DocumentListing listing;
  DOSSIER_ASSIGN_OR_RETURN(auto lists, Scan(cf, EncodeFixed64BE(document)));
  for (auto& [key, value] : lists) {
    DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string_view> entries,
                             SplitDocumentList(cf, key, value));
    for (std::string_view entry : entries) listing.entries.emplace_back(entry);
    listing.list_keys.push_back(std::move(key));
  }
  return listing;
}

absl::Status WriteTransaction::Impl::UnlistFromDocument(
    ColumnFamily cf, NodeId document, const absl::flat_hash_set<std::string>& entries) {
  if (entries.empty()) return absl::OkStatus();
  DOSSIER_ASSIGN_OR_RETURN(auto lists, Scan(cf, EncodeFixed64BE(document)));
  for (auto& [key, value] : lists) {
    DOSSIER_RETURN_IF_ERROR(SplitDocumentList(cf, key, value).status());
    if (DropListEntries(cf, entries, &value) == 0) continue;
    if (value.empty()) {
      Delete(cf, key);
    } else {
      Put(cf, key, std::move(value));
    }
  }
  return absl::OkStatus();
}

absl::Status WriteTransaction::Impl::Commit() {
  if (finished_) return absl::FailedPreconditionError("transaction already finished");
  if (!save_points_.empty()) {
    return absl::FailedPreconditionError(
        "cannot commit inside RunAtomically: the unit is not finished");
  }
  DOSSIER_RETURN_IF_ERROR(AwaitBackgroundCommit());
  DOSSIER_RETURN_IF_ERROR(ResolveCounters());
  if (absl::Status written = WriteStagedBatch(store_, pending_); !written.ok()) {
    Abort();
    return written;
  }
  store_->next_node_id = stored_next_node_id_ = next_node_id_;
  store_->next_record_id = next_record_id_;
  new_types_.clear();
  finished_ = true;
  lock_.unlock();
  return absl::OkStatus();
}

absl::Status WriteTransaction::Impl::CommitStagedInBackground() {
  if (finished_) return absl::FailedPreconditionError("transaction already finished");
  if (!save_points_.empty()) {
    return absl::FailedPreconditionError(
        "cannot commit in the background inside RunAtomically: the unit is not finished");
  }
  DOSSIER_RETURN_IF_ERROR(AwaitBackgroundCommit());
  DOSSIER_RETURN_IF_ERROR(ResolveCounters());
  if (pending_.empty()) return absl::OkStatus();
  in_flight_ = std::make_unique<BackgroundCommit>(store_, std::move(pending_));
  pending_.Clear();
  open_lists_.clear();
  in_flight_ids_ = {next_node_id_, next_record_id_};
  in_flight_types_ = std::move(new_types_);
  new_types_.clear();
  return absl::OkStatus();
}

absl::Status WriteTransaction::Impl::AwaitBackgroundCommit() {
  absl::Status landed = Land();
  if (!landed.ok()) {
    Abort();
    return absl::Status(landed.code(),
                        absl::StrCat("writing a batch in the background: ", landed.message()));
  }
  return absl::OkStatus();
}

void WriteTransaction::Impl::Abort() {
  if (finished_) return;
  Land().IgnoreError();
  // Type names interned by this transaction were never persisted.
  for (auto it = new_types_.rbegin(); it != new_types_.rend(); ++it) {
    (it->first ? store_->node_types() : store_->edge_types()).Remove(it->second);
  }
  new_types_.clear();
  pending_.Clear();
  open_lists_.clear();
  finished_ = true;
  if (lock_.owns_lock()) lock_.unlock();
}

absl::Status WriteTransaction::Impl::ResolveCounters() {
  // The journal points into counter_deltas_, which is cleared below: commits are refused inside
  // units, the only place the journal holds anything.
  assert(journal_.empty());
  // In key order: neighbouring counters share memtable nodes and blocks, and when two would go
  // negative, the error below names the same family on every run.
  std::vector<const std::pair<const std::string, int64_t>*> sums;
  sums.reserve(counter_deltas_.size());
  for (const auto& entry : counter_deltas_) {
    if (entry.second != 0) sums.push_back(&entry);
  }
  std::sort(sums.begin(), sums.end(),
            [](const auto* a, const auto* b) { return a->first < b->first; });
  for (const auto* sum : sums) {
    const ColumnFamily family = static_cast<ColumnFamily>(sum->first[0]);
    const std::string_view key = std::string_view(sum->first).substr(1);
    const int64_t delta = sum->second;
    // The latest committed value, from the database or what this transaction remembers of it:
    // every batch before this one has landed.
    absl::StatusOr<std::optional<std::string>> current = MayBeStoredUnder(family, key)
                                                             ? StoredValue(family, std::string(key))
                                                             : std::optional<std::string>();
    if (!current.ok()) {
      Abort();
      return current.status();
    }
    int64_t value = 0;
    if (current->has_value() && (*current)->size() == 8) {
      value = static_cast<int64_t>(DecodeFixed64BE((*current)->data()));
    }
    value += delta;
    if (value < 0) {
      Abort();
      return absl::InternalError(
          absl::StrCat("counter ", ColumnFamilyName(family), " would go negative"));
    }
    if (value == 0 && family == kDegreesCf) {
      pending_.Delete(family, key);
    } else {
      // Only this resolution writes counters, once a batch (the batch is then committed or
      // handed over): nothing in the batch holds the key yet.
      pending_.PutNew(family, key, EncodeFixed64BE(static_cast<uint64_t>(value)));
    }
  }
  counter_deltas_.clear();
  if (next_node_id_ != store_->next_node_id) {
    Put(kMetaCf, kMetaNextNodeId, EncodeFixed64BE(next_node_id_));
  }
  if (next_record_id_ != store_->next_record_id) {
    Put(kMetaCf, kMetaNextRecordId, EncodeFixed64BE(next_record_id_));
  }
  return absl::OkStatus();
}

absl::Status WriteTransaction::Impl::Land() {
  if (in_flight_ == nullptr) return absl::OkStatus();
  absl::Status landed = in_flight_->Wait();
  if (landed.ok()) {
    const NodeId read_below = stored_next_node_id_;
    store_->next_node_id = stored_next_node_id_ = in_flight_ids_.first;
    store_->next_record_id = in_flight_ids_.second;
    RememberLanded(in_flight_->writes(), read_below);
  } else {
    for (auto it = in_flight_types_.rbegin(); it != in_flight_types_.rend(); ++it) {
      (it->first ? store_->node_types() : store_->edge_types()).Remove(it->second);
    }
  }
  in_flight_types_.clear();
  in_flight_.reset();
  return landed;
}

}  // namespace dossier::graph
