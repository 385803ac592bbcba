#include "graph/write_transaction.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <optional>
#include <set>

#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "graph/background_commit.h"
#include "graph/key_codec.h"
#include "graph/name_index.h"
#include "graph/name_normalizer.h"
#include "graph/pending_writes.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"
#include "graph/store.h"
#include "graph/utf8.h"
#include "graph/validation.h"

namespace dossier::graph {

class WriteTransaction::Impl {
 public:
  explicit Impl(GraphStore* store)
      : store_(store),
        lock_(store->writer_mutex()),
        next_node_id_(store->next_node_id),
        next_record_id_(store->next_record_id) {}

  ~Impl() { Abort(); }

  bool finished() const { return finished_; }

  // ---- Raw access: this batch over the latest committed state. ----------

  absl::StatusOr<std::optional<std::string>> Get(ColumnFamily cf, const std::string& key) {
    std::string value;
    switch (pending_.Find(cf, key, &value)) {
      case PendingWrites::State::kWritten:
        return std::optional<std::string>(std::move(value));
      case PendingWrites::State::kDeleted:
        return std::optional<std::string>();
      case PendingWrites::State::kUntouched:
        break;
    }
    if (in_flight_ != nullptr) {
      switch (in_flight_->writes().Find(cf, key, &value)) {
        case PendingWrites::State::kWritten:
          return std::optional<std::string>(std::move(value));
        case PendingWrites::State::kDeleted:
          return std::optional<std::string>();
        case PendingWrites::State::kUntouched:
          break;
      }
    }
    // Nothing else writes while this transaction holds the writer lock, so what the database
    // said about a key this transaction has not written stays true: a letter's import asks for
    // the same person's key and record several times.
    auto& reads = stored_reads_[cf];
    if (auto it = reads.find(key); it != reads.end()) return it->second;
    rocksdb::Status s = store_->db()->Get(rocksdb::ReadOptions(), store_->cf(cf), key, &value);
    if (s.IsNotFound()) {
      reads.emplace(key, std::nullopt);
      return std::optional<std::string>();
    }
    if (!s.ok()) return FromRocks(s);
    reads.emplace(key, value);
    return std::optional<std::string>(std::move(value));
  }

  // Keys (and values) starting with `prefix`: the database's, overlaid by the batch being
  // written in the background and then by this batch (the newest write of a key wins).
  // Collected first, so that callers may write while going through them.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Scan(ColumnFamily cf,
                                                                        const std::string& prefix,
                                                                        size_t limit = SIZE_MAX) {
    rocksdb::ReadOptions ro;
    ro.total_order_seek = true;
    std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(ro, store_->cf(cf)));
    // Oldest first.
    std::array<std::vector<PendingWrites::Entry>, 2> layers;
    if (in_flight_ != nullptr) layers[0] = in_flight_->writes().WithPrefix(cf, prefix);
    layers[1] = pending_.WithPrefix(cf, prefix);
    std::array<size_t, 2> next = {0, 0};
    std::vector<std::pair<std::string, std::string>> out;
    it->Seek(prefix);
    while (out.size() < limit) {
      const bool stored = it->Valid() && it->key().starts_with(prefix);
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
    if (!it->status().ok()) return FromRocks(it->status());
    return out;
  }

  absl::StatusOr<bool> HasPrefix(ColumnFamily cf, const std::string& prefix) {
    absl::StatusOr<std::vector<std::pair<std::string, std::string>>> found = Scan(cf, prefix, 1);
    if (!found.ok()) return found.status();
    return !found->empty();
  }

  void Put(ColumnFamily cf, const std::string& key, std::string value) {
    pending_.Put(cf, key, std::move(value));
  }
  void Delete(ColumnFamily cf, const std::string& key) { pending_.Delete(cf, key); }

  void AddCounter(ColumnFamily cf, const std::string& key, int64_t delta) {
    counter_deltas_[{cf, key}] += delta;
    if (!save_points_.empty()) journal_.push_back({{cf, key}, delta});
  }

