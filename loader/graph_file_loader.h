// `dossier load`: node and edge files (CSV with a header, or JSON Lines) into
// the graph through the bulk loader. Every rejected row is reported with its
// file, line and reason; without skip_bad the first one aborts the whole load
// and nothing is written.
//
// CSV: nodes need columns id,type,name; edges src,dst,type (any order); any
// other column becomes a string property. JSON Lines: one object a line with
// the same fields plus an optional "properties" object.
#ifndef DOSSIER_LOADER_GRAPH_FILE_LOADER_H_
#define DOSSIER_LOADER_GRAPH_FILE_LOADER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/bulk_load.h"
#include "graph/graph.h"

namespace dossier::loader {

struct LoadRequest {
  std::string nodes_path;  // Either may be empty.
  std::string edges_path;
  bool skip_bad = false;
  uint64_t memory_budget_bytes = 2ull << 30;
  std::function<void(const graph::BulkLoadProgress&)> progress;
};

struct LoadReport {
  graph::BulkLoadStats stats;
  uint64_t node_rows = 0;
  uint64_t edge_rows = 0;
  std::map<std::string, uint64_t> skipped_by_reason;  // Only with skip_bad.
  std::vector<std::string> first_skipped;             // "file:line: reason", at most 20.
};

absl::StatusOr<LoadReport> LoadGraphFiles(graph::Graph* graph, const LoadRequest& request);

}  // namespace dossier::loader

#endif  // DOSSIER_LOADER_GRAPH_FILE_LOADER_H_
