#include "graph/visited_set.h"

#include <algorithm>
#include <utility>

namespace dossier::graph {
namespace {

// A bitset left clean by the last traversal on this thread.
thread_local std::vector<uint64_t> spare_words;

}  // namespace

VisitedSet::VisitedSet(uint64_t id_limit) {
  if (id_limit == 0) return;
  words_ = std::move(spare_words);  // A nested set on the same thread starts its own.
  spare_words.clear();
  const size_t wanted = static_cast<size_t>((id_limit + 63) / 64);
  if (words_.size() < wanted) words_.resize(wanted, 0);
}

VisitedSet::~VisitedSet() {
  if (words_.empty()) return;
  if (touched_.size() * 8 < words_.size()) {
    for (size_t w : touched_) words_[w] = 0;
  } else {
    std::fill(words_.begin(), words_.end(), 0);
  }
  if (words_.size() > spare_words.size()) spare_words = std::move(words_);
}

}  // namespace dossier::graph
