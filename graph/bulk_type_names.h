// The node and edge type names of a bulk load: a handful, named millions of times. Each is
// interned once and then found by comparing bytes (the registry's lookup takes a lock and a
// hash, and with the name's validation was 5% of the CPU of reading the edges). Types the load
// adds to the registries are taken out again unless the load keeps them (it committed).
#ifndef DOSSIER_GRAPH_BULK_TYPE_NAMES_H_
#define DOSSIER_GRAPH_BULK_TYPE_NAMES_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/key_codec.h"
#include "graph/type_registry.h"

namespace dossier::graph {

class BulkTypeNames {
 public:
  BulkTypeNames(TypeRegistry* node_types, TypeRegistry* edge_types)
      : node_types_(node_types), edge_types_(edge_types) {}
  ~BulkTypeNames();  // Removes the types this load added, unless kept.
  BulkTypeNames(const BulkTypeNames&) = delete;
  BulkTypeNames& operator=(const BulkTypeNames&) = delete;

  // The id of a name seen before in this load (no lock, no hash), else nothing: the caller
  // validates a new name before interning it.
  std::optional<TypeId> Known(bool node_type, std::string_view name) const;
  // The name's id, added to its registry if new (RESOURCE_EXHAUSTED when it is full).
  absl::StatusOr<TypeId> Intern(bool node_type, std::string_view name);

  // The types this load added, in order: (is a node type, name).
  const std::vector<std::pair<bool, std::string>>& added() const { return added_; }
  // They are persisted: the destructor leaves them.
  void Keep() { added_.clear(); }

 private:
  TypeRegistry& Registry(bool node_type) const { return node_type ? *node_types_ : *edge_types_; }

  TypeRegistry* node_types_;
  TypeRegistry* edge_types_;
  std::vector<std::pair<bool, std::string>> added_;
  std::vector<std::pair<std::string, TypeId>> node_seen_, edge_seen_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_TYPE_NAMES_H_
