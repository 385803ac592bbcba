// The set of nodes a traversal has reached.
//
// With the in-memory snapshot every id is below a known limit, so the set is a bitset: a
// membership test is one bit in a few hundred kilobytes that stay in cache, where a hash set of
// the hundreds of thousands of nodes around a supernode misses cache on most probes and
// rehashes as it grows. Without a limit (reads from RocksDB) it is a hash set.
//
// The bitset is reused by the next traversal on the same thread: a set clears only the words
// it touched, so a small traversal of a big graph pays for what it visits, not for the graph.
#ifndef DOSSIER_GRAPH_VISITED_SET_H_
#define DOSSIER_GRAPH_VISITED_SET_H_

#include <cstdint>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "graph/types.h"

namespace dossier::graph {

class VisitedSet {
 public:
  // `id_limit`: every id inserted is below it; 0 when unknown.
  explicit VisitedSet(uint64_t id_limit);
  ~VisitedSet();
  VisitedSet(const VisitedSet&) = delete;
  VisitedSet& operator=(const VisitedSet&) = delete;

  // True when `id` was not in the set.
  bool Insert(NodeId id) {
    ++size_;
    if (words_.empty()) {
      if (hashed_.insert(id).second) return true;
    } else {
      uint64_t& word = words_[id >> 6];
      const uint64_t bit = uint64_t{1} << (id & 63);
      if ((word & bit) == 0) {
        if (word == 0) touched_.push_back(static_cast<size_t>(id >> 6));
        word |= bit;
        return true;
      }
    }
    --size_;
    return false;
  }
  bool Contains(NodeId id) const {
    if (words_.empty()) return hashed_.contains(id);
    return (words_[id >> 6] >> (id & 63)) & 1;
  }
  size_t size() const { return size_; }

 private:
  size_t size_ = 0;
  std::vector<uint64_t> words_;  // Empty: hashed_ holds the set.
  std::vector<size_t> touched_;  // Words of words_ made non-zero, to clear afterwards.
  absl::flat_hash_set<NodeId> hashed_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_VISITED_SET_H_
