#include "graph/bulk_node_writer.h"

#include "graph/internal/records.pb.h"
#include "graph/key_order.h"
#include "graph/record_codec.h"
#include "graph/sorted_run.h"
#include "graph/sst_sink.h"
#include "graph/status_macros.h"

namespace dossier::graph {
namespace {

internal::NodeRecord NodeRecordOf(const BulkNodeTable& table, uint32_t i,
                                  const std::vector<Properties>& properties) {
  internal::NodeRecord record;
  record.set_type(table.type(i));
  record.set_key(std::string(table.external_id(i)));
  record.set_name(std::string(table.name(i)));
  record.set_external_id(std::string(table.external_id(i)));
  if (table.props(i) != kNoProps) {
    PropertiesToRecord(properties[table.props(i)], record.mutable_properties());
  }
  return record;
}

}  // namespace

absl::StatusOr<NodeFamilyFiles> WriteNodeFamilies(const BulkNodeTable& table,
                                                  const std::vector<uint32_t>& order,
                                                  NodeId base_id,
                                                  const std::vector<Properties>& properties,
                                                  NodeDirectory* directory,
                                                  const NodeFamilyOptions& options) {
  NodeFamilyFiles files;
  {
    SstSink sink(options.nodes, options.dir, "nodes");
    for (uint32_t rank = 0; rank < order.size(); ++rank) {
      const uint32_t i = order[rank];
      DOSSIER_RETURN_IF_ERROR(sink.Put(NodeKey(base_id + rank),
                                       NodeRecordOf(table, i, properties).SerializeAsString()));
      if (directory != nullptr) {
        DOSSIER_RETURN_IF_ERROR(
            directory->Add(base_id + rank, table.type(i), table.name(i), table.external_id(i)));
      }
    }
    if (directory != nullptr) directory->Finish();
    DOSSIER_RETURN_IF_ERROR(sink.Finish());
    files.nodes = sink.files();
  }
  std::vector<uint32_t> rank_of(order.size());
  for (uint32_t rank = 0; rank < order.size(); ++rank) rank_of[order[rank]] = rank;
  // external_ids: [external id] -> id.
  {
    const std::vector<uint32_t> by_id =
        KeyOrder(table.size(), [&](uint32_t i) { return table.external_id(i); });
    SstSink sink(options.external_ids, options.dir, "external-ids");
    for (const uint32_t i : by_id) {
      DOSSIER_RETURN_IF_ERROR(
          sink.Put(table.external_id(i), EncodeFixed64BE(base_id + rank_of[i])));
    }
    DOSSIER_RETURN_IF_ERROR(sink.Finish());
    files.external_ids = sink.files();
  }
  // node_keys: [type][external id] -> id, so by type (big-endian: numeric order), then id.
  {
    std::map<TypeId, std::vector<uint32_t>> by_type;
    for (uint32_t i = 0; i < table.size(); ++i) by_type[table.type(i)].push_back(i);
    SstSink sink(options.node_keys, options.dir, "node-keys");
    for (auto& [type, members] : by_type) {
      files.nodes_by_type[type] = members.size();
      const std::vector<uint32_t> by_id =
          KeyOrder(members.size(), [&](uint32_t m) { return table.external_id(members[m]); });
      for (const uint32_t m : by_id) {
        const uint32_t i = members[m];
        DOSSIER_RETURN_IF_ERROR(sink.Put(NodeKeyIndexKey(type, table.external_id(i)),
                                         EncodeFixed64BE(base_id + rank_of[i])));
      }
      members = {};
    }
    DOSSIER_RETURN_IF_ERROR(sink.Finish());
    files.node_keys = sink.files();
  }
  return files;
}

}  // namespace dossier::graph
