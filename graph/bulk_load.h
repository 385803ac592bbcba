// Bulk loading: millions of nodes and edges written as sorted SST files and
// ingested into every column family in one atomic IngestExternalFiles call,
// bypassing the write-ahead log and memtables. Indexes, mirrors, degree and
// type counters are built alongside, so `dossier check` holds afterwards.
//
//   auto loader = BulkLoader::Begin(graph, {});     // holds the writer lock
//   (*loader)->AddNode("17", "Person", "Ann Lee");  // all nodes first
//   (*loader)->AddEdge("17", "42", "SIGNED");       // then edges, by external id
//   absl::StatusOr<BulkLoadStats> stats = (*loader)->Commit();
//
// Internal ids follow the external ids' order (numeric when every id is an
// integer), so neighbour pages ordered by id are ordered by external id too.
// Memory stays under the budget: the nodes' tables are counted as they grow (a load whose
// nodes alone would not fit stops with RESOURCE_EXHAUSTED and writes nothing), and the edges
// get what is left: beyond it they are sorted in runs spilled to temporary files and merged.
#ifndef DOSSIER_GRAPH_BULK_LOAD_H_
#define DOSSIER_GRAPH_BULK_LOAD_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/graph.h"
#include "graph/types.h"

namespace dossier::graph {

struct BulkLoadProgress {
  std::string phase;  // "nodes", "edges", "sorting", "writing", "ingesting"
  uint64_t done = 0;
  uint64_t total = 0;  // 0 when unknown.
};

struct BulkLoadOptions {
  // The load's peak memory: its node tables and name index, its edge sort buffers, and
  // BulkLoadBudget::kWriterReserveBytes for RocksDB's file writers and the rest of the process. An
  // adjacency snapshot assembled for a serving process (Graph opened with one, an empty database)
  // is the result kept, not the load's, and is not counted.
  uint64_t memory_budget_bytes = 2ull << 30;
  // At most this many edges sorted in memory at once (0: as many as the budget leaves). Smaller
  // spills sooner; the budget still bounds it.
  uint64_t max_run_edges = 0;
  // Where sorted runs and SST files are written; must be on the database's
  // file system so ingestion moves instead of copying. Default: inside the db.
  std::string temp_dir;
  std::function<void(const BulkLoadProgress&)> progress;
  // An upper estimate of the edges to come (e.g. from the file's size), 0 if unknown: the edge
  // buffer is sized once instead of doubling (copying and faulting in hundreds of MB at 10M
  // edges). Reserved address space costs no memory until used; capped by the budget.
  uint64_t expected_edges = 0;
};

struct BulkLoadStats {
  uint64_t nodes_added = 0;
  uint64_t edges_added = 0;
  uint64_t duplicate_edges = 0;       // Repeated (src, type, dst) in the input.
  uint64_t edges_already_stored = 0;  // Present in the database before the load.
  uint64_t spilled_runs = 0;
  // How the budget was spent: the nodes' tables (projected to their peak) and the edges sorted
  // in memory at once (each costs BulkLoadBudget::kEdgeSortBytes).
  uint64_t node_table_bytes = 0;
  uint64_t edges_per_run = 0;
  double seconds = 0;
};

class BulkLoader {
 public:
  static absl::StatusOr<std::unique_ptr<BulkLoader>> Begin(Graph* graph,
                                                           const BulkLoadOptions& options);
  ~BulkLoader();  // Without Commit(): nothing is written, temporary files go.
  BulkLoader(const BulkLoader&) = delete;
  BulkLoader& operator=(const BulkLoader&) = delete;

  // ALREADY_EXISTS for an id seen before (in the input or the database),
  // INVALID_ARGUMENT for bad fields, FAILED_PRECONDITION after the first edge.
  // A rejected node changes nothing.
  absl::Status AddNode(std::string_view external_id, std::string_view type, std::string_view name,
                       const Properties& properties = {});
  // NOT_FOUND when an endpoint is neither in the input nor in the database.
  absl::Status AddEdge(std::string_view src_external_id, std::string_view dst_external_id,
                       std::string_view type, const Properties& properties = {});
  absl::StatusOr<BulkLoadStats> Commit();
  // True once an error has stopped the load (its memory budget exceeded): every call then
  // fails alike, and nothing is written. Row errors do not stop it.
  bool stopped() const;

  class Impl;

 private:
  explicit BulkLoader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_LOAD_H_
