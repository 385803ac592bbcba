#include "bench/engine_registry.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace dossier::bench {

EngineRegistry& EngineRegistry::Global() {
  static EngineRegistry* registry = new EngineRegistry();  // Never destroyed: used at exit.
  return *registry;
}

bool EngineRegistry::Register(const std::string& name, EngineFactory factory) {
  return factories_.emplace(name, std::move(factory)).second;
}

absl::StatusOr<std::unique_ptr<Engine>> EngineRegistry::Create(const std::string& name,
                                                               const EngineConfig& config) const {
  auto it = factories_.find(name);
  if (it == factories_.end()) {
    return absl::NotFoundError(
        absl::StrCat("no engine named \"", name, "\"; available: ", absl::StrJoin(Names(), ", ")));
  }
  return it->second(config);
}

std::vector<std::string> EngineRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, factory] : factories_) names.push_back(name);
  return names;
}

}  // namespace dossier::bench
