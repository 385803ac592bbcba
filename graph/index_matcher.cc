#include "graph/index_matcher.h"

#include <algorithm>
#include <string_view>

namespace dossier::graph {

rocksdb::Status MatchIndex(rocksdb::Iterator* it, std::vector<ExpectedIndexEntry>* expected,
                           const IndexLookupBound& bound, const IndexMatchCallbacks& on) {
  std::sort(expected->begin(), expected->end());
  size_t next = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    const NodeId id = on.node_of(it->key(), it->value());
    const std::string_view key(it->key().data(), it->key().size());
    while (next < expected->size() && (*expected)[next].key < key) {
      on.unindexed((*expected)[next++].node);
    }
    // A corrupt store may hold two nodes that call for one key: the entry serves one of them.
    bool called_for = false;
    while (next < expected->size() && (*expected)[next].key == key) {
      const ExpectedIndexEntry& wanted = (*expected)[next++];
      if (wanted.node == id) {
        called_for = true;
        if (on.value_ok(it->value(), wanted.node)) continue;
      }
      on.unindexed(wanted.node);
    }
    if (called_for) continue;
    if (bound.LookedUp(id)) {
      on.check_by_node(it->key(), id);
    } else {
      on.stale(it->key(), id);
    }
  }
  while (next < expected->size()) on.unindexed((*expected)[next++].node);
  *expected = {};
  return it->status();
}

}  // namespace dossier::graph
