// RocksDB options for each column family, chosen for the graph's access
// patterns (see docs/ARCHITECTURE.md for the reasoning).
#ifndef DOSSIER_GRAPH_STORE_OPTIONS_H_
#define DOSSIER_GRAPH_STORE_OPTIONS_H_

#include <array>

#include "graph/graph.h"
#include "graph/store.h"
#include "rocksdb/options.h"

namespace dossier::graph {

struct StoreOptions {
  rocksdb::DBOptions db;
  std::array<rocksdb::ColumnFamilyOptions, kColumnFamilyCount> column_families;
};

StoreOptions BuildStoreOptions(const GraphOptions& options);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_STORE_OPTIONS_H_
