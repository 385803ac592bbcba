#include "graph/bulk_type_names.h"

namespace dossier::graph {

BulkTypeNames::~BulkTypeNames() {
  for (auto it = added_.rbegin(); it != added_.rend(); ++it) Registry(it->first).Remove(it->second);
}

std::optional<TypeId> BulkTypeNames::Known(bool node_type, std::string_view name) const {
  for (const auto& [known, id] : node_type ? node_seen_ : edge_seen_) {
    if (known == name) return id;
  }
  return std::nullopt;
}

absl::StatusOr<TypeId> BulkTypeNames::Intern(bool node_type, std::string_view name) {
  if (std::optional<TypeId> id = Known(node_type, name)) return *id;
  TypeRegistry& registry = Registry(node_type);
  std::optional<TypeId> id = registry.Find(name);
  if (!id) {
    id = registry.Add(name);
    if (!id) return absl::ResourceExhaustedError("too many types");
    added_.emplace_back(node_type, std::string(name));
  }
  auto& seen = node_type ? node_seen_ : edge_seen_;
  constexpr size_t kTypesRemembered = 16;  // Beyond that, the registry as before.
  if (seen.size() < kTypesRemembered) seen.emplace_back(std::string(name), *id);
  return *id;
}

}  // namespace dossier::graph
