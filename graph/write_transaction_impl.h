// The state behind a WriteTransaction: its staged writes (read over the batch being written in
// the background and the database), save points, counter deltas, the ids and type names it took,
// and the writer lock. Internal to graph/: write_transaction.cc's operations are written on it.
#ifndef DOSSIER_GRAPH_WRITE_TRANSACTION_IMPL_H_
#define DOSSIER_GRAPH_WRITE_TRANSACTION_IMPL_H_

#include <array>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/container/node_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/background_commit.h"
#include "graph/internal/records.pb.h"
#include "graph/key_codec.h"
#include "graph/pending_writes.h"
#include "graph/store.h"
#include "graph/write_transaction.h"

namespace dossier::graph {

class WriteTransaction::Impl {
 public:
  explicit Impl(GraphStore* store)
      : store_(store),
        lock_(store->writer_mutex()),
        next_node_id_(store->next_node_id),
        stored_next_node_id_(store->next_node_id),
        next_record_id_(store->next_record_id) {}

  ~Impl() { Abort(); }

  bool finished() const { return finished_; }

  // ---- Raw access: this batch over the latest committed state. ----------

  // `staged_here` (if given) says whether this batch itself wrote or deleted the key.
  absl::StatusOr<std::optional<std::string>> Get(ColumnFamily cf, const std::string& key,
                                                 bool* staged_here = nullptr);

  // Whether the database may hold `key` of `cf`, or keys that start with it: not when one of the
  // node ids the key holds in full (its leading node, an edge's other end, a mention's document)
  // is at or past the database's next_node_id. Those ids were allocated by this transaction for
  // batches not yet landed, so every key holding one is in those batches, which Get and Scan
  // read first. An imported letter's node and most of the people it names are new, and each of
  // their edges and counters was a fruitless database read.
  bool MayBeStoredUnder(ColumnFamily cf, std::string_view key) const {
    return MayHoldKeysUnder(cf, key, stored_next_node_id_);
  }
  // Whether a layer whose node ids all lie below `first_absent_id` may hold `key` of `cf` or keys
  // starting with it: the same test, against a layer's own bound.
  static bool MayHoldKeysUnder(ColumnFamily cf, std::string_view key, NodeId first_absent_id);

  // Keys (and values) starting with `prefix`: the database's, overlaid by the batch being
  // written in the background and then by this batch (the newest write of a key wins).
  // Collected first, so that callers may write while going through them.
  absl::StatusOr<std::vector<std::pair<std::string, std::string>>> Scan(ColumnFamily cf,
                                                                        const std::string& prefix,
                                                                        size_t limit = SIZE_MAX);

  absl::StatusOr<bool> HasPrefix(ColumnFamily cf, const std::string& prefix) {
    absl::StatusOr<std::vector<std::pair<std::string, std::string>>> found = Scan(cf, prefix, 1);
    if (!found.ok()) return found.status();
    return !found->empty();
  }

  void Put(ColumnFamily cf, const std::string& key, std::string value) {
    pending_.Put(cf, key, std::move(value));
  }
  // Put of a key this batch has neither written nor deleted (PendingWrites::PutNew).
  void PutNew(ColumnFamily cf, const std::string& key, std::string value) {
    pending_.PutNew(cf, key, std::move(value));
  }
  void Delete(ColumnFamily cf, const std::string& key) { pending_.Delete(cf, key); }

  void AddCounter(ColumnFamily cf, const std::string& key, int64_t delta) {
    counter_key_.assign(1, static_cast<char>(cf));
    counter_key_.append(key);
    int64_t& sum = counter_deltas_.try_emplace(counter_key_, 0).first->second;
    sum += delta;
    if (!save_points_.empty()) journal_.push_back({&sum, delta});
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
        *journal_[i].first -= journal_[i].second;
      }
      journal_.resize(sp.journal_size);
      node_facts_.clear();  // May describe writes that were just rolled back.
      restated_.clear();
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

  absl::StatusOr<TypeId> InternType(bool node_type, std::string_view name);

  NodeId AllocateNodeId() { return next_node_id_++; }
  uint64_t AllocateRecordId() { return next_record_id_++; }

  // ---- Records -----------------------------------------------------------------

  absl::StatusOr<std::optional<internal::NodeRecord>> LoadNode(NodeId id);

  // What edges, evidence and mentions need to know of their endpoints. A letter's record holds
  // its whole text and each of its statements touches it: decoding it once per transaction
  // instead of once per statement made imports several times faster.
  struct NodeFacts {
    TypeId type;
    bool document_derived;
  };

  absl::StatusOr<NodeFacts> RequireNodeFacts(NodeId id, std::string_view role);

  void RememberNode(NodeId id, const internal::NodeRecord& record) {
    node_facts_[id] = {static_cast<TypeId>(record.type()), record.document_derived()};
  }
  void ForgetNode(NodeId id) {
    node_facts_.erase(id);
    restated_.clear();  // Deletes are rare: the memo below is dropped whole.
  }

  // Accumulating upserts found to change nothing, by node key index. The same spec changes
  // nothing again while the node's record changes nowhere else: an upsert that changes it drops
  // its entry, a deletion or a rollback drops them all (marking the node document-derived, the
  // one other change of a record, cannot make a no-op a change).
  struct Restated {
    NodeId id;
    NodeSpec spec;
  };
  const Restated* FindRestated(const std::string& key_index) const {
    auto it = restated_.find(key_index);
    return it == restated_.end() ? nullptr : &it->second;
  }
  void RememberRestated(const std::string& key_index, NodeId id, const NodeSpec& spec) {
    if (restated_.size() >= kMaxRestated) restated_.clear();
    restated_.insert_or_assign(key_index, Restated{id, spec});
  }
  void ForgetRestated(const std::string& key_index) { restated_.erase(key_index); }

