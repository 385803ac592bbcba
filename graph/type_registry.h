// Interns node-type and edge-type names as small integers for compact keys.
// Persisted in the meta column family. Traversals turn ids back into names
// once per edge, so Name() takes no lock: slots are published atomically and
// the strings they point at live as long as the registry.
#ifndef DOSSIER_GRAPH_TYPE_REGISTRY_H_
#define DOSSIER_GRAPH_TYPE_REGISTRY_H_

#include <array>
#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
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
  static constexpr TypeId kMaxTypes = 1 << 16;

  TypeRegistry();
  ~TypeRegistry();

  std::optional<TypeId> Find(std::string_view name) const;
  // Empty string for an unknown id. Lock-free.
  const std::string& Name(TypeId id) const;
  // Adds a name with the next id (caller persists it). Returns the id, or
  // nullopt when the registry is full.
  std::optional<TypeId> Add(std::string_view name);
  // Used when loading and when a failed commit rolls back an Add.
  void Insert(std::string_view name, TypeId id);
  void Remove(std::string_view name);
  std::vector<std::pair<std::string, TypeId>> All() const;

 private:
  static constexpr size_t kChunkBits = 10;
  struct Chunk {
    std::array<std::atomic<const std::string*>, size_t{1} << kChunkBits> slots{};
  };
  void Publish(TypeId id, const std::string* name);

  mutable std::shared_mutex mu_;
  absl::flat_hash_map<std::string, TypeId> ids_;
  TypeId next_id_ = 1;
  std::deque<std::string> storage_;  // Never shrinks: readers may hold pointers into it.
  std::array<std::atomic<Chunk*>, (kMaxTypes >> kChunkBits)> chunks_{};
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_TYPE_REGISTRY_H_
