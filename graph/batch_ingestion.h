// Writing a large staged batch as SST files that RocksDB ingests, instead of through the
// write-ahead log and the memtables.
//
// A batch of a few hundred letters holds a few hundred thousand keys. Through the log and the
// memtables each key is copied into the log, inserted into a skip list (13% of a 600-letter
// import's CPU, perf), and written again by a flush. Written straight into one sorted file a
// family, each key is encoded once, and `IngestExternalFiles` adds the files atomically; a file
// whose keys overlap nothing already stored goes straight to the lowest level it fits. Small
// batches keep the log: each ingestion syncs its files and the manifest, and many small files that
// overlap what is stored pile up in level 0 and are compacted over and over (docs/PERFORMANCE.md
// has both measurements).
#ifndef DOSSIER_GRAPH_BATCH_INGESTION_H_
#define DOSSIER_GRAPH_BATCH_INGESTION_H_

#include "absl/status/status.h"
#include "graph/pending_writes.h"

namespace dossier::graph {

class GraphStore;

// Writes every entry of `writes` (puts and deletes) into one SST file a column family, in a
// directory of its own under the database, and ingests them all in one atomic step. Ingested
// files are synced: the batch survives a power failure once this returns OK. On an error nothing
// of the batch is in the database, and the directory is removed either way (a crash's is removed
// by the next write open, graph/store.h).
absl::Status IngestStagedBatch(GraphStore* store, const PendingWrites& writes);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BATCH_INGESTION_H_
