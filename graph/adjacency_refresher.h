// Keeps the store's in-memory adjacency snapshot current: builds it at open,
// and after writes rebuilds it once the database has been quiet for a moment
// (a busy importer is served from RocksDB meanwhile; readers never wait).
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
  // Builds now, on the caller's thread; for tests and after bulk loads.
  absl::Status RefreshNow();
  void Stop();

 private:
  void Run();

  GraphStore* store_;
  absl::Duration quiet_period_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::shared_ptr<const AdjacencySnapshot> current_;
  std::mutex build_mu_;  // One build at a time.
  std::thread thread_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_ADJACENCY_REFRESHER_H_
