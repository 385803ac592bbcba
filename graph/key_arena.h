// Copies of short byte strings (a staged batch's keys) packed into large chunks that live as
// long as the arena: one allocation for thousands of keys instead of one each, and neighbouring
// keys on neighbouring cache lines. Nothing is freed before Clear() or destruction.
#ifndef DOSSIER_GRAPH_KEY_ARENA_H_
#define DOSSIER_GRAPH_KEY_ARENA_H_

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier::graph {

class KeyArena {
 public:
  KeyArena() = default;
  // The chunks move with the arena, so views into them stay valid; the source is left empty.
  KeyArena(KeyArena&& other) noexcept
      : chunks_(std::move(other.chunks_)),
        next_(std::exchange(other.next_, nullptr)),
        free_(std::exchange(other.free_, 0)) {
    other.chunks_.clear();
  }
  KeyArena& operator=(KeyArena&& other) noexcept {
    if (this != &other) {
      chunks_ = std::move(other.chunks_);
      other.chunks_.clear();
      next_ = std::exchange(other.next_, nullptr);
      free_ = std::exchange(other.free_, 0);
    }
    return *this;
  }
  KeyArena(const KeyArena&) = delete;
  KeyArena& operator=(const KeyArena&) = delete;

  // A copy of `bytes`, valid until Clear() or destruction.
  std::string_view Copy(std::string_view bytes) {
    if (bytes.size() > free_) {
      const size_t size = std::max(kChunkBytes, bytes.size());
      chunks_.push_back(std::make_unique_for_overwrite<char[]>(size));
      next_ = chunks_.back().get();
      free_ = size;
    }
    if (!bytes.empty()) std::memcpy(next_, bytes.data(), bytes.size());
    const std::string_view copy(next_, bytes.size());
    next_ += bytes.size();
    free_ -= bytes.size();
    return copy;
  }

  void Clear() {
    chunks_.clear();
    next_ = nullptr;
    free_ = 0;
  }

 private:
  static constexpr size_t kChunkBytes = 64 << 10;

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* next_ = nullptr;
  size_t free_ = 0;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_KEY_ARENA_H_
