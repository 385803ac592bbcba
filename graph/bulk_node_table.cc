#include "graph/bulk_node_table.h"

namespace dossier::graph {

bool BulkNodeTable::Add(std::string_view external_id, std::string_view name, TypeId type,
                        uint32_t props) {
  if (!ids_.Intern(external_id).second) return false;
  nodes_.push_back({names_.Store(name), type, props});
  return true;
}

}  // namespace dossier::graph
