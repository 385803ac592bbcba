// Writes one column family's sorted keys into SST files for ingestion, starting a new file every
// `file_bytes` so that later compactions stay small and so does the writer's memory: RocksDB holds
// 8 bytes of filter hash a key until the file is finished: the default bench graph's 10M out-edges
// made one 96 MB file under a 256 MB limit, 80 MB of hashes by that rate; a 32 MB file holds about
// a third as many keys. The bulk load's budget sets that memory aside.
#ifndef DOSSIER_GRAPH_SST_SINK_H_
#define DOSSIER_GRAPH_SST_SINK_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "graph/store.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"

namespace dossier::graph {

// The options an SST file for `family` is written with, outside the database: the family's own,
// except that the file is compressed with its fast compression. SstFileWriter would otherwise use
// the bottommost level's dense one (ZSTD), slower to write and to read back; a later compaction
// that rewrites the file at the bottom applies the dense one.
rocksdb::Options SstFileOptions(GraphStore* store, ColumnFamily family);

class SstSink {
 public:
  SstSink(rocksdb::Options options, std::string dir, std::string name,
          uint64_t file_bytes = 32ull << 20);
  // Keys must come in strictly increasing order.
  absl::Status Put(const rocksdb::Slice& key, const rocksdb::Slice& value);
  absl::Status Finish();
  const std::vector<std::string>& files() const { return files_; }
  uint64_t entries() const { return entries_; }

 private:
  absl::Status OpenNext();

  rocksdb::Options options_;
  std::string dir_;
  std::string name_;
  uint64_t file_bytes_;
  std::unique_ptr<rocksdb::SstFileWriter> writer_;
  std::vector<std::string> files_;
  uint64_t entries_ = 0;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_SST_SINK_H_
