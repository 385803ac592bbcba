// The name index entries a node owns: one per distinct normalised full name
// (its name and each alias) and one per distinct normalised word. The write
// path and the checker both derive them here, so they cannot disagree.
#ifndef DOSSIER_GRAPH_NAME_INDEX_H_
#define DOSSIER_GRAPH_NAME_INDEX_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/functional/function_ref.h"
#include "graph/internal/records.pb.h"
#include "graph/types.h"

namespace dossier::graph {

// Sorted, distinct keys of the names column family for this node.
std::vector<std::string> NameIndexKeys(NodeId id, const internal::NodeRecord& record);

// Calls `visit` once for each distinct (kind, normalised text) of the node's name-index keys
// (a key is [kind][text]\0[id]), in key order. For writers that batch many nodes' texts.
void ForEachNameIndexText(const internal::NodeRecord& record,
                          absl::FunctionRef<void(char kind, std::string_view text)> visit);

// Every normalised full name of the record (name and aliases), sorted, distinct.
std::vector<std::string> NormalizedFullNames(const internal::NodeRecord& record);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_NAME_INDEX_H_
