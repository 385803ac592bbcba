#include "graph/graph.h"

#include "graph/adjacency_refresher.h"
#include "graph/store.h"

namespace dossier::graph {

Graph::Graph(std::unique_ptr<GraphStore> store) : store_(std::move(store)) {}

Graph::~Graph() {
  if (refresher_) refresher_->Stop();  // Before the store closes under it.
}

absl::StatusOr<std::unique_ptr<Graph>> Graph::Open(const GraphOptions& options) {
  absl::StatusOr<std::unique_ptr<GraphStore>> store = GraphStore::Open(options);
  if (!store.ok()) return store.status();
  std::unique_ptr<Graph> graph(new Graph(std::move(*store)));
  if (options.adjacency_snapshot && !options.read_only_secondary) {
    graph->refresher_ =
        std::make_unique<AdjacencyRefresher>(graph->store_.get(), options.adjacency_quiet_period);
  }
  return graph;
}

absl::Status Graph::RefreshAdjacencySnapshot() {
  if (!refresher_) return absl::FailedPreconditionError("the adjacency snapshot is not enabled");
  return refresher_->RefreshNow();
}

int64_t Graph::AdjacencySnapshotBuilds() const { return refresher_ ? refresher_->builds() : 0; }

absl::StatusOr<std::unique_ptr<WriteTransaction>> Graph::BeginWrite() {
  if (store_->db() == nullptr) return absl::FailedPreconditionError("database is closed");
  if (store_->read_only()) {
    return absl::FailedPreconditionError("database is open read-only; writes are refused");
  }
  return std::unique_ptr<WriteTransaction>(new WriteTransaction(store_.get()));
}

std::unique_ptr<ReadView> Graph::NewReadView() const {
  // A secondary instance has no snapshots (its iterators refuse them); its
  // state changes only when CatchUpWithPrimary() replays the primary's log.
  if (store_->read_only()) return std::make_unique<ReadView>(store_.get(), nullptr);
  const rocksdb::Snapshot* snapshot = store_->db()->GetSnapshot();
  std::shared_ptr<const AdjacencySnapshot> adjacency;
  if (refresher_) adjacency = refresher_->For(snapshot->GetSequenceNumber());
  return std::make_unique<ReadView>(store_.get(), snapshot, std::move(adjacency));
}

absl::Status Graph::CatchUpWithPrimary() {
  if (!store_->read_only()) return absl::OkStatus();
  absl::Status s = FromRocks(store_->db()->TryCatchUpWithPrimary());
  if (!s.ok()) return s;
  return store_->ReloadTypes();
}

uint64_t Graph::LatestSequence() const { return store_->db()->GetLatestSequenceNumber(); }

absl::Status Graph::Close() {
  if (refresher_) refresher_->Stop();
  // Waits for an open write transaction to finish first.
  std::lock_guard<std::mutex> lock(store_->writer_mutex());
  return store_->Close();
}

const std::string& Graph::path() const { return store_->options().path; }

int Graph::upgraded_from_format() const { return store_->upgraded_from_format(); }

int Graph::CurrentFormatVersion() { return kFormatVersion; }

}  // namespace dossier::graph
