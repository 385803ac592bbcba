#include "graph/graph.h"

#include "graph/store.h"

namespace dossier::graph {

Graph::Graph(std::unique_ptr<GraphStore> store) : store_(std::move(store)) {}
Graph::~Graph() = default;

absl::StatusOr<std::unique_ptr<Graph>> Graph::Open(const GraphOptions& options) {
  absl::StatusOr<std::unique_ptr<GraphStore>> store = GraphStore::Open(options);
  if (!store.ok()) return store.status();
  return std::unique_ptr<Graph>(new Graph(std::move(*store)));
}

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
  return std::make_unique<ReadView>(store_.get(), store_->db()->GetSnapshot());
}

absl::Status Graph::CatchUpWithPrimary() {
  if (!store_->read_only()) return absl::OkStatus();
  absl::Status s = FromRocks(store_->db()->TryCatchUpWithPrimary());
  if (!s.ok()) return s;
  return store_->ReloadTypes();
}

uint64_t Graph::LatestSequence() const { return store_->db()->GetLatestSequenceNumber(); }

absl::Status Graph::Close() {
  // Waits for an open write transaction to finish first.
  std::lock_guard<std::mutex> lock(store_->writer_mutex());
  return store_->Close();
}

const std::string& Graph::path() const { return store_->options().path; }

}  // namespace dossier::graph
