#include "graph/pending_writes.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "graph/key_codec.h"

namespace dossier::graph {

PendingWrites::Head PendingWrites::Head::Of(int family, std::string_view key) {
  assert(family >= 0 && family <= kMaxFamily);
  char bytes[24] = {};
  bytes[0] = static_cast<char>(family);
  std::memcpy(bytes + 1, key.data(), std::min<size_t>(key.size(), 23));
  return {DecodeFixed64BE(bytes), DecodeFixed64BE(bytes + 8), DecodeFixed64BE(bytes + 16)};
}

PendingWrites::State PendingWrites::Find(int family, std::string_view key,
                                         std::string* value) const {
  auto it = index_.find(Probe{Head::Of(family, key), family, key});
  if (it == index_.end()) return State::kUntouched;
  const Stored& stored = *it->stored;
  if (!stored.value.has_value()) return State::kDeleted;
  if (value != nullptr) *value = *stored.value;
  return State::kWritten;
}

void PendingWrites::Put(int family, std::string_view key, std::string value) {
  Record(family, key, std::move(value));
}

void PendingWrites::Delete(int family, std::string_view key) { Record(family, key, std::nullopt); }

bool PendingWrites::Append(int family, std::string_view key, std::string_view bytes) {
  auto it = index_.find(Probe{Head::Of(family, key), family, key});
  if (it == index_.end() || !it->stored->value.has_value()) return false;
  Stored* stored = const_cast<Stored*>(it->stored);  // entries_ owns it; the index only orders it.
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
  bytes_ += key.size() + (value ? value->size() : 0);
  const Head head = Head::Of(family, key);
  // Looked up by view first: a key written again (a node's record, an edge's value) is not copied,
  // and a new one is inserted where the search ended.
  auto it = index_.lower_bound(Probe{head, family, key});
  const bool inserted = it == index_.end() || !(it->head == head) || it->stored->key != key;
  Stored* stored;
  if (inserted) {
    stored = &entries_.emplace_back(Stored{family, keys_.Copy(key), std::nullopt});
    index_.insert(it, Slot{head, stored});
    if (counts_.size() <= static_cast<size_t>(family)) counts_.resize(family + 1);
    ++counts_[family];
  } else {
    stored = const_cast<Stored*>(it->stored);  // entries_ owns it; the index only orders it.
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
    index_.erase(Probe{Head::Of(undo.stored->family, undo.stored->key), undo.stored->family,
                       undo.stored->key});
    --counts_[undo.stored->family];
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
  index_.clear();
  keys_.Clear();
  counts_.clear();
  entries_.clear();
  undo_.clear();
  save_points_.clear();
  bytes_ = 0;
}

std::vector<PendingWrites::Entry> PendingWrites::WithPrefix(int family,
                                                            std::string_view prefix) const {
  std::vector<Entry> out;
  for (auto it = index_.lower_bound(Probe{Head::Of(family, prefix), family, prefix});
       it != index_.end() && it->stored->family == family && it->stored->key.starts_with(prefix);
       ++it) {
    const Stored& s = *it->stored;
    out.push_back({s.key, s.value ? &*s.value : nullptr});
  }
  return out;
}

void PendingWrites::ForEach(
    absl::FunctionRef<void(int family, std::string_view key, const std::string* value)> fn) const {
  for (const Slot& slot : index_) {
    const Stored& s = *slot.stored;
    fn(s.family, s.key, s.value ? &*s.value : nullptr);
  }
}

void PendingWrites::ForEachIn(
    int family, absl::FunctionRef<void(std::string_view key, const std::string* value)> fn) const {
  for (auto it = index_.lower_bound(Probe{Head::Of(family, {}), family, {}});
       it != index_.end() && it->stored->family == family; ++it) {
    const Stored& s = *it->stored;
    fn(s.key, s.value ? &*s.value : nullptr);
  }
}

}  // namespace dossier::graph
