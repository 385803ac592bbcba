#include "graph/document_lists.h"

#include <cstring>
#include <optional>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace dossier::graph {

size_t DocumentListEntryBytes(ColumnFamily family) {
  return family == kEvidenceByDocCf ? kEvidenceListEntryBytes : kMentionListEntryBytes;
}

std::string DocumentListKey(NodeId document, uint64_t first_id) {
  std::string key = EncodeFixed64BE(document);
  PutFixed64BE(&key, first_id);
  return key;
}

std::string MentionListEntry(NodeId node, uint64_t mention_id) {
  std::string entry = EncodeFixed64BE(node);
  PutFixed64BE(&entry, mention_id);
  return entry;
}

absl::StatusOr<std::vector<std::string_view>> SplitDocumentList(ColumnFamily family,
                                                                std::string_view key,
                                                                std::string_view value) {
  const size_t width = DocumentListEntryBytes(family);
  if (key.size() != kDocumentListKeyBytes) {
    return absl::DataLossError(absl::StrCat(ColumnFamilyName(family), ": a list key of ",
                                            key.size(), " bytes (", kDocumentListKeyBytes,
                                            " expected)"));
  }
  if (value.empty() || value.size() % width != 0) {
    return absl::DataLossError(absl::StrCat(
        ColumnFamilyName(family), ": the list of document ", DecodeFixed64BE(key.data()),
        " begun with record ", DecodeFixed64BE(key.data() + kIdBytes), " holds ", value.size(),
        " bytes, not a whole number of ", width, "-byte entries"));
  }
  std::vector<std::string_view> entries;
  entries.reserve(value.size() / width);
  for (size_t at = 0; at < value.size(); at += width) entries.push_back(value.substr(at, width));
  return entries;
}

size_t DropListEntries(ColumnFamily family, const absl::flat_hash_set<std::string>& entries,
                       std::string* value) {
  const size_t width = DocumentListEntryBytes(family);
  size_t kept = 0;
  for (size_t at = 0; at + width <= value->size(); at += width) {
    std::string_view entry(value->data() + at, width);
    if (entries.contains(absl::string_view(entry.data(), entry.size()))) continue;
    if (kept != at) std::memmove(value->data() + kept, entry.data(), width);
    kept += width;
  }
  const size_t dropped = (value->size() - kept) / width;
  value->resize(kept);
  return dropped;
}

uint64_t WalkDocumentLists(rocksdb::Iterator& lists, ColumnFamily family, ListEntryCheck check,
                           absl::FunctionRef<void(std::string problem)> report,
                           absl::flat_hash_set<std::string>* records) {
  uint64_t listed = 0;
  std::optional<NodeId> document;
  absl::flat_hash_set<std::string> entries_of_document;
  for (lists.SeekToFirst(); lists.Valid(); lists.Next()) {
    absl::StatusOr<std::vector<std::string_view>> entries =
        SplitDocumentList(family, lists.key().ToStringView(), lists.value().ToStringView());
    if (!entries.ok()) {
      report(std::string(entries.status().message()));
      continue;
    }
    const NodeId list_document = DecodeFixed64BE(lists.key().data());
    if (document != list_document) {  // A document's lists are adjacent: its id leads the key.
      document = list_document;
      entries_of_document.clear();
    }
    for (std::string_view entry : *entries) {
      if (!entries_of_document.insert(std::string(entry)).second) {
        report(absl::StrCat("document ", list_document, " lists record ",
                            DecodeFixed64BE(entry.data() + entry.size() - kIdBytes), " twice"));
        continue;
      }
      ListedRecord named = check(list_document, entry);
      if (!named.key) {
        report(std::move(named.problem));
        continue;
      }
      ++listed;
      if (records != nullptr) records->insert(*std::move(named.key));
    }
  }
  return listed;
}

}  // namespace dossier::graph