  // Runs one public operation so that it either applies wholly or, when it
  // fails half way, leaves the transaction as it was before it started.
  template <typename Fn>
  auto Atomically(Fn fn) -> decltype(fn()) {
    if (finished_) return absl::FailedPreconditionError("transaction already finished");
    pending_.SetSavePoint();
    save_points_.push_back({next_node_id_, next_record_id_, new_types_.size(), journal_.size()});
    auto result = fn();
    SavePoint sp = save_points_.back();
    save_points_.pop_back();
    if (result.ok()) {
      pending_.PopSavePoint();
    } else {
      pending_.RollbackToSavePoint();
      next_node_id_ = sp.next_node_id;
      next_record_id_ = sp.next_record_id;
      for (size_t i = journal_.size(); i-- > sp.journal_size;) {
        counter_deltas_[journal_[i].first] -= journal_[i].second;
      }
      journal_.resize(sp.journal_size);
      node_facts_.clear();  // May describe writes that were just rolled back.
      for (size_t i = new_types_.size(); i-- > sp.new_types;) {
        (new_types_[i].first ? store_->node_types() : store_->edge_types())
            .Remove(new_types_[i].second);
      }
      new_types_.resize(sp.new_types);
    }
    if (save_points_.empty()) journal_.clear();
    return result;
  }

  // ---- Types and ids ---------------------------------------------------------

