// Distinct texts numbered in the order first seen, for the bulk loader's tables (node ids, name
// index texts), held compactly: the bytes in an arena of large blocks, 16 bytes a text beside
// them, and the text -> number index as 8-byte slots that keep each text's hash, so that growing
// it never reads the texts again. A std::string a text (32 bytes, and an allocation beyond 15
// bytes) with a hash map of views (24-byte slots) held more than twice as much beside the bytes.
#ifndef DOSSIER_GRAPH_INTERNED_TEXTS_H_
#define DOSSIER_GRAPH_INTERNED_TEXTS_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"

namespace dossier::graph {

// Bytes copied into large blocks that never move: the views it returns stay valid while it
// lives.
class TextArena {
 public:
  TextArena() = default;
  TextArena(const TextArena&) = delete;
  TextArena& operator=(const TextArena&) = delete;

  std::string_view Store(std::string_view text);
  uint64_t bytes() const { return block_bytes_; }  // All blocks, used or not.

 private:
  static constexpr size_t kBlockBytes = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  uint64_t block_bytes_ = 0;
  char* free_ = nullptr;  // In the newest block.
  size_t free_size_ = 0;
};

class InternedTexts {
 public:
  InternedTexts();
  InternedTexts(const InternedTexts&) = delete;
  InternedTexts& operator=(const InternedTexts&) = delete;

  // The text's number, and whether this call added it (numbers count up from 0).
  std::pair<uint32_t, bool> Intern(std::string_view text);
  std::optional<uint32_t> Find(std::string_view text) const;
  // Frees the index: Intern and Find may not follow; the texts stay.
  void DropIndex();
  bool has_index() const { return !index_dropped_; }

  uint32_t size() const { return static_cast<uint32_t>(texts_.size()); }
  std::string_view text(uint32_t number) const { return texts_[number]; }
  // Memory held: the arena's blocks, the views' capacity and the index's slots.
  uint64_t bytes() const;

 private:
  struct Slot {
    uint32_t number;
    uint32_t hash;
  };
  // A text with its hash computed once, for Intern: looking up and storing it use the same.
  struct Probe {
    std::string_view text;
    uint32_t hash;
  };
  struct SlotHash {
    using is_transparent = void;
    size_t operator()(const Slot& s) const { return Spread(s.hash); }
    size_t operator()(const Probe& p) const { return Spread(p.hash); }
    size_t operator()(std::string_view text) const { return Spread(HashOf(text)); }
  };
  struct SlotEq {
    using is_transparent = void;
    const InternedTexts* owner;
    bool operator()(const Slot& a, const Slot& b) const {
      return a.hash == b.hash && owner->text(a.number) == owner->text(b.number);
    }
    bool operator()(std::string_view text, const Slot& s) const {
      return owner->text(s.number) == text;
    }
    bool operator()(const Slot& s, std::string_view text) const { return (*this)(text, s); }
    bool operator()(const Probe& p, const Slot& s) const {
      return p.hash == s.hash && owner->text(s.number) == p.text;
    }
    bool operator()(const Slot& s, const Probe& p) const { return (*this)(p, s); }
  };
  static uint32_t HashOf(std::string_view text);
  // The index takes its slot from the high bits and a tag from the low seven: a 32-bit hash
  // multiplied by an odd constant fills both.
  static size_t Spread(uint32_t hash) { return uint64_t{hash} * 0x9E3779B97F4A7C15ull; }

  TextArena arena_;
  std::vector<std::string_view> texts_;
  absl::flat_hash_set<Slot, SlotHash, SlotEq> index_;
  bool index_dropped_ = false;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_INTERNED_TEXTS_H_
