// Checking a secondary index against the entries its records call for, by sorting instead of
// looking up: `dossier check` collects the entries every node calls for (in bounded memory),
// sorts them, and walks them beside one scan of the index. Nodes past the memory bound have
// their entries checked one by one instead (by the caller, through `check_by_node`).
#ifndef DOSSIER_GRAPH_INDEX_MATCHER_H_
#define DOSSIER_GRAPH_INDEX_MATCHER_H_

#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "graph/types.h"
#include "rocksdb/iterator.h"
#include "rocksdb/slice.h"
#include "rocksdb/status.h"

namespace dossier::graph {

// An index entry a node calls for: its key and the node.
struct ExpectedIndexEntry {
  std::string key;
  NodeId node;
  bool operator<(const ExpectedIndexEntry& other) const {
    const int order = key.compare(other.key);
    return order != 0 ? order < 0 : node < other.node;
  }
};

// Which nodes' entries were collected for matching: those below the first node that did not fit
// (nodes are read in id order); the entries of the others are looked up.
struct IndexLookupBound {
  bool collecting = true;
  NodeId from = 0;
  // Whether `id`'s entries are collected, given whether they fit.
  bool Collect(NodeId id, bool fits) {
    if (collecting && !fits) {
      collecting = false;
      from = id;
    }
    return collecting;
  }
  bool LookedUp(NodeId id) const { return !collecting && id != kNoNode && id >= from; }
};

struct IndexMatchCallbacks {
  // The node an index entry points at (kNoNode when it cannot tell).
  absl::FunctionRef<NodeId(const rocksdb::Slice& key, const rocksdb::Slice& value)> node_of;
  // Whether the entry's value is right for the node that calls for it.
  absl::FunctionRef<bool(const rocksdb::Slice& value, NodeId node)> value_ok;
  // A node whose expected entry is absent or holds a wrong value.
  absl::FunctionRef<void(NodeId node)> unindexed;
  // An entry of a node past the bound: the caller checks it by reading the node.
  absl::FunctionRef<void(const rocksdb::Slice& key, NodeId node)> check_by_node;
  // An entry no collected node calls for.
  absl::FunctionRef<void(const rocksdb::Slice& key, NodeId node)> stale;
};

// Sorts `expected` and matches it against the index `it` iterates (from its first key), calling
// back for every fault; empties `expected`. Returns the iterator's status.
rocksdb::Status MatchIndex(rocksdb::Iterator* it, std::vector<ExpectedIndexEntry>* expected,
                           const IndexLookupBound& bound, const IndexMatchCallbacks& on);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_INDEX_MATCHER_H_