  absl::StatusOr<TypeId> InternType(bool node_type, std::string_view name) {
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

  NodeId AllocateNodeId() { return next_node_id_++; }
  uint64_t AllocateRecordId() { return next_record_id_++; }

  // ---- Records -----------------------------------------------------------------

  absl::StatusOr<std::optional<internal::NodeRecord>> LoadNode(NodeId id) {
    absl::StatusOr<std::optional<std::string>> raw = Get(kNodesCf, NodeKey(id));
    if (!raw.ok()) return raw.status();
    if (!raw->has_value()) return std::optional<internal::NodeRecord>();
    absl::StatusOr<internal::NodeRecord> record = DecodeNodeRecord(**raw);
    if (!record.ok()) return record.status();
    RememberNode(id, *record);
    return std::optional<internal::NodeRecord>(std::move(*record));
  }

  // What edges, evidence and mentions need to know of their endpoints. A letter's record holds
  // its whole text and each of its statements touches it: decoding it once per transaction
  // instead of once per statement made imports several times faster.
  struct NodeFacts {
    TypeId type;
    bool document_derived;
  };

  absl::StatusOr<NodeFacts> RequireNodeFacts(NodeId id, std::string_view role) {
    if (auto it = node_facts_.find(id); it != node_facts_.end()) return it->second;
    absl::StatusOr<internal::NodeRecord> record = RequireNode(id, role);
    if (!record.ok()) return record.status();
    return node_facts_.at(id);
  }

  void RememberNode(NodeId id, const internal::NodeRecord& record) {
    node_facts_[id] = {static_cast<TypeId>(record.type()), record.document_derived()};
  }
  void ForgetNode(NodeId id) { node_facts_.erase(id); }

  absl::StatusOr<internal::NodeRecord> RequireNode(NodeId id, std::string_view role) {
    absl::StatusOr<std::optional<internal::NodeRecord>> record = LoadNode(id);
    if (!record.ok()) return record.status();
    if (!record->has_value())
      return absl::NotFoundError(absl::StrCat(std::string(role), " node ", id, " not found"));
    return std::move(**record);
  }

  void StoreNode(NodeId id, const internal::NodeRecord& record) {
    Put(kNodesCf, NodeKey(id), record.SerializeAsString());
    RememberNode(id, record);
  }

  absl::Status MarkDocumentDerived(NodeId id) {
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

  // ---- Commit ------------------------------------------------------------------

  absl::Status Commit() {
    if (finished_) return absl::FailedPreconditionError("transaction already finished");
    DOSSIER_RETURN_IF_ERROR(AwaitBackgroundCommit());
    DOSSIER_RETURN_IF_ERROR(ResolveCounters());
    if (absl::Status written = WriteStagedBatch(store_, pending_); !written.ok()) {
      Abort();
      return written;
    }
    store_->next_node_id = next_node_id_;
    store_->next_record_id = next_record_id_;
    new_types_.clear();
    finished_ = true;
    lock_.unlock();
    return absl::OkStatus();
  }

  absl::Status CommitStagedInBackground() {
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
    in_flight_ids_ = {next_node_id_, next_record_id_};
    in_flight_types_ = std::move(new_types_);
    new_types_.clear();
    return absl::OkStatus();
  }

  absl::Status AwaitBackgroundCommit() {
    absl::Status landed = Land();
    if (!landed.ok()) {
      Abort();
      return absl::Status(landed.code(),
                          absl::StrCat("writing a batch in the background: ", landed.message()));
    }
    return absl::OkStatus();
  }

  void Abort() {
    if (finished_) return;
    Land().IgnoreError();
    // Type names interned by this transaction were never persisted.
    for (auto it = new_types_.rbegin(); it != new_types_.rend(); ++it) {
      (it->first ? store_->node_types() : store_->edge_types()).Remove(it->second);
    }
    new_types_.clear();
    pending_.Clear();
    finished_ = true;
    if (lock_.owns_lock()) lock_.unlock();
  }

  GraphStore* store() { return store_; }

 private:
  // Turns the summed counter deltas into writes of their new values, read against the latest
  // committed state (which the writer lock and a landed background batch make final), and
  // stages the id counters. Aborts on failure.
  absl::Status ResolveCounters() {
    for (const auto& [where, delta] : counter_deltas_) {
      if (delta == 0) continue;
      std::string current;
      rocksdb::Status s = store_->db()->Get(rocksdb::ReadOptions(), store_->cf(where.first),
                                            where.second, &current);
      int64_t value = 0;
      if (s.ok() && current.size() == 8) {
        value = static_cast<int64_t>(DecodeFixed64BE(current.data()));
      } else if (!s.ok() && !s.IsNotFound()) {
        Abort();
        return FromRocks(s);
      }
      value += delta;
      if (value < 0) {
        Abort();
        return absl::InternalError(
            absl::StrCat("counter ", ColumnFamilyName(where.first), " would go negative"));
      }
      if (value == 0 && where.first == kDegreesCf) {
        pending_.Delete(where.first, where.second);
      } else {
        pending_.Put(where.first, where.second, EncodeFixed64BE(static_cast<uint64_t>(value)));
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

  // Waits for the batch in flight, if any. Landed, it is the committed state: the ids it used
  // are taken, and what this transaction remembered reading from the database before the batch
  // replaced it is forgotten. Failed, the type names it interned go.
  absl::Status Land() {
    if (in_flight_ == nullptr) return absl::OkStatus();
    absl::Status landed = in_flight_->Wait();
    if (landed.ok()) {
      store_->next_node_id = in_flight_ids_.first;
      store_->next_record_id = in_flight_ids_.second;
      for (auto& reads : stored_reads_) reads.clear();
    } else {
      for (auto it = in_flight_types_.rbegin(); it != in_flight_types_.rend(); ++it) {
        (it->first ? store_->node_types() : store_->edge_types()).Remove(it->second);
      }
    }
    in_flight_types_.clear();
    in_flight_.reset();
    return landed;
  }

  GraphStore* store_;
  std::unique_lock<std::mutex> lock_;
  PendingWrites pending_;
  // The previous batch, being written in the background; read beneath pending_.
  std::unique_ptr<BackgroundCommit> in_flight_;
  std::pair<uint64_t, uint64_t> in_flight_ids_;  // next_node_id_, next_record_id_ once it lands.
  std::vector<std::pair<bool, std::string>> in_flight_types_;
  // What the database held, per family, for keys this transaction read (nullopt: absent).
  std::array<absl::flat_hash_map<std::string, std::optional<std::string>>, kColumnFamilyCount>
      stored_reads_;
  uint64_t next_node_id_;
  uint64_t next_record_id_;
  std::vector<std::pair<bool, std::string>> new_types_;
  absl::btree_map<std::pair<ColumnFamily, std::string>, int64_t> counter_deltas_;
  struct SavePoint {
    uint64_t next_node_id;
    uint64_t next_record_id;
    size_t new_types;
    size_t journal_size;
  };
  std::vector<SavePoint> save_points_;
  std::vector<std::pair<std::pair<ColumnFamily, std::string>, int64_t>> journal_;
  absl::flat_hash_map<NodeId, NodeFacts> node_facts_;
  bool finished_ = false;
};

WriteTransaction::WriteTransaction(GraphStore* store) : impl_(std::make_unique<Impl>(store)) {}
WriteTransaction::~WriteTransaction() = default;

namespace {

void NormalizeAliases(internal::NodeRecord* record) {
  std::vector<std::string> kept;
  for (const std::string& alias : record->aliases()) {
    if (alias.empty() || alias == record->name()) continue;
    if (std::find(kept.begin(), kept.end(), alias) == kept.end()) kept.push_back(alias);
  }
  record->clear_aliases();
  for (std::string& alias : kept) record->add_aliases(std::move(alias));
}

}  // namespace

absl::StatusOr<NodeId> WriteTransaction::DoUpsertNode(const NodeSpec& spec, UpsertMode mode) {
  DOSSIER_RETURN_IF_ERROR(ValidateNodeSpec(spec));
  ++operations_;
  DOSSIER_ASSIGN_OR_RETURN(TypeId type, impl_->InternType(true, spec.type));
  const std::string key_index = NodeKeyIndexKey(type, spec.key);
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> existing_id,
                           impl_->Get(kNodeKeysCf, key_index));

  NodeId id;
  internal::NodeRecord record;
  // The names the index holds for an existing node: its name index keys are derived from these
  // alone, and only when they change (rarely, for a node stated again) are the keys compared.
  internal::NodeRecord old_names;
  std::string old_value;  // Serialised before the upsert, to skip rewriting an unchanged node.
  if (existing_id.has_value()) {
    id = DecodeFixed64BE(existing_id->data());
    DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord loaded, impl_->RequireNode(id, "indexed"));
    record = std::move(loaded);
    old_names.set_name(record.name());
    *old_names.mutable_aliases() = record.aliases();
    old_value = record.SerializeAsString();
    if (mode == UpsertMode::kReplace) {
      record.set_name(spec.name);
      record.clear_aliases();
      for (const std::string& a : spec.aliases) record.add_aliases(a);
      PropertiesToRecord(spec.properties, record.mutable_properties());
    } else {
      // The previous name stays findable as an alias.
      if (!spec.name.empty() && spec.name != record.name()) {
        if (!record.name().empty()) record.add_aliases(record.name());
        record.set_name(spec.name);
      }
      for (const std::string& a : spec.aliases) record.add_aliases(a);
      Properties merged = PropertiesFromRecord(record.properties());
      MergeProperties(spec.properties, &merged);
      PropertiesToRecord(merged, record.mutable_properties());
    }
    if (!spec.external_id.empty() && spec.external_id != record.external_id()) {
      if (!record.external_id().empty()) {
        return absl::FailedPreconditionError(
            absl::StrCat("node ", id, " already has external id '", record.external_id(),
                         "', cannot change it to '", spec.external_id, "'"));
      }
    }
  } else {
    id = impl_->AllocateNodeId();
    record.set_type(type);
    record.set_key(spec.key);
    record.set_name(spec.name);
    for (const std::string& a : spec.aliases) record.add_aliases(a);
    PropertiesToRecord(spec.properties, record.mutable_properties());
    impl_->Put(kNodeKeysCf, key_index, EncodeFixed64BE(id));
    impl_->AddCounter(kMetaCf, NodeCountKey(type), 1);
  }
  if (!spec.external_id.empty() && spec.external_id != record.external_id()) {
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> owner,
                             impl_->Get(kExternalIdsCf, spec.external_id));
    if (owner.has_value()) {
      return absl::AlreadyExistsError(absl::StrCat("external id '", spec.external_id,
                                                   "' already belongs to node ",
                                                   DecodeFixed64BE(owner->data())));
    }
    record.set_external_id(spec.external_id);
    impl_->Put(kExternalIdsCf, spec.external_id, EncodeFixed64BE(id));
  }
  NormalizeAliases(&record);
  // Letters re-state the same people again and again: only the name-index entries that changed
  // are written, and an unchanged record is not rewritten at all.
  const bool names_unchanged = existing_id.has_value() && old_names.name() == record.name() &&
                               std::equal(old_names.aliases().begin(), old_names.aliases().end(),
                                          record.aliases().begin(), record.aliases().end());
  std::vector<std::string> old_index_keys, new_index_keys;
  if (!names_unchanged) {
    if (existing_id.has_value()) old_index_keys = NameIndexKeys(id, old_names);
    new_index_keys = NameIndexKeys(id, record);
  }
  std::sort(old_index_keys.begin(), old_index_keys.end());
  std::sort(new_index_keys.begin(), new_index_keys.end());
  std::vector<std::string> removed, added;
  std::set_difference(old_index_keys.begin(), old_index_keys.end(), new_index_keys.begin(),
                      new_index_keys.end(), std::back_inserter(removed));
  std::set_difference(new_index_keys.begin(), new_index_keys.end(), old_index_keys.begin(),
                      old_index_keys.end(), std::back_inserter(added));
  for (const std::string& k : removed) impl_->Delete(kNamesCf, k);
  const std::string type_value = EncodeFixed32BE(type);
  for (const std::string& k : added) impl_->Put(kNamesCf, k, type_value);
  if (!existing_id.has_value() || record.SerializeAsString() != old_value) {
    impl_->StoreNode(id, record);
  }
  return id;
}

absl::StatusOr<Node> WriteTransaction::GetNode(NodeId id) {
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, impl_->RequireNode(id, ""));
  return NodeFromRecord(id, record, impl_->store()->node_types());
}

absl::StatusOr<Node> WriteTransaction::GetNodeByKey(std::string_view type, std::string_view key) {
  std::optional<TypeId> type_id = impl_->store()->node_types().Find(type);
  if (!type_id) return absl::NotFoundError(absl::StrCat("no node type '", std::string(type), "'"));
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           impl_->Get(kNodeKeysCf, NodeKeyIndexKey(*type_id, key)));
  if (!id)
    return absl::NotFoundError(
        absl::StrCat("no ", std::string(type), " with key '", std::string(key), "'"));
  return GetNode(DecodeFixed64BE(id->data()));
}

