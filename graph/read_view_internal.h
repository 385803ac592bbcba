// Helpers shared by the files that implement ReadView's operations.
#ifndef DOSSIER_GRAPH_READ_VIEW_INTERNAL_H_
#define DOSSIER_GRAPH_READ_VIEW_INTERNAL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "graph/key_codec.h"
#include "graph/queries.h"
#include "graph/type_registry.h"
#include "rocksdb/options.h"

namespace dossier::graph {

rocksdb::ReadOptions SnapshotReadOptions(const rocksdb::Snapshot* snapshot, bool total_order);
// A whole-family scan at `snapshot`: its blocks would only push the point reads' blocks out of
// the cache.
rocksdb::ReadOptions FullScanOptions(const rocksdb::Snapshot* snapshot);

// A type filter by name, resolved to ids. `any` means no filter; a filter
// whose names are all unknown has no ids and matches nothing.
struct ResolvedTypes {
  bool any = true;
  std::vector<TypeId> ids;  // Sorted, distinct.
  bool Matches(TypeId id) const;
};
ResolvedTypes ResolveTypes(const TypeRegistry& registry, const std::vector<std::string>& names);

// Checks the limits every traversal shares.
absl::Status ValidateLimits(const TraversalLimits& limits);

// What one more examined edge may do under the limits.
enum class EdgeBudget {
  kTake,      // Counted; go on.
  kNodeFull,  // max_edges_per_node reached: skip the rest of this node.
  kStop,      // max_work reached: stop the whole traversal.
};

// Tracks work against a TraversalLimits and says why it stopped.
class LimitTracker {
 public:
  explicit LimitTracker(const TraversalLimits& limits) : limits_(limits) {}
  // Polled before each node expansion: deadline and cancellation.
  bool ShouldStop(TraversalSummary* summary) const;
  // Accounts one edge of a node that already had `*taken` examined,
  // recording a cap in `summary` when one is hit.
  EdgeBudget TakeEdge(int64_t* taken, TraversalSummary* summary) const;
  const TraversalLimits& limits() const { return limits_; }

 private:
  const TraversalLimits& limits_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_READ_VIEW_INTERNAL_H_
