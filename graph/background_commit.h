// Writing a transaction's staged batch to RocksDB, on the caller's thread or on a thread of its
// own. A bulk writer (dossier import) stages the next batch of letters while the previous one's
// write-ahead-log append and memtable inserts, about a third of its work, run beside it.
#ifndef DOSSIER_GRAPH_BACKGROUND_COMMIT_H_
#define DOSSIER_GRAPH_BACKGROUND_COMMIT_H_

#include <thread>

#include "absl/status/status.h"
#include "graph/pending_writes.h"

namespace dossier::graph {

class GraphStore;

// Writes every entry of `writes` atomically: as one RocksDB batch, in key order (the order the
// memtable's skip list inserts fastest), with the store's durability setting; or, from
// GraphOptions::ingest_batch_min_keys entries on, as ingested SST files (batch_ingestion.h),
// which are synced.
absl::Status WriteStagedBatch(GraphStore* store, const PendingWrites& writes);

// One batch being written by its own thread. Its writes never change once handed over, so the
// transaction that staged them reads them (its "in flight" layer) while the thread writes them.
class BackgroundCommit {
 public:
  // Starts the write at once.
  BackgroundCommit(GraphStore* store, PendingWrites writes);
  // Waits for the write: a batch handed to RocksDB cannot be called back.
  ~BackgroundCommit();
  BackgroundCommit(const BackgroundCommit&) = delete;
  BackgroundCommit& operator=(const BackgroundCommit&) = delete;

  const PendingWrites& writes() const { return writes_; }

  // Waits for the write to end; OK once the whole batch is in the database. Later calls
  // return the same.
  absl::Status Wait();

 private:
  GraphStore* const store_;
  const PendingWrites writes_;
  absl::Status status_;  // Set by thread_; read after joining it.
  std::thread thread_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BACKGROUND_COMMIT_H_