absl::StatusOr<Node> WriteTransaction::GetNodeByExternalId(std::string_view external_id) {
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           impl_->Get(kExternalIdsCf, std::string(external_id)));
  if (!id)
    return absl::NotFoundError(
        absl::StrCat("no node with external id '", std::string(external_id), "'"));
  return GetNode(DecodeFixed64BE(id->data()));
}

absl::StatusOr<std::vector<NodeId>> WriteTransaction::FindByExactName(std::string_view name,
                                                                      std::string_view type) {
  std::string normalized = NormalizeName(name);
  std::vector<NodeId> ids;
  if (normalized.empty()) return ids;
  std::optional<TypeId> type_id;
  if (!type.empty()) {
    type_id = impl_->store()->node_types().Find(type);
    if (!type_id) return ids;
  }
  DOSSIER_ASSIGN_OR_RETURN(
      auto entries, impl_->Scan(kNamesCf, NameIndexPrefix(kFullNameIndex, normalized, true)));
  for (const auto& [key, value] : entries) {
    if (type_id && (value.size() != 4 || DecodeFixed32BE(value.data()) != *type_id)) continue;
    ids.push_back(DecodeFixed64BE(key.data() + key.size() - kIdBytes));
  }
  return ids;
}

// ---- Edges ----------------------------------------------------------------------

