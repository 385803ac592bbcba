// The RocksDB database behind a Graph: column families, their options, the
// interned type names, id counters and the writer lock. Internal to graph/.
#ifndef DOSSIER_GRAPH_STORE_H_
#define DOSSIER_GRAPH_STORE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/graph.h"
#include "graph/type_registry.h"
#include "rocksdb/db.h"

namespace dossier::graph {

// The on-disk format this code writes, stored in meta. Older versions are upgraded when opened
// for writing (graph/format_upgrade.h). 2: by-document indexes as lists.
inline constexpr int kFormatVersion = 2;

// Work directories that writers make under the database directory and remove when done. Only
// the process holding the database lock makes them, so one found by a write open is stale (a
// crash's) and is removed.
inline constexpr char kIngestionDirPrefix[] = "ingest-";    // graph/batch_ingestion.h
inline constexpr char kBulkLoadDirPrefix[] = "bulk-load-";  // graph/bulk_load.h

enum ColumnFamily : int {
  kDefaultCf = 0,
  kMetaCf,
  kNodesCf,
  kNodeKeysCf,
  kExternalIdsCf,
  kNamesCf,
  kOutEdgesCf,
  kInEdgesCf,
  kDegreesCf,
  kEvidenceCf,
  kEvidenceByDocCf,
  kMentionsCf,
  kMentionsByDocCf,
  kColumnFamilyCount,
};

const char* ColumnFamilyName(ColumnFamily cf);

absl::Status FromRocksError(const rocksdb::Status& status);  // For a status that is not OK.
// Inline for the OK case: a bulk load and an import convert tens of millions of them.
inline absl::Status FromRocks(const rocksdb::Status& status) {
  return status.ok() ? absl::OkStatus() : FromRocksError(status);
}

class GraphStore {
 public:
  static absl::StatusOr<std::unique_ptr<GraphStore>> Open(const GraphOptions& options);
  ~GraphStore();

  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* cf(ColumnFamily which) const { return handles_[which]; }
  const GraphOptions& options() const { return options_; }
  bool read_only() const { return options_.read_only_secondary; }

  TypeRegistry& node_types() { return node_types_; }
  TypeRegistry& edge_types() { return edge_types_; }
  const TypeRegistry& node_types() const { return node_types_; }
  const TypeRegistry& edge_types() const { return edge_types_; }

  // Guarded by writer_mutex(); only a write transaction reads or sets them.
  std::mutex& writer_mutex() { return writer_mutex_; }
  uint64_t next_node_id = 1;
  uint64_t next_record_id = 1;

  absl::Status Close();
  absl::Status ReloadTypes();  // Secondary instances after catching up.

  // The on-disk format this open upgraded the database from; 0 if it was current.
  int upgraded_from_format() const { return upgraded_from_format_; }

  // Tests: `hook` runs before every batch a transaction writes, on the writing thread. An error
  // fails the write before it reaches RocksDB, as a full disk would; blocking holds the batch
  // in flight. An empty function removes it.
  void SetBeforeWriteHookForTesting(std::function<absl::Status()> hook);
  absl::Status RunBeforeWriteHook();

 private:
  GraphStore() = default;
  absl::Status LoadMeta();
  absl::Status FlushAllForClose();

  GraphOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::array<rocksdb::ColumnFamilyHandle*, kColumnFamilyCount> handles_{};
  TypeRegistry node_types_;
  TypeRegistry edge_types_;
  std::mutex writer_mutex_;
  int upgraded_from_format_ = 0;
  std::mutex before_write_hook_mutex_;
  std::function<absl::Status()> before_write_hook_;
  // The secondary instance's log directory when Open made it (no `secondary_path` given).
  std::string owned_secondary_dir_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_STORE_H_
