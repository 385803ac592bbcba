#include "graph/background_commit.h"

#include <utility>

#include "graph/batch_ingestion.h"
#include "graph/store.h"
#include "rocksdb/write_batch.h"

namespace dossier::graph {

absl::Status WriteStagedBatch(GraphStore* store, const PendingWrites& writes) {
  if (absl::Status hooked = store->RunBeforeWriteHook(); !hooked.ok()) return hooked;
  const size_t ingest_from = store->options().ingest_batch_min_keys;
  if (ingest_from > 0 && writes.size() >= ingest_from) return IngestStagedBatch(store, writes);
  rocksdb::WriteBatch batch(writes.approximate_bytes() + 16 * writes.size());
  rocksdb::Status added;
  writes.ForEach([&](int family, std::string_view key, const std::string* value) {
    if (!added.ok()) return;
    rocksdb::ColumnFamilyHandle* handle = store->cf(static_cast<ColumnFamily>(family));
    added = value != nullptr ? batch.Put(handle, key, *value) : batch.Delete(handle, key);
  });
  if (!added.ok()) return FromRocks(added);
  rocksdb::WriteOptions wo;
  wo.sync = store->options().sync_writes;
  return FromRocks(store->db()->Write(wo, &batch));
}

BackgroundCommit::BackgroundCommit(GraphStore* store, PendingWrites writes)
    : store_(store), writes_(std::move(writes)) {
  // Ordered here, on the staging thread: the transaction reads the batch (Find, WithPrefix) while
  // the commit's threads go through it in key order, and ordering changes it.
  writes_.Order();
  thread_ = std::thread([this] { status_ = WriteStagedBatch(store_, writes_); });
}

BackgroundCommit::~BackgroundCommit() { Wait().IgnoreError(); }

absl::Status BackgroundCommit::Wait() {
  if (thread_.joinable()) thread_.join();
  return status_;
}

}  // namespace dossier::graph
