#include "graph/type_registry.h"

#include <algorithm>

namespace dossier::graph {
namespace {
const std::string& EmptyName() {
  static const std::string* empty = new std::string();
  return *empty;
}
}  // namespace

TypeRegistry::TypeRegistry() = default;

TypeRegistry::~TypeRegistry() {
  for (std::atomic<Chunk*>& chunk : chunks_) delete chunk.load();
}

std::optional<TypeId> TypeRegistry::Find(std::string_view name) const {
  std::shared_lock lock(mu_);
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it == ids_.end()) return std::nullopt;
  return it->second;
}

const std::string& TypeRegistry::Name(TypeId id) const {
  if (id >= kMaxTypes) return EmptyName();
  Chunk* chunk = chunks_[id >> kChunkBits].load(std::memory_order_acquire);
  if (chunk == nullptr) return EmptyName();
  const std::string* name =
      chunk->slots[id & ((1u << kChunkBits) - 1)].load(std::memory_order_acquire);
  return name == nullptr ? EmptyName() : *name;
}

void TypeRegistry::Publish(TypeId id, const std::string* name) {
  std::atomic<Chunk*>& slot = chunks_[id >> kChunkBits];
  Chunk* chunk = slot.load(std::memory_order_acquire);
  if (chunk == nullptr) {
    chunk = new Chunk();  // Owned by chunks_, freed in the destructor.
    slot.store(chunk, std::memory_order_release);
  }
  chunk->slots[id & ((1u << kChunkBits) - 1)].store(name, std::memory_order_release);
}

std::optional<TypeId> TypeRegistry::Add(std::string_view name) {
  std::unique_lock lock(mu_);
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it != ids_.end()) return it->second;
  if (next_id_ >= kMaxTypes) return std::nullopt;
  TypeId id = next_id_++;
  storage_.emplace_back(name);
  ids_.emplace(std::string(name), id);
  Publish(id, &storage_.back());
  return id;
}

void TypeRegistry::Insert(std::string_view name, TypeId id) {
  if (id == 0 || id >= kMaxTypes) return;
  std::unique_lock lock(mu_);
  storage_.emplace_back(name);
  ids_[std::string(name)] = id;
  Publish(id, &storage_.back());
  next_id_ = std::max<TypeId>(next_id_, id + 1);
}

void TypeRegistry::Remove(std::string_view name) {
  std::unique_lock lock(mu_);
  auto it = ids_.find(absl::string_view(name.data(), name.size()));
  if (it == ids_.end()) return;
  TypeId id = it->second;
  ids_.erase(it);
  Publish(id, nullptr);
  // Reuse the id only when it was the last one handed out (a rolled-back Add).
  if (id + 1 == next_id_) next_id_ = id;
}

std::vector<std::pair<std::string, TypeId>> TypeRegistry::All() const {
  std::shared_lock lock(mu_);
  std::vector<std::pair<std::string, TypeId>> all;
  for (const auto& [name, id] : ids_) all.emplace_back(name, id);
  std::sort(all.begin(), all.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  return all;
}

}  // namespace dossier::graph