  absl::StatusOr<internal::NodeRecord> RequireNode(NodeId id, std::string_view role);

  void StoreNode(NodeId id, const internal::NodeRecord& record) {
    Put(kNodesCf, NodeKey(id), record.SerializeAsString());
    RememberNode(id, record);
  }

  absl::Status MarkDocumentDerived(NodeId id);

  // ---- By-document lists (graph/document_lists.h) ------------------------------

  // Lists `entry` under `document` in `cf`: appended to the list this batch began for the
  // document, else in a new list begun with record `id`.
  void ListUnderDocument(ColumnFamily cf, NodeId document, uint64_t id, std::string_view entry);

  // Everything listed under `document`, and the keys of the lists that hold it.
  struct DocumentListing {
    std::vector<std::string> list_keys;
    std::vector<std::string> entries;
  };
  absl::StatusOr<DocumentListing> ReadDocumentLists(ColumnFamily cf, NodeId document);

  // Takes `entries` off the document's lists: a list that held some is rewritten, or deleted
  // once empty. Entries it does not list are ignored (`dossier check` reports them).
  absl::Status UnlistFromDocument(ColumnFamily cf, NodeId document,
                                  const absl::flat_hash_set<std::string>& entries);

  // ---- Commit ------------------------------------------------------------------

  absl::Status Commit();

  absl::Status CommitStagedInBackground();

  absl::Status AwaitBackgroundCommit();

  void Abort();

  GraphStore* store() { return store_; }

  uint64_t database_reads() const { return database_reads_; }
  uint64_t in_flight_reads() const { return in_flight_reads_; }

 private:
  // Turns the summed counter deltas into writes of their new values, read against the latest
  // committed state (which the writer lock and a landed background batch make final), and
  // stages the id counters. Aborts on failure.
  absl::Status ResolveCounters();

  // Waits for the batch in flight, if any. Landed, it is the committed state: the ids it used
  // are taken, and what this transaction remembered reading from the database before the batch
  // replaced it is forgotten. Failed, the type names it interned go.
  absl::Status Land();

  GraphStore* store_;
  std::unique_lock<std::mutex> lock_;
  PendingWrites pending_;
  // The previous batch, being written in the background; read beneath pending_.
  std::unique_ptr<BackgroundCommit> in_flight_;
  std::pair<uint64_t, uint64_t> in_flight_ids_;  // next_node_id_, next_record_id_ once it lands.
  std::vector<std::pair<bool, std::string>> in_flight_types_;
  // What the database holds, per family, for keys this transaction read (nullopt: absent): kept
  // true across batches, since a landed batch's writes replace what it remembered of their keys
  // (a letter's people, their counters and the type counts recur batch after batch), until it
  // holds kMaxStoredReadBytes.
  std::array<absl::flat_hash_map<std::string, std::optional<std::string>>, kColumnFamilyCount>
      stored_reads_;
  size_t stored_read_bytes_ = 0;
  static constexpr size_t kMaxStoredReadBytes = 32 << 20;
  // What the database holds for `key` of `cf`, from memory when it was read before.
  absl::StatusOr<std::optional<std::string>> StoredValue(ColumnFamily cf, const std::string& key);
  // Remembers what the database said of `key`.
  void RememberStored(ColumnFamily cf, const std::string& key, std::optional<std::string> value);
  // A landed batch is the database's now: what it wrote replaces what was remembered of its keys.
  // Keys were read only while every id they hold lay below `read_below`.
  void RememberLanded(const PendingWrites& landed, NodeId read_below);
  uint64_t next_node_id_;
  // The database's next_node_id as this transaction last saw it land: the store's own, read
  // here without the lock once the transaction has ended.
  uint64_t stored_next_node_id_;
  uint64_t next_record_id_;
  std::vector<std::pair<bool, std::string>> new_types_;
  // Summed deltas by family (one byte) + key, resolved against the database at commit. A counter
  // is bumped for every edge a letter states: a hash map, not an ordered one (whose string
  // compares were a third of the writer's counter cost); its nodes stay put, so the journal can
  // point at them.
  absl::node_hash_map<std::string, int64_t> counter_deltas_;
  std::string counter_key_;  // AddCounter's scratch key.
  struct SavePoint {
    uint64_t next_node_id;
    uint64_t next_record_id;
    size_t new_types;
    size_t journal_size;
  };
  std::vector<SavePoint> save_points_;
  // Counter deltas added inside save points, to subtract again on rollback. Empty outside units,
  // so never pointing into counter_deltas_ when ResolveCounters clears it.
  std::vector<std::pair<int64_t*, int64_t>> journal_;
  absl::flat_hash_map<NodeId, NodeFacts> node_facts_;
  static constexpr size_t kMaxRestated = 1 << 16;
  absl::flat_hash_map<std::string, Restated> restated_;
  // The list each document's entries go to in this batch, per by-document family. A list that a
  // rollback or a removal took away is noticed when appending to it fails.
  absl::flat_hash_map<std::pair<ColumnFamily, NodeId>, std::string> open_lists_;
  uint64_t database_reads_ = 0;
  uint64_t in_flight_reads_ = 0;
  bool finished_ = false;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_WRITE_TRANSACTION_IMPL_H_
