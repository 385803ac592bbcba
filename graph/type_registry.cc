#include "graph/type_registry.h"

#include <algorithm>
#include <mutex>

namespace dossier::graph {

std::optional<TypeId> TypeRegistry::Find(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

std::string TypeRegistry::Name(TypeId id) const {
  std::shared_lock lock(mu_);
  return id < names_.size() ? names_[id] : std::string();
}

TypeId TypeRegistry::Add(std::string_view name) {
  std::unique_lock lock(mu_);
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it != ids_.end()) return it->second;
  TypeId id = static_cast<TypeId>(std::max<size_t>(names_.size(), 1));
  if (names_.size() <= id) names_.resize(id + 1);
  names_[id] = std::string(name);
  ids_.emplace(std::string(name), id);
  return id;
}

void TypeRegistry::Insert(std::string_view name, TypeId id) {
  std::unique_lock lock(mu_);
  if (names_.size() <= id) names_.resize(id + 1);
  names_[id] = std::string(name);
  ids_[std::string(name)] = id;
}

void TypeRegistry::Remove(std::string_view name) {
  std::unique_lock lock(mu_);
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it == ids_.end()) return;
  TypeId id = it->second;
  ids_.erase(it);
  if (id < names_.size()) names_[id].clear();
  while (names_.size() > 1 && names_.back().empty()) names_.pop_back();
}

std::vector<std::pair<std::string, TypeId>> TypeRegistry::All() const {
  std::shared_lock lock(mu_);
  std::vector<std::pair<std::string, TypeId>> all;
  for (TypeId id = 1; id < names_.size(); ++id) {
    if (!names_[id].empty()) all.emplace_back(names_[id], id);
  }
  return all;
}

}  // namespace dossier::graph
