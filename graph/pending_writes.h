// The writes of one transaction before it commits, across column families: read back by the
// transaction's own reads, rolled back to save points, and written out as one RocksDB batch in
// key order.
//
// It replaces RocksDB's WriteBatchWithIndex for the graph's writer: that index compares entries
// by decoding them from the batch's bytes on every comparison, and a letter's import makes about
// a thousand of them. Here a write is one hash-table probe. The key order, which scans need and
// so does the batch's write (memtable inserts and SST files take keys in order), is made only when
// first asked for, and later asks add the writes made since.
#ifndef DOSSIER_GRAPH_PENDING_WRITES_H_
#define DOSSIER_GRAPH_PENDING_WRITES_H_

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "graph/key_arena.h"

namespace dossier::graph {

class PendingWrites {
 public:
  // What this transaction did to a key.
  enum class State { kUntouched, kWritten, kDeleted };

  // Families are small non-negative numbers (column families): at most kMaxFamily.
  static constexpr int kMaxFamily = 255;

  PendingWrites() = default;
  // Movable (a staged batch goes to its commit thread whole), not copyable: the indexes point
  // into the entries, which a move keeps in place and a copy would not.
  PendingWrites(PendingWrites&&) = default;
  PendingWrites& operator=(PendingWrites&&) = default;
  PendingWrites(const PendingWrites&) = delete;
  PendingWrites& operator=(const PendingWrites&) = delete;

  // kWritten sets *value (when not null); kUntouched means the database decides.
  State Find(int family, std::string_view key, std::string* value = nullptr) const;

  void Put(int family, std::string_view key, std::string value);
  // Put of a key this batch has neither written nor deleted, which the caller knows without
  // asking: a key made from an id the transaction has just allocated (an evidence record's, a
  // mention's, a new node's name-index entries), or the mirror of an edge the batch has not
  // touched. It joins the lookup index only when a lookup or write in its family first needs
  // it. An import never reads such keys back, and most of its writes then cost no hash-table
  // probe, a cache miss in a batch of 700,000 keys.
  void PutNew(int family, std::string_view key, std::string value);
  void Delete(int family, std::string_view key);
  // Appends `bytes` to the value this batch wrote for `key`, in place (a rollback truncates it
  // again). False, changing nothing, when this batch holds no value for the key: the caller
  // then knows nothing of what the database holds for it and must not assume it.
  bool Append(int family, std::string_view key, std::string_view bytes);

  // Save points nest; a rollback undoes every write since the matching SetSavePoint.
  void SetSavePoint();
  void RollbackToSavePoint();
  void PopSavePoint();

  void Clear();
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  size_t approximate_bytes() const { return bytes_; }
  // Keys of `family` this batch holds (writes and deletes).
  size_t CountIn(int family) const {
    return static_cast<size_t>(family) < counts_.size() ? counts_[family] : 0;
  }

  // Puts every write so far in key order, which the readers below need. They call it themselves,
  // so a batch one thread stages and reads needs nothing more; but it changes the batch, so a
  // batch handed to other threads must be ordered first, and then those readers (and Find) may
  // run on several threads at once while nothing writes.
  void Order() const;

  // The keys of `family` starting with `prefix`, in byte order; `value` is null for a delete.
  // The views are valid until the next write.
  struct Entry {
    std::string_view key;
    const std::string* value;
  };
  std::vector<Entry> WithPrefix(int family, std::string_view prefix) const;

  // Every write in (family, key) order: value is null for a delete.
  void ForEach(
      absl::FunctionRef<void(int family, std::string_view key, const std::string* value)> fn) const;
  // The writes of one family, in key order. Once the batch is Order()ed, safe from several threads
  // at the same time while nothing writes.
  void ForEachIn(int family,
                 absl::FunctionRef<void(std::string_view key, const std::string* value)> fn) const;

