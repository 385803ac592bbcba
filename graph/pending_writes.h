// The writes of one transaction before it commits, across column families: read back by the
// transaction's own reads, rolled back to save points, and written out as one RocksDB batch in
// key order.
//
// It replaces RocksDB's WriteBatchWithIndex for the graph's writer: that index compares entries
// by decoding them from the batch's bytes on every comparison, and a letter's import makes about
// a thousand of them. Here a write is one ordered-map insert, and the batch is built once, sorted,
// which is also the order the memtable inserts fastest.
#ifndef DOSSIER_GRAPH_PENDING_WRITES_H_
#define DOSSIER_GRAPH_PENDING_WRITES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/functional/function_ref.h"

namespace dossier::graph {

class PendingWrites {
 public:
  // What this transaction did to a key.
  enum class State { kUntouched, kWritten, kDeleted };

  // kWritten sets *value (when not null); kUntouched means the database decides.
  State Find(int family, std::string_view key, std::string* value = nullptr) const;

  void Put(int family, std::string_view key, std::string value);
  void Delete(int family, std::string_view key);

  // Save points nest; a rollback undoes every write since the matching SetSavePoint.
  void SetSavePoint();
  void RollbackToSavePoint();
  void PopSavePoint();

  void Clear();
  bool empty() const { return writes_.empty(); }
  size_t size() const { return writes_.size(); }
  size_t approximate_bytes() const { return bytes_; }

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

 private:
  struct Key {
    int family;
    std::string key;
  };
  struct KeyRef {
    int family;
    std::string_view key;
  };
  struct KeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      if (a.family != b.family) return a.family < b.family;
      return std::string_view(a.key) < std::string_view(b.key);
    }
  };
  using Map = absl::btree_map<Key, std::optional<std::string>, KeyLess>;

  void Record(int family, std::string_view key, std::optional<std::string> value);

  struct Undo {
    Key key;
    bool existed;
    std::optional<std::string> previous;
  };

  Map writes_;
  size_t bytes_ = 0;                 // Keys and values as written; an estimate of the batch's size.
  std::vector<Undo> undo_;           // Only while a save point is set.
  std::vector<size_t> save_points_;  // Sizes of undo_ at each SetSavePoint.
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_PENDING_WRITES_H_
