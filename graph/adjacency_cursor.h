// Walks one node's adjacency lists at a snapshot. Traversals expand
// thousands of nodes, so the cursor keeps one RocksDB iterator per direction
// and re-seeks it instead of creating an iterator per node.
#ifndef DOSSIER_GRAPH_ADJACENCY_CURSOR_H_
#define DOSSIER_GRAPH_ADJACENCY_CURSOR_H_

#include <algorithm>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "graph/adjacency_snapshot.h"
#include "graph/key_codec.h"
#include "graph/record_codec.h"
#include "graph/store.h"
#include "rocksdb/db.h"

namespace dossier::graph {

struct AdjacentEdge {
  NodeId neighbor;
  TypeId neighbor_type;
  TypeId edge_type;
  bool stored_outgoing;  // True: the stored edge is anchor -> neighbor.
};

class AdjacencyCursor {
 public:
  // With `memory` (an adjacency snapshot at the same sequence as `snapshot`)
  // the lists come from memory; otherwise from RocksDB.
  AdjacencyCursor(const GraphStore* store, const rocksdb::Snapshot* snapshot,
                  const AdjacencySnapshot* memory = nullptr)
      : store_(store), snapshot_(snapshot), memory_(memory) {}

  // Calls fn(const AdjacentEdge&) -> bool (false stops) for each edge of
  // `node` in `direction`, restricted to `edge_types` (sorted; empty: all).
  // Outgoing edges come first, each direction in (edge type, neighbour) order.
  template <typename Fn>
  rocksdb::Status ForEach(NodeId node, Direction direction, const std::vector<TypeId>& edge_types,
                          Fn&& fn) {
    bool keep_going = true;
    if (direction != Direction::kIn) {
      rocksdb::Status s = Walk(true, node, edge_types, fn, &keep_going);
      if (!s.ok() || !keep_going) return s;
    }
    if (direction != Direction::kOut) return Walk(false, node, edge_types, fn, &keep_going);
    return rocksdb::Status::OK();
  }

 private:
  rocksdb::Iterator* Iter(bool out) {
    std::unique_ptr<rocksdb::Iterator>& it = out ? out_ : in_;
    if (!it) {
      rocksdb::ReadOptions ro;
      ro.snapshot = snapshot_;
      ro.prefix_same_as_start = true;  // The 8-byte node id is the extractor's prefix.
      it.reset(store_->db()->NewIterator(ro, store_->cf(out ? kOutEdgesCf : kInEdgesCf)));
    }
    return it.get();
  }

  template <typename Fn>
  rocksdb::Status Walk(bool out, NodeId node, const std::vector<TypeId>& edge_types, Fn& fn,
                       bool* keep_going) {
    if (memory_ != nullptr) {
      WalkMemory(out, node, edge_types, fn, keep_going);
      return rocksdb::Status::OK();
    }
    rocksdb::Iterator* it = Iter(out);
    auto scan = [&](const std::string& prefix) {
      rocksdb::Slice p(prefix);
      for (it->Seek(p); it->Valid() && it->key().starts_with(p); it->Next()) {
        rocksdb::Slice k = it->key();
        if (k.size() != kAdjacencyKeyBytes || it->value().size() < kTypeBytes) continue;
        AdjacentEdge e{DecodeFixed64BE(k.data() + kIdBytes + kTypeBytes),
                       DecodeFixed32BE(it->value().data()), DecodeFixed32BE(k.data() + kIdBytes),
                       out};
        if (!fn(e)) {
          *keep_going = false;
          return;
        }
      }
    };
    if (edge_types.empty()) {
      scan(AdjacencyPrefix(node));
    } else {
      for (TypeId t : edge_types) {
        scan(AdjacencyTypePrefix(node, t));
        if (!*keep_going) break;
      }
    }
    return it->status();
  }

  template <typename Fn>
  void WalkMemory(bool out, NodeId node, const std::vector<TypeId>& edge_types, Fn& fn,
                  bool* keep_going) {
    std::span<const AdjacencySnapshot::Entry> all = memory_->Edges(node, out);
    auto emit = [&](std::span<const AdjacencySnapshot::Entry> entries) {
      for (const AdjacencySnapshot::Entry& e : entries) {
        if (!fn(AdjacentEdge{e.neighbor, e.neighbor_type, e.edge_type, out})) {
          *keep_going = false;
          return;
        }
      }
    };
    if (edge_types.empty()) {
      emit(all);
      return;
    }
    for (TypeId t : edge_types) {  // Entries are sorted by type: one range each.
      auto first =
          std::partition_point(all.begin(), all.end(),
                               [t](const AdjacencySnapshot::Entry& e) { return e.edge_type < t; });
      auto last = std::partition_point(
          first, all.end(), [t](const AdjacencySnapshot::Entry& e) { return e.edge_type <= t; });
      emit(std::span<const AdjacencySnapshot::Entry>(first, last));
      if (!*keep_going) return;
    }
  }

  const GraphStore* store_;
  const rocksdb::Snapshot* snapshot_;
  const AdjacencySnapshot* memory_;
  std::unique_ptr<rocksdb::Iterator> out_;
  std::unique_ptr<rocksdb::Iterator> in_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_ADJACENCY_CURSOR_H_
