// Keeps the store's in-memory adjacency snapshot current: builds it at open,
// and after writes rebuilds it once the database has been quiet for a moment
// (a busy importer or a bulk load is served from RocksDB meanwhile; readers
// never wait). A build uses both cores for seconds on a big graph, so it is
// never started for a state that is already built or still being written.
#ifndef DOSSIER_GRAPH_ADJACENCY_REFRESHER_H_
#define DOSSIER_GRAPH_ADJACENCY_REFRESHER_H_

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/time/time.h"
#include "graph/adjacency_snapshot.h"

namespace dossier::graph {

class GraphStore;

class AdjacencyRefresher {
 public:
  AdjacencyRefresher(GraphStore* store, absl::Duration quiet_period);
  ~AdjacencyRefresher();  // Stops the thread.

  // The snapshot matching `sequence`, or null.
  std::shared_ptr<const AdjacencySnapshot> For(uint64_t sequence) const;
  // Builds now, on every core, the caller waiting; at start-up and after bulk loads. Nothing to
  // do when the current snapshot is already of the latest state (e.g. the background thread
  // just built it).
  absl::Status RefreshNow() { return Refresh(/*parallel=*/true); }
  // Makes `snapshot` current unless one of a later state already is. For a writer that
  // assembled the whole state itself (a bulk load into an empty database) while holding the
  // store's writer lock, so nothing has changed since.
  void Install(std::shared_ptr<const AdjacencySnapshot> snapshot);
  // Snapshots built so far (installed ones included).
  int64_t builds() const { return builds_.load(std::memory_order_relaxed); }
  void Stop();

 private:
  void Run();
  // The background thread builds on one thread: it runs while the process serves, and a build
  // on every core would stall the answers (on a 2-core machine, for seconds at 10M edges).
  absl::Status Refresh(bool parallel);

  GraphStore* store_;
  absl::Duration quiet_period_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::shared_ptr<const AdjacencySnapshot> current_;
  std::mutex build_mu_;  // One build at a time.
  std::atomic<int64_t> builds_{0};
  std::thread thread_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_ADJACENCY_REFRESHER_H_
