// Dossier's property graph over RocksDB.
//
//   absl::StatusOr<std::unique_ptr<Graph>> graph = Graph::Open({.path = "./data"});
//   auto txn = (*graph)->BeginWrite();          // one writer at a time
//   absl::StatusOr<NodeId> id = (*txn)->UpsertNode({.type = "Person", .key = "...", .name =
//   "..."}); absl::Status s = (*txn)->Commit();             // atomic auto view =
//   (*graph)->NewReadView();        // consistent snapshot absl::StatusOr<NeighborsPage> page =
//   view->Neighbors({.node = *id});
//
// All methods are thread-safe. Reads see a consistent snapshot; write
// transactions are serialised (the second BeginWrite waits for the first to
// commit or abort), which is what keeps concurrent imports from creating one
// person twice.
#ifndef DOSSIER_GRAPH_GRAPH_H_
#define DOSSIER_GRAPH_GRAPH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "graph/queries.h"
#include "graph/read_view.h"
#include "graph/types.h"
#include "graph/write_transaction.h"

namespace dossier::graph {

struct GraphOptions {
  std::string path;
  bool create_if_missing = true;
  // Opens without taking the database lock and refuses every write; sees the
  // primary's data as of open (RocksDB secondary instance). Used by offline
  // commands while a server holds the database.
  bool read_only_secondary = false;
  // Where a secondary instance keeps its own log files.
  std::string secondary_path;
  // fsync the write-ahead log on every commit. Off: a commit survives a
  // process crash but not a power failure of the last moments.
  bool sync_writes = false;
  // A commit of at least this many keys is written as SST files that RocksDB ingests (synced,
  // so it also survives a power failure) instead of through the write-ahead log and the
  // memtables: cheaper for a large batch, dearer for a small one (graph/batch_ingestion.h).
  // 0: never. `dossier import`'s full batches (1,024 corpus letters, about 700,000 keys) pass it.
  size_t ingest_batch_min_keys = 150000;
  uint64_t block_cache_bytes = 256ull << 20;
  uint64_t write_buffer_bytes = 64ull << 20;
  int max_background_jobs = 2;
  // Keep an in-memory copy of the adjacency lists (see adjacency_snapshot.h)
  // for fast traversals: about 16 bytes per edge. Rebuilt in the background
  // after writes once the database has been quiet this long.
  bool adjacency_snapshot = false;
  absl::Duration adjacency_quiet_period = absl::Milliseconds(500);
  // An open for writing that upgrades an older on-disk format (format_upgrade.h) writes it in
  // synced batches of about this many bytes, each one document's entries or more.
  size_t upgrade_batch_bytes = 4 << 20;
};

class GraphStore;  // Internal: the RocksDB handles shared by views and transactions.
class AdjacencyRefresher;

class Graph {
 public:
  static absl::StatusOr<std::unique_ptr<Graph>> Open(const GraphOptions& options);
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Blocks until no other write transaction is open. FAILED_PRECONDITION on a
  // read-only (secondary) instance.
  absl::StatusOr<std::unique_ptr<WriteTransaction>> BeginWrite();
  // A read view pinned to the latest committed state.
  std::unique_ptr<ReadView> NewReadView() const;

  // A secondary instance catches up with its primary's writes.
  absl::Status CatchUpWithPrimary();

  // The sequence number of the last committed write.
  uint64_t LatestSequence() const;

  // With GraphOptions::adjacency_snapshot: builds the snapshot now (instead
  // of waiting for the background refresh), e.g. right after a bulk load.
  absl::Status RefreshAdjacencySnapshot();
  // How many adjacency snapshots were built since open (0 without the snapshot).
  int64_t AdjacencySnapshotBuilds() const;
  // The snapshot's keeper, or null without GraphOptions::adjacency_snapshot. For the graph's own
  // writers that can hand it a snapshot they assembled (bulk loads).
  AdjacencyRefresher* adjacency_refresher() { return refresher_.get(); }

  // Flushes memtables and closes the database; later calls fail.
  absl::Status Close();

  const std::string& path() const;
  GraphStore* store() { return store_.get(); }
  // The on-disk format that opening upgraded the database from (to the current one); 0 if none.
  int upgraded_from_format() const;
  // The on-disk format this build writes.
  static int CurrentFormatVersion();

 private:
  explicit Graph(std::unique_ptr<GraphStore> store);
  std::unique_ptr<GraphStore> store_;
  std::unique_ptr<AdjacencyRefresher> refresher_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_GRAPH_H_
