#include "graph/pending_writes.h"

namespace dossier::graph {

PendingWrites::State PendingWrites::Find(int family, std::string_view key,
                                         std::string* value) const {
  auto it = writes_.find(KeyRef{family, key});
  if (it == writes_.end()) return State::kUntouched;
  if (!it->second.has_value()) return State::kDeleted;
  if (value != nullptr) *value = *it->second;
  return State::kWritten;
}

void PendingWrites::Put(int family, std::string_view key, std::string value) {
  Record(family, key, std::move(value));
}

void PendingWrites::Delete(int family, std::string_view key) { Record(family, key, std::nullopt); }

void PendingWrites::Record(int family, std::string_view key, std::optional<std::string> value) {
  bytes_ += key.size() + (value ? value->size() : 0);
  // Looked up by view first: a key written again (a node's record, an edge's value) is not copied,
  // and a new one is inserted where the search ended.
  auto it = writes_.lower_bound(KeyRef{family, key});
  const bool inserted = it == writes_.end() || it->first.family != family || it->first.key != key;
  if (inserted) it = writes_.emplace_hint(it, Key{family, std::string(key)}, std::nullopt);
  if (!save_points_.empty()) {
    Undo undo{.key = {family, std::string(key)}, .existed = !inserted, .previous = std::nullopt};
    if (!inserted) undo.previous = std::move(it->second);
    undo_.push_back(std::move(undo));
  }
  it->second = std::move(value);
}

void PendingWrites::SetSavePoint() { save_points_.push_back(undo_.size()); }

void PendingWrites::RollbackToSavePoint() {
  if (save_points_.empty()) return;
  const size_t mark = save_points_.back();
  save_points_.pop_back();
  for (size_t i = undo_.size(); i-- > mark;) {
    Undo& undo = undo_[i];
    if (undo.existed) {
      writes_[undo.key] = std::move(undo.previous);
    } else {
      writes_.erase(undo.key);
    }
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
  writes_.clear();
  undo_.clear();
  save_points_.clear();
  bytes_ = 0;
}

std::vector<PendingWrites::Entry> PendingWrites::WithPrefix(int family,
                                                            std::string_view prefix) const {
  std::vector<Entry> out;
  for (auto it = writes_.lower_bound(KeyRef{family, prefix});
       it != writes_.end() && it->first.family == family && it->first.key.starts_with(prefix);
       ++it) {
    out.push_back({it->first.key, it->second ? &*it->second : nullptr});
  }
  return out;
}

void PendingWrites::ForEach(
    absl::FunctionRef<void(int family, std::string_view key, const std::string* value)> fn) const {
  for (const auto& [key, value] : writes_) fn(key.family, key.key, value ? &*value : nullptr);
}

}  // namespace dossier::graph