absl::Status WriteTransaction::DoUpsertEdge(const EdgeKey& key, const Properties& properties) {
  DOSSIER_RETURN_IF_ERROR(ValidateTypeName("edge type", key.type));
  DOSSIER_RETURN_IF_ERROR(ValidateProperties("edge property", properties));
  DOSSIER_ASSIGN_OR_RETURN(Impl::NodeFacts src, impl_->RequireNodeFacts(key.src, "source"));
  DOSSIER_ASSIGN_OR_RETURN(Impl::NodeFacts dst, impl_->RequireNodeFacts(key.dst, "target"));
  ++operations_;
  DOSSIER_ASSIGN_OR_RETURN(TypeId type, impl_->InternType(false, key.type));
  const std::string out_key = AdjacencyKey(key.src, type, key.dst);
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> existing, impl_->Get(kOutEdgesCf, out_key));
  internal::EdgeRecord record;
  if (existing) {
    DOSSIER_ASSIGN_OR_RETURN(record, DecodeOutEdgeValue(*existing));
    if (properties.empty()) return absl::OkStatus();  // Nothing to merge into the edge.
    Properties merged = PropertiesFromRecord(record.properties());
    MergeProperties(properties, &merged);
    PropertiesToRecord(merged, record.mutable_properties());
  } else {
    PropertiesToRecord(properties, record.mutable_properties());
    impl_->Put(kInEdgesCf, AdjacencyKey(key.dst, type, key.src), EncodeInEdgeValue(src.type));
    impl_->AddCounter(kDegreesCf, DegreeKey(key.src, type, true), 1);
    impl_->AddCounter(kDegreesCf, DegreeKey(key.dst, type, false), 1);
    impl_->AddCounter(kMetaCf, EdgeCountKey(type), 1);
  }
  impl_->Put(kOutEdgesCf, out_key, EncodeOutEdgeValue(dst.type, record));
  return absl::OkStatus();
}

absl::StatusOr<bool> WriteTransaction::EdgeExists(const EdgeKey& key) {
  std::optional<TypeId> type = impl_->store()->edge_types().Find(key.type);
  if (!type) return false;
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> existing,
                           impl_->Get(kOutEdgesCf, AdjacencyKey(key.src, *type, key.dst)));
  return existing.has_value();
}

// Removes the edge, its mirror, its evidence (with the by-document index) and
// adjusts the counters. The edge must exist.
static absl::Status DeleteEdgeRecords(WriteTransaction::Impl* impl, NodeId src, TypeId type,
                                      NodeId dst);

