#include "graph/document_lists.h"

#include <cstring>

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

}  // namespace dossier::graph