 private:
  struct Stored {
    int family;
    bool indexed;          // In lookup_; else in unindexed_ (a PutNew not yet looked for).
    std::string_view key;  // In keys_.
    std::optional<std::string> value;
  };
  // The family and the first 23 key bytes, zero padded, as three big-endian integers. Where two
  // heads differ they order their keys; only keys sharing 23 leading bytes compare the keys
  // themselves. The index's searches thus stay inside its nodes instead of following a pointer
  // to each key they pass (the keys are in an arena, apart from the index). 23 bytes hold an
  // edge's whole key ([node][type][node], 20 bytes). With 15, every edge of one node and type
  // shared a head, since ids' leading bytes are zeros: a 3,000-letter import in 1,024-letter
  // batches spent 12.1% of its cycles in memcmp, 9.6% with 23.
  struct Head {
    uint64_t high;
    uint64_t mid;
    uint64_t low;
    static Head Of(int family, std::string_view key);
    friend bool operator==(const Head&, const Head&) = default;
  };
  struct Slot {
    Head head;
    const Stored* stored;  // Owned by entries_.
  };
  struct Probe {
    Head head;
    int family;
    std::string_view key;
  };
  struct SlotLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      if (a.head.high != b.head.high) return a.head.high < b.head.high;
      if (a.head.mid != b.head.mid) return a.head.mid < b.head.mid;
      if (a.head.low != b.head.low) return a.head.low < b.head.low;
      return KeyOf(a) < KeyOf(b);  // Equal heads: equal families.
    }
    static std::string_view KeyOf(const Slot& s) { return s.stored->key; }
    static std::string_view KeyOf(const Probe& p) { return p.key; }
  };
  // absl::btree_set with 1,024-byte nodes instead of 256: a 1,024-letter batch holds about 700,000
  // keys, and four levels of 31 slots miss the cache less than seven of 7 (a 3,000-letter import
  // 2% faster, three alternating runs). Abseil offers the node size only through these internal
  // names; a change to them fails to compile rather than silently.
  using Index = absl::container_internal::btree_set_container<
      absl::container_internal::btree<absl::container_internal::set_params<
          Slot, SlotLess, std::allocator<Slot>, /*TargetNodeSize=*/1024, /*IsMulti=*/false>>>;

  // The hash index: each entry with its hash, so that growing the table never reads a key again.
  struct Hashed {
    size_t hash;
    const Stored* stored;  // Owned by entries_.
  };
  struct HashedProbe {
    size_t hash;
    int family;
    std::string_view key;
  };
  struct HashedHash {
    using is_transparent = void;
    size_t operator()(const Hashed& h) const { return h.hash; }
    size_t operator()(const HashedProbe& p) const { return p.hash; }
  };
  struct HashedEq {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return a.hash == b.hash && FamilyOf(a) == FamilyOf(b) && KeyOf(a) == KeyOf(b);
    }
    static int FamilyOf(const Hashed& h) { return h.stored->family; }
    static int FamilyOf(const HashedProbe& p) { return p.family; }
    static std::string_view KeyOf(const Hashed& h) { return h.stored->key; }
    static std::string_view KeyOf(const HashedProbe& p) { return p.key; }
  };
  static HashedProbe ProbeFor(int family, std::string_view key);
  Stored* Lookup(const HashedProbe& probe) const;
  // Enters the family's PutNew writes in lookup_, before anything looks a key of it up.
  void IndexNewWrites(int family) const {
    if (static_cast<size_t>(family) < unindexed_.size() && !unindexed_[family].empty()) {
      IndexNewWritesSlow(family);
    }
  }
  void IndexNewWritesSlow(int family) const;

  // A count that a move hands over and leaves at zero, as the moved-from containers are left
  // empty.
  struct MovedCount {
    size_t n = 0;
    MovedCount() = default;
    MovedCount(MovedCount&& other) noexcept : n(std::exchange(other.n, 0)) {}
    MovedCount& operator=(MovedCount&& other) noexcept {
      n = std::exchange(other.n, 0);
      return *this;
    }
  };

  void Record(int family, std::string_view key, std::optional<std::string> value);

  struct Undo {
    Stored* stored;
    bool existed;  // Else the write added the entry, which is then the newest in entries_.
    std::optional<std::string> previous;
    // An append: the value's size before it (previous is then unused).
    size_t appended_to = kNotAppended;
  };
  static constexpr size_t kNotAppended = ~size_t{0};

  KeyArena keys_;               // The entries' keys.
  std::deque<Stored> entries_;  // Stable addresses; appended in insertion order.
  // Grown by lookups (IndexNewWrites), which are const. Only the writer's thread looks keys up,
  // in its own batch and in the one in flight; that batch's commit thread reads neither these
  // nor the entries' `indexed` flags.
  mutable absl::flat_hash_set<Hashed, HashedHash, HashedEq> lookup_;
  mutable std::vector<std::vector<Stored*>> unindexed_;  // By family, in insertion order.
  // The first ordered_ entries, in key order. An import never scans the batch it stages, so its
  // writes are ordered once, by a sort, when the batch is written; a scan after each write (a
  // document removed inside a large batch) adds only the entries since the last one.
  mutable Index index_;
  mutable MovedCount ordered_;
  size_t bytes_ = 0;                 // Keys and values as written; an estimate of the batch's size.
  std::vector<size_t> counts_;       // Keys by family; a moved-from batch's is empty.
  std::vector<Undo> undo_;           // Only while a save point is set.
  std::vector<size_t> save_points_;  // Sizes of undo_ at each SetSavePoint.
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_PENDING_WRITES_H_
