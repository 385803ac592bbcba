// Interns node-type and edge-type names as small integers for compact keys.
// Persisted in the meta column family; read-mostly, so readers share a lock.
#ifndef DOSSIER_GRAPH_TYPE_REGISTRY_H_
#define DOSSIER_GRAPH_TYPE_REGISTRY_H_

#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "graph/key_codec.h"

namespace dossier::graph {

class TypeRegistry {
 public:
  std::optional<TypeId> Find(std::string_view name) const;
  // Empty string for an unknown id.
  std::string Name(TypeId id) const;
  // Adds a name with the next id (caller persists it). Returns the id.
  TypeId Add(std::string_view name);
  // Used when loading and when a failed commit rolls back an Add.
  void Insert(std::string_view name, TypeId id);
  void Remove(std::string_view name);
  std::vector<std::pair<std::string, TypeId>> All() const;

 private:
  mutable std::shared_mutex mu_;
  absl::flat_hash_map<std::string, TypeId> ids_;
  std::vector<std::string> names_;  // Indexed by id; names_[0] unused.
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_TYPE_REGISTRY_H_
