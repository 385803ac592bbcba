// The node families of a bulk load (nodes, node_keys, external_ids) written as SST files from
// the loader's node table once every node has its id. Keys are built as they are written, in an
// order computed over views of the table: a copy of every key would cost as much memory again
// as the table itself.
#ifndef DOSSIER_GRAPH_BULK_NODE_WRITER_H_
#define DOSSIER_GRAPH_BULK_NODE_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/bulk_node_table.h"
#include "graph/key_codec.h"
#include "graph/node_directory.h"
#include "graph/types.h"
#include "rocksdb/options.h"

namespace dossier::graph {

struct NodeFamilyOptions {
  // Each family's options, for its files.
  rocksdb::Options nodes, node_keys, external_ids;
  std::string dir;  // Where the files go.
};

struct NodeFamilyFiles {
  std::vector<std::string> nodes, node_keys, external_ids;
  std::map<TypeId, uint64_t> nodes_by_type;
};

// Node `order[rank]` of `table` gets id `base_id + rank`; a node's properties are
// `properties[table.props(i)]` unless kNoProps. With a directory, it is filled on the way.
absl::StatusOr<NodeFamilyFiles> WriteNodeFamilies(const BulkNodeTable& table,
                                                  const std::vector<uint32_t>& order,
                                                  NodeId base_id,
                                                  const std::vector<Properties>& properties,
                                                  NodeDirectory* directory,
                                                  const NodeFamilyOptions& options);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_NODE_WRITER_H_
