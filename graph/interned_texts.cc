#include "graph/interned_texts.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"

namespace dossier::graph {

std::string_view TextArena::Store(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > free_size_) {
    // A text longer than a block gets a block of its own; the rest of the current one is left.
    const size_t size = std::max(kBlockBytes, text.size());
    blocks_.push_back(std::make_unique<char[]>(size));
    block_bytes_ += size;
    free_ = blocks_.back().get();
    free_size_ = size;
  }
  char* out = free_;
  std::memcpy(out, text.data(), text.size());
  free_ += text.size();
  free_size_ -= text.size();
  return {out, text.size()};
}

InternedTexts::InternedTexts() : index_(0, SlotHash{}, SlotEq{this}) {}

uint32_t InternedTexts::HashOf(std::string_view text) {
  const size_t h = absl::Hash<absl::string_view>{}(absl::string_view(text.data(), text.size()));
  return static_cast<uint32_t>(h ^ (h >> 32));
}

std::pair<uint32_t, bool> InternedTexts::Intern(std::string_view text) {
  assert(!index_dropped_);
  const Probe probe{text, HashOf(text)};
  bool added = false;
  // lazy_emplace: one probe finds the text or the free slot, and only a new text is stored.
  auto it = index_.lazy_emplace(probe, [&](const auto& construct) {
    texts_.push_back(arena_.Store(text));
    construct(Slot{static_cast<uint32_t>(texts_.size() - 1), probe.hash});
    added = true;
  });
  return {it->number, added};
}

std::optional<uint32_t> InternedTexts::Find(std::string_view text) const {
  assert(!index_dropped_);
  auto it = index_.find(text);
  if (it == index_.end()) return std::nullopt;
  return it->number;
}

void InternedTexts::DropIndex() {
  index_ = decltype(index_)(0, SlotHash{}, SlotEq{this});
  index_dropped_ = true;
}

uint64_t InternedTexts::bytes() const {
  // A slot and its control byte.
  return arena_.bytes() + texts_.capacity() * sizeof(std::string_view) +
         index_.capacity() * (sizeof(Slot) + 1);
}

}  // namespace dossier::graph