absl::Status WriteTransaction::DoDeleteEdge(const EdgeKey& key) {
  DOSSIER_ASSIGN_OR_RETURN(bool exists, EdgeExists(key));
  if (!exists) {
    return absl::NotFoundError(
        absl::StrCat("edge ", key.src, " -[", key.type, "]-> ", key.dst, " not found"));
  }
  ++operations_;
  return DeleteEdgeRecords(impl_.get(), key.src, *impl_->store()->edge_types().Find(key.type),
                           key.dst);
}

static absl::Status DeleteEdgeRecords(WriteTransaction::Impl* impl, NodeId src, TypeId type,
                                      NodeId dst) {
  const std::string edge_key = AdjacencyKey(src, type, dst);
  DOSSIER_ASSIGN_OR_RETURN(auto evidence, impl->Scan(kEvidenceCf, edge_key));
  for (const auto& [key, value] : evidence) {
    internal::EvidenceRecord record;
    if (!record.ParseFromString(value)) return absl::DataLossError("corrupt evidence record");
    uint64_t evidence_id = DecodeFixed64BE(key.data() + kAdjacencyKeyBytes);
    impl->Delete(kEvidenceByDocCf,
                 EvidenceByDocKey(record.document(), src, type, dst, evidence_id));
    impl->Delete(kEvidenceCf, key);
    impl->AddCounter(kMetaCf, kMetaEvidenceCount, -1);
  }
  impl->Delete(kOutEdgesCf, edge_key);
  impl->Delete(kInEdgesCf, AdjacencyKey(dst, type, src));
  impl->AddCounter(kDegreesCf, DegreeKey(src, type, true), -1);
  impl->AddCounter(kDegreesCf, DegreeKey(dst, type, false), -1);
  impl->AddCounter(kMetaCf, EdgeCountKey(type), -1);
  return absl::OkStatus();
}

absl::StatusOr<EvidenceId> WriteTransaction::DoAddEvidence(const EdgeKey& key,
                                                           const Evidence& evidence) {
  DOSSIER_RETURN_IF_ERROR(ValidateEvidence(evidence));
  std::optional<TypeId> type = impl_->store()->edge_types().Find(key.type);
  const std::string edge_key = type ? AdjacencyKey(key.src, *type, key.dst) : std::string();
  std::optional<std::string> edge_value;
  if (type) {
    DOSSIER_ASSIGN_OR_RETURN(edge_value, impl_->Get(kOutEdgesCf, edge_key));
  }
  if (!edge_value) {
    return absl::NotFoundError(
        absl::StrCat("evidence for a missing edge ", key.src, " -[", key.type, "]-> ", key.dst));
  }
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(evidence.document, "document").status());
  ++operations_;
  DOSSIER_ASSIGN_OR_RETURN(internal::EdgeRecord edge, DecodeOutEdgeValue(*edge_value));
  if (!edge.document_derived()) {
    edge.set_document_derived(true);
    impl_->Put(kOutEdgesCf, edge_key, EncodeOutEdgeValue(edge.neighbor_type(), edge));
  }
  DOSSIER_RETURN_IF_ERROR(impl_->MarkDocumentDerived(key.src));
  DOSSIER_RETURN_IF_ERROR(impl_->MarkDocumentDerived(key.dst));
  EvidenceId id = impl_->AllocateRecordId();
  impl_->Put(kEvidenceCf, EvidenceKey(key.src, *type, key.dst, id),
             EvidenceToRecord(evidence).SerializeAsString());
  impl_->Put(kEvidenceByDocCf, EvidenceByDocKey(evidence.document, key.src, *type, key.dst, id),
             std::string());
  impl_->AddCounter(kMetaCf, kMetaEvidenceCount, 1);
  return id;
}

absl::Status WriteTransaction::DoAddMention(const Mention& mention) {
  if (mention.end < mention.start) {
    return absl::InvalidArgumentError("mention span end is before its start");
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText("mention surface", mention.surface));
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(mention.node, "mentioned").status());
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(mention.document, "document").status());
  ++operations_;
  DOSSIER_RETURN_IF_ERROR(impl_->MarkDocumentDerived(mention.node));
  uint64_t id = impl_->AllocateRecordId();
  internal::MentionRecord record;
  record.set_start(mention.start);
  record.set_end(mention.end);
  record.set_surface(mention.surface);
  impl_->Put(kMentionsCf, MentionKey(mention.node, mention.document, id),
             record.SerializeAsString());
  impl_->Put(kMentionsByDocCf, MentionByDocKey(mention.document, mention.node, id), std::string());
  return absl::OkStatus();
}

