// Which unary reads run on gRPC's callback thread instead of the worker pool.
//
// A point read costs microseconds; handing it to the WorkerPool costs a
// thread wakeup on each side, which on a small, loaded machine is most of the
// call (docs/PERFORMANCE.md). So reads whose work a request cannot make large
// run inline: their cost is bounded by the constants below whatever the
// request asks. Everything else (traversals, paths, subgraphs, writes, and
// reads a request can make expensive) keeps the pool, its queue bound and its
// RESOURCE_EXHAUSTED, so that gRPC's threads never sit in long work.
#ifndef DOSSIER_SERVER_INLINE_POLICY_H_
#define DOSSIER_SERVER_INLINE_POLICY_H_

#include <cstdint>

#include "dossier/v1/graph_service.pb.h"
#include "server/server_config.h"

namespace dossier::server {

// Index or adjacency entries one inline call may return.
inline constexpr int32_t kInlineMaxEntries = 1000;
// Neighbours one inline call may pass over with `skip` before its page: counting them is cheap
// in the in-memory snapshot, but after a write (before the snapshot is rebuilt) they are read
// from RocksDB one by one.
inline constexpr int64_t kInlineMaxSkip = 10 * kInlineMaxEntries;
// Node records one inline call may read and convert (each a RocksDB Get and
// a decode: about as much as a thread handoff costs, times this).
inline constexpr int32_t kInlineMaxNodeReads = 100;

// One node (by id, key, external id, or an exact name listing at most a
// few candidates), plus its degree counts.
bool RunsInline(const v1::GetNodeRequest& request, const ServerCaps& caps);
// At most kInlineMaxNodeReads ids.
bool RunsInline(const v1::BatchGetNodesRequest& request, const ServerCaps& caps);
// Exact name matches with a page of at most kInlineMaxNodeReads nodes.
// Prefix and token matches may walk many index entries that a type filter
// then skips, so they keep the pool.
bool RunsInline(const v1::FindNodesRequest& request, const ServerCaps& caps);
// A page of at most kInlineMaxEntries neighbours (kInlineMaxNodeReads with
// include_nodes), a skip of at most kInlineMaxSkip, and no neighbour type filter: that filter may
// skip any number of a supernode's edges read from RocksDB to fill one page. (An edge type filter
// is one seek per type in RocksDB; in the in-memory adjacency snapshot it is a scan of the node's
// list, which stays in memory.)
bool RunsInline(const v1::ListNeighborsRequest& request, const ServerCaps& caps);
// Counters, one per type.
bool RunsInline(const v1::GetStatsRequest& request, const ServerCaps& caps);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_INLINE_POLICY_H_
