#include "graph/adjacency_refresher.h"

#include "absl/time/clock.h"
#include "graph/store.h"

namespace dossier::graph {

AdjacencyRefresher::AdjacencyRefresher(GraphStore* store, absl::Duration quiet_period)
    : store_(store), quiet_period_(quiet_period), thread_([this] { Run(); }) {}

AdjacencyRefresher::~AdjacencyRefresher() { Stop(); }

void AdjacencyRefresher::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const AdjacencySnapshot> AdjacencyRefresher::For(uint64_t sequence) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (current_ == nullptr || current_->sequence() != sequence) return nullptr;
  return current_;
}

absl::Status AdjacencyRefresher::Refresh(bool parallel) {
  std::lock_guard<std::mutex> build_lock(build_mu_);
  const rocksdb::Snapshot* snapshot = store_->db()->GetSnapshot();
  {
    // Waiting for build_mu_ may have been waiting for a build of this very state.
    std::lock_guard<std::mutex> lock(mu_);
    if (current_ != nullptr && current_->sequence() == snapshot->GetSequenceNumber()) {
      store_->db()->ReleaseSnapshot(snapshot);
      return absl::OkStatus();
    }
  }
  absl::StatusOr<std::shared_ptr<const AdjacencySnapshot>> built =
      AdjacencySnapshot::Build(store_, snapshot, parallel);
  store_->db()->ReleaseSnapshot(snapshot);
  if (!built.ok()) return built.status();
  builds_.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(*built);
  return absl::OkStatus();
}

void AdjacencyRefresher::Install(std::shared_ptr<const AdjacencySnapshot> snapshot) {
  std::lock_guard<std::mutex> build_lock(build_mu_);
  std::lock_guard<std::mutex> lock(mu_);
  if (current_ != nullptr && current_->sequence() >= snapshot->sequence()) return;
  current_ = std::move(snapshot);
  builds_.fetch_add(1, std::memory_order_relaxed);
}

void AdjacencyRefresher::Run() {
  uint64_t seen = UINT64_MAX;
  uint64_t failed_at = UINT64_MAX;
  absl::Time changed_at = absl::Now();
  while (true) {
    bool have = false;
    uint64_t have_sequence = 0;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait_for(lock, std::chrono::milliseconds(200), [this] { return stopping_; });
      if (stopping_) return;
      have = current_ != nullptr;
      have_sequence = have ? current_->sequence() : 0;
    }
    const uint64_t latest = store_->db()->GetLatestSequenceNumber();
    if ((have && have_sequence == latest) || latest == failed_at) continue;
    if (latest != seen) {
      // At open the first build starts at once; after that, a changing database is still being
      // written (by an importer, or a bulk load in this process): wait for a quiet moment.
      const bool at_open = seen == UINT64_MAX && !have;
      seen = latest;
      changed_at = absl::Now();
      if (!at_open) continue;
    } else if (absl::Now() - changed_at < quiet_period_) {
      continue;
    }
    // A failure (ids too sparse, I/O) leaves reads on RocksDB until the next change.
    if (!Refresh(/*parallel=*/false).ok()) failed_at = latest;
  }
}

}  // namespace dossier::graph