// ---- Deletes and document removal --------------------------------------------

// Removes the node with every edge, mention and index entry, and whatever it
// documented (without cascading to what that leaves unsupported).
static absl::Status DeleteNodeRecords(WriteTransaction::Impl* impl, NodeId id) {
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, impl->RequireNode(id, ""));
  const std::string prefix = AdjacencyPrefix(id);
  DOSSIER_ASSIGN_OR_RETURN(auto out_edges, impl->Scan(kOutEdgesCf, prefix));
  DOSSIER_ASSIGN_OR_RETURN(auto in_edges, impl->Scan(kInEdgesCf, prefix));
  for (const auto& [key, value] : out_edges) {
    AdjacencyParts parts = DecodeAdjacencyKey(key);
    DOSSIER_RETURN_IF_ERROR(DeleteEdgeRecords(impl, id, parts.type, parts.other));
  }
  for (const auto& [key, value] : in_edges) {
    AdjacencyParts parts = DecodeAdjacencyKey(key);
    if (parts.other == id) continue;  // A self-loop, gone with the out-edges.
    DOSSIER_RETURN_IF_ERROR(DeleteEdgeRecords(impl, parts.other, parts.type, id));
  }
  DOSSIER_ASSIGN_OR_RETURN(auto mentions, impl->Scan(kMentionsCf, prefix));
  for (const auto& [key, value] : mentions) {
    NodeId doc = DecodeFixed64BE(key.data() + kIdBytes);
    uint64_t mention_id = DecodeFixed64BE(key.data() + 2 * kIdBytes);
    impl->Delete(kMentionsCf, key);
    impl->Delete(kMentionsByDocCf, MentionByDocKey(doc, id, mention_id));
  }
  // What this node documented, if it is a document.
  DOSSIER_ASSIGN_OR_RETURN(auto documented, impl->Scan(kEvidenceByDocCf, prefix));
  for (const auto& [key, value] : documented) {
    impl->Delete(kEvidenceByDocCf, key);
    impl->Delete(kEvidenceCf, key.substr(kIdBytes));
    impl->AddCounter(kMetaCf, kMetaEvidenceCount, -1);
  }
  DOSSIER_ASSIGN_OR_RETURN(auto documented_mentions, impl->Scan(kMentionsByDocCf, prefix));
  for (const auto& [key, value] : documented_mentions) {
    NodeId node = DecodeFixed64BE(key.data() + kIdBytes);
    uint64_t mention_id = DecodeFixed64BE(key.data() + 2 * kIdBytes);
    impl->Delete(kMentionsByDocCf, key);
    impl->Delete(kMentionsCf, MentionKey(node, id, mention_id));
  }
  for (const std::string& k : NameIndexKeys(id, record)) impl->Delete(kNamesCf, k);
  impl->Delete(kNodeKeysCf, NodeKeyIndexKey(record.type(), record.key()));
  if (!record.external_id().empty()) impl->Delete(kExternalIdsCf, record.external_id());
  impl->Delete(kNodesCf, NodeKey(id));
  impl->ForgetNode(id);
  impl->AddCounter(kMetaCf, NodeCountKey(record.type()), -1);
  return absl::OkStatus();
}

absl::Status WriteTransaction::DoDeleteNode(NodeId id) {
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, impl_->RequireNode(id, ""));
  ++operations_;
  // A document takes what only it supported with it.
  DOSSIER_ASSIGN_OR_RETURN(RemoveDocumentResult removed, DoRemoveDocument(id));
  return DeleteNodeRecords(impl_.get(), id);
}

