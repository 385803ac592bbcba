#include "graph/pending_writes.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "absl/hash/hash.h"
#include "graph/key_codec.h"

namespace dossier::graph {

PendingWrites::Head PendingWrites::Head::Of(int family, std::string_view key) {
  assert(family >= 0 && family <= kMaxFamily);
  char bytes[24] = {};
  bytes[0] = static_cast<char>(family);
  // An empty view may hold a null pointer, which memcpy must not be given even for no bytes.
  if (!key.empty()) std::memcpy(bytes + 1, key.data(), std::min<size_t>(key.size(), 23));
  return {DecodeFixed64BE(bytes), DecodeFixed64BE(bytes + 8), DecodeFixed64BE(bytes + 16)};
}

PendingWrites::HashedProbe PendingWrites::ProbeFor(int family, std::string_view key) {
  return HashedProbe{absl::HashOf(family, key), family, key};
}

PendingWrites::Stored* PendingWrites::Lookup(const HashedProbe& probe) const {
  IndexNewWrites(probe.family);
  auto it = lookup_.find(probe);
  // entries_ owns it; the index only finds it.
  return it == lookup_.end() ? nullptr : const_cast<Stored*>(it->stored);
}

PendingWrites::State PendingWrites::Find(int family, std::string_view key,
                                         std::string* value) const {
  const Stored* stored = Lookup(ProbeFor(family, key));
  if (stored == nullptr) return State::kUntouched;
  if (!stored->value.has_value()) return State::kDeleted;
  if (value != nullptr) *value = *stored->value;
  return State::kWritten;
}

void PendingWrites::Put(int family, std::string_view key, std::string value) {
  Record(family, key, std::move(value));
}

void PendingWrites::Delete(int family, std::string_view key) { Record(family, key, std::nullopt); }

void PendingWrites::PutNew(int family, std::string_view key, std::string value) {
  assert(family >= 0 && family <= kMaxFamily);
  bytes_ += key.size() + value.size();
  Stored& stored = entries_.emplace_back(Stored{family, false, keys_.Copy(key), std::move(value)});
  if (unindexed_.size() <= static_cast<size_t>(family)) unindexed_.resize(family + 1);
  unindexed_[family].push_back(&stored);
  if (counts_.size() <= static_cast<size_t>(family)) counts_.resize(family + 1);
  ++counts_[family];
  if (!save_points_.empty()) undo_.push_back(Undo{.stored = &stored, .existed = false});
}

void PendingWrites::IndexNewWritesSlow(int family) const {
  std::vector<Stored*>& added = unindexed_[family];
  lookup_.reserve(lookup_.size() + added.size());
  for (Stored* stored : added) {
    lookup_.insert(Hashed{ProbeFor(family, stored->key).hash, stored});
    stored->indexed = true;
  }
  added.clear();
}

bool PendingWrites::Append(int family, std::string_view key, std::string_view bytes) {
  Stored* stored = Lookup(ProbeFor(family, key));
  if (stored == nullptr || !stored->value.has_value()) return false;
  if (!save_points_.empty()) {
    undo_.push_back(Undo{.stored = stored,
                         .existed = true,
                         .previous = std::nullopt,
                         .appended_to = stored->value->size()});
  }
  stored->value->append(bytes);
  bytes_ += bytes.size();
  return true;
}

void PendingWrites::Record(int family, std::string_view key, std::optional<std::string> value) {
  assert(family >= 0 && family <= kMaxFamily);
  bytes_ += key.size() + (value ? value->size() : 0);
  IndexNewWrites(family);
  const HashedProbe probe = ProbeFor(family, key);
  // Looked up by view: a key written again (a node's record, an edge's value) is not copied, and
  // a new one is copied once, where the probe ended.
  bool inserted = false;
  auto it = lookup_.lazy_emplace(probe, [&](const auto& construct) {
    inserted = true;
    construct(
        Hashed{probe.hash, &entries_.emplace_back(Stored{family, true, keys_.Copy(key), {}})});
  });
  Stored* stored = const_cast<Stored*>(it->stored);  // entries_ owns it; the index only finds it.
  if (inserted) {
    if (counts_.size() <= static_cast<size_t>(family)) counts_.resize(family + 1);
    ++counts_[family];
  }
  if (!save_points_.empty()) {
    Undo undo{.stored = stored, .existed = !inserted, .previous = std::nullopt};
    if (!inserted) undo.previous = std::move(stored->value);
    undo_.push_back(std::move(undo));
  }
  stored->value = std::move(value);
}

void PendingWrites::SetSavePoint() { save_points_.push_back(undo_.size()); }

void PendingWrites::RollbackToSavePoint() {
  if (save_points_.empty()) return;
  const size_t mark = save_points_.back();
  save_points_.pop_back();
  for (size_t i = undo_.size(); i-- > mark;) {
    Undo& undo = undo_[i];
    if (undo.appended_to != kNotAppended) {
      undo.stored->value->resize(undo.appended_to);
      continue;
    }
    if (undo.existed) {
      undo.stored->value = std::move(undo.previous);
      continue;
    }
    // Undone newest first, so the entry it added is the last one.
    assert(undo.stored == &entries_.back());
    const Stored& added = *undo.stored;
    if (added.indexed) {
      lookup_.erase(ProbeFor(added.family, added.key));
    } else {
      // Not indexed since: the newest of its family's unindexed writes.
      assert(unindexed_[added.family].back() == undo.stored);
      unindexed_[added.family].pop_back();
    }
    if (ordered_.n == entries_.size()) {
      index_.erase(Probe{Head::Of(added.family, added.key), added.family, added.key});
      --ordered_.n;
    }
    --counts_[added.family];
    entries_.pop_back();
  }
  undo_.resize(mark);
  if (save_points_.empty()) undo_.clear();
}

void PendingWrites::PopSavePoint() {
  if (save_points_.empty()) return;
  save_points_.pop_back();
  // The enclosing save point, if any, still needs these entries to undo to its own state.
  if (save_points_.empty()) undo_.clear();
}

void PendingWrites::Clear() {
  lookup_.clear();
  unindexed_.clear();
  index_.clear();
  ordered_.n = 0;
  keys_.Clear();
  counts_.clear();
  entries_.clear();
  undo_.clear();
  save_points_.clear();
  bytes_ = 0;
}

void PendingWrites::Order() const {
  if (ordered_.n == entries_.size()) return;
  std::vector<Slot> added;
  added.reserve(entries_.size() - ordered_.n);
  for (size_t i = ordered_.n; i < entries_.size(); ++i) {
    const Stored& stored = entries_[i];
    added.push_back(Slot{Head::Of(stored.family, stored.key), &stored});
  }
  if (index_.empty()) {
    // A batch's first order, usually its only one: a sort, then appends at the end, which the
    // btree takes without a search and fills its nodes.
    std::sort(added.begin(), added.end(), SlotLess());
    for (const Slot& slot : added) index_.insert(index_.end(), slot);
  } else {
    for (const Slot& slot : added) index_.insert(slot);
  }
  ordered_.n = entries_.size();
}

std::vector<PendingWrites::Entry> PendingWrites::WithPrefix(int family,
                                                            std::string_view prefix) const {
  Order();
  std::vector<Entry> out;
  for (auto it = index_.lower_bound(Probe{Head::Of(family, prefix), family, prefix});
       it != index_.end() && it->stored->family == family && it->stored->key.starts_with(prefix);
       ++it) {
    const Stored& s = *it->stored;
    out.push_back({s.key, s.value ? &*s.value : nullptr});
  }
  return out;
}

namespace {

// Walks [it, end) in key order while `more(slot)` holds. The entries, their keys and their values
// lie in memory in the order they were written, so a walk in key order (a batch written out)
// would wait on a cache miss for each of them: they are asked for a few slots ahead, an entry
// eight slots ahead and its key and value four ahead (by when the entry has arrived).
template <typename It, typename More, typename Fn>
void WalkPrefetching(It it, It end, More more, Fn fn) {
  constexpr int kEntryAhead = 8, kBytesAhead = 4;
  It entry_ahead = it, bytes_ahead = it;
  for (int i = 0; i < kEntryAhead && entry_ahead != end; ++i, ++entry_ahead) {
    __builtin_prefetch(entry_ahead->stored);
  }
  for (int i = 0; i < kBytesAhead && bytes_ahead != end; ++i) ++bytes_ahead;
  for (; it != end && more(*it); ++it) {
    if (entry_ahead != end) {
      __builtin_prefetch(entry_ahead->stored);
      ++entry_ahead;
    }
    if (bytes_ahead != end) {
      const auto* stored = bytes_ahead->stored;
      __builtin_prefetch(stored->key.data());
      if (stored->value.has_value()) __builtin_prefetch(stored->value->data());
      ++bytes_ahead;
    }
    fn(*it->stored);
  }
}

}  // namespace

void PendingWrites::ForEach(
    absl::FunctionRef<void(int family, std::string_view key, const std::string* value)> fn) const {
  Order();
  WalkPrefetching(
      index_.begin(), index_.end(), [](const Slot&) { return true; },
      [&](const Stored& s) { fn(s.family, s.key, s.value ? &*s.value : nullptr); });
}

void PendingWrites::ForEachIn(
    int family, absl::FunctionRef<void(std::string_view key, const std::string* value)> fn) const {
  Order();
  // The family is the head's first byte: the walk's end is found without reading the entry.
  const uint64_t family_bits = Head::Of(family, {}).high >> 56;
  WalkPrefetching(
      index_.lower_bound(Probe{Head::Of(family, {}), family, {}}), index_.end(),
      [&](const Slot& slot) { return slot.head.high >> 56 == family_bits; },
      [&](const Stored& s) { fn(s.key, s.value ? &*s.value : nullptr); });
}

}  // namespace dossier::graph