absl::StatusOr<RemoveDocumentResult> WriteTransaction::DoRemoveDocument(NodeId document) {
  ++operations_;
  RemoveDocumentResult result;
  const std::string prefix = AdjacencyPrefix(document);
  absl::btree_set<std::tuple<NodeId, TypeId, NodeId>> edges;
  absl::btree_set<NodeId> nodes;

  DOSSIER_ASSIGN_OR_RETURN(auto evidence, impl_->Scan(kEvidenceByDocCf, prefix));
  for (const auto& [key, value] : evidence) {
    AdjacencyParts edge = DecodeAdjacencyKey(std::string_view(key).substr(kIdBytes));
    impl_->Delete(kEvidenceByDocCf, key);
    impl_->Delete(kEvidenceCf, key.substr(kIdBytes));
    impl_->AddCounter(kMetaCf, kMetaEvidenceCount, -1);
    edges.insert({edge.anchor, edge.type, edge.other});
    ++result.evidence_removed;
  }
  DOSSIER_ASSIGN_OR_RETURN(auto mentions, impl_->Scan(kMentionsByDocCf, prefix));
  for (const auto& [key, value] : mentions) {
    NodeId node = DecodeFixed64BE(key.data() + kIdBytes);
    uint64_t mention_id = DecodeFixed64BE(key.data() + 2 * kIdBytes);
    impl_->Delete(kMentionsByDocCf, key);
    impl_->Delete(kMentionsCf, MentionKey(node, document, mention_id));
    nodes.insert(node);
    ++result.mentions_removed;
  }
  for (const auto& [src, type, dst] : edges) {
    const std::string edge_key = AdjacencyKey(src, type, dst);
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> value, impl_->Get(kOutEdgesCf, edge_key));
    if (!value) continue;
    DOSSIER_ASSIGN_OR_RETURN(bool still_supported, impl_->HasPrefix(kEvidenceCf, edge_key));
    DOSSIER_ASSIGN_OR_RETURN(internal::EdgeRecord record, DecodeOutEdgeValue(*value));
    if (still_supported || !record.document_derived()) continue;
    DOSSIER_RETURN_IF_ERROR(DeleteEdgeRecords(impl_.get(), src, type, dst));
    ++result.edges_removed;
    nodes.insert(src);
    nodes.insert(dst);
  }
  for (NodeId node : nodes) {
    if (node == document) continue;
    DOSSIER_ASSIGN_OR_RETURN(std::optional<internal::NodeRecord> record, impl_->LoadNode(node));
    if (!record || !record->document_derived()) continue;
    const std::string node_prefix = AdjacencyPrefix(node);
    bool supported = false;
    for (ColumnFamily cf : {kMentionsCf, kOutEdgesCf, kInEdgesCf, kEvidenceByDocCf}) {
      DOSSIER_ASSIGN_OR_RETURN(bool has, impl_->HasPrefix(cf, node_prefix));
      supported = supported || has;
    }
    if (supported) continue;
    DOSSIER_RETURN_IF_ERROR(DeleteNodeRecords(impl_.get(), node));
    ++result.nodes_removed;
  }
  return result;
}

absl::StatusOr<NodeId> WriteTransaction::UpsertNode(const NodeSpec& spec, UpsertMode mode) {
  return impl_->Atomically([&]() -> absl::StatusOr<NodeId> { return DoUpsertNode(spec, mode); });
}

absl::Status WriteTransaction::UpsertEdge(const EdgeKey& key, const Properties& properties) {
  return impl_->Atomically([&]() -> absl::Status { return DoUpsertEdge(key, properties); });
}

absl::Status WriteTransaction::DeleteEdge(const EdgeKey& key) {
  return impl_->Atomically([&]() -> absl::Status { return DoDeleteEdge(key); });
}

absl::StatusOr<EvidenceId> WriteTransaction::AddEvidence(const EdgeKey& key,
                                                         const Evidence& evidence) {
  return impl_->Atomically(
      [&]() -> absl::StatusOr<EvidenceId> { return DoAddEvidence(key, evidence); });
}

absl::Status WriteTransaction::AddMention(const Mention& mention) {
  return impl_->Atomically([&]() -> absl::Status { return DoAddMention(mention); });
}

absl::Status WriteTransaction::DeleteNode(NodeId id) {
  return impl_->Atomically([&]() -> absl::Status { return DoDeleteNode(id); });
}

absl::StatusOr<RemoveDocumentResult> WriteTransaction::RemoveDocument(NodeId document) {
  return impl_->Atomically(
      [&]() -> absl::StatusOr<RemoveDocumentResult> { return DoRemoveDocument(document); });
}

absl::Status WriteTransaction::RunAtomically(absl::FunctionRef<absl::Status()> body) {
  return impl_->Atomically([&]() -> absl::Status { return body(); });
}

absl::Status WriteTransaction::Commit() { return impl_->Commit(); }

absl::Status WriteTransaction::CommitStagedInBackground() {
  return impl_->CommitStagedInBackground();
}

absl::Status WriteTransaction::AwaitBackgroundCommit() { return impl_->AwaitBackgroundCommit(); }

void WriteTransaction::Abort() { impl_->Abort(); }

}  // namespace dossier::graph
