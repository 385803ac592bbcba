#include "graph/record_checks.h"

#include <memory>
#include <optional>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "graph/document_lists.h"
#include "graph/internal/records.pb.h"

namespace dossier::graph {
namespace {

std::unique_ptr<rocksdb::Iterator> Iter(const RecordCheckContext& c, ColumnFamily family) {
  return std::unique_ptr<rocksdb::Iterator>(
      c.store->db()->NewIterator(*c.read_options, c.store->cf(family)));
}

bool Exists(const RecordCheckContext& c, ColumnFamily family, const rocksdb::Slice& key,
            std::string* value = nullptr) {
  std::string scratch;
  rocksdb::Status s = c.store->db()->Get(*c.read_options, c.store->cf(family), key,
                                         value != nullptr ? value : &scratch);
  if (!s.ok() && !s.IsNotFound()) c.violation("readable", s.ToString());
  return s.ok();
}

// The walk of a by-document family's lists, reporting through the context unless it only collects
// the keys the lists name (`records`).
uint64_t CheckDocumentLists(const RecordCheckContext& c, ColumnFamily family, const char* kind,
                            ListEntryCheck check,
                            absl::flat_hash_set<std::string>* records = nullptr) {
  auto it = Iter(c, family);
  auto report = [&](std::string problem) {
    if (records == nullptr) c.violation(kind, std::move(problem));
  };
  uint64_t listed = WalkDocumentLists(*it, family, check, report, records);
  if (records == nullptr && !it->status().ok()) c.violation("readable", it->status().ToString());
  return listed;
}

}  // namespace

uint64_t CheckEvidenceRecords(const RecordCheckContext& c) {
  auto check = [&](NodeId document, std::string_view entry) -> ListedRecord {
    const uint64_t id = DecodeFixed64BE(entry.data() + kAdjacencyKeyBytes);
    std::string value;
    if (!Exists(c, kEvidenceCf, rocksdb::Slice(entry.data(), entry.size()), &value)) {
      return {std::nullopt,
              absl::StrCat("document ", document, " lists record ", id, ", which is not there")};
    }
    internal::EvidenceRecord record;
    if (record.ParseFromString(value) && record.document() != document) {
      return {std::nullopt, absl::StrCat("document ", document, " lists evidence ", id,
                                         " of document ", record.document())};
    }
    return {std::string(entry), ""};
  };
  const uint64_t listed = CheckDocumentLists(c, kEvidenceByDocCf, "evidence-by-document", check);
  uint64_t count = 0;
  auto it = Iter(c, kEvidenceCf);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++count;
    rocksdb::Slice key = it->key();
    if (key.size() != kAdjacencyKeyBytes + kIdBytes) {
      c.violation("evidence-key", "evidence key has the wrong size");
      continue;
    }
    uint64_t id = DecodeFixed64BE(key.data() + kAdjacencyKeyBytes);
    if (id >= c.next_record_id) {
      c.violation("id-allocation", absl::StrCat("evidence ", id, " beyond next_record_id"));
    }
    internal::EvidenceRecord record;
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      c.violation("evidence-record", absl::StrCat("evidence ", id, " does not decode"));
      continue;
    }
    if (!Exists(c, kOutEdgesCf, rocksdb::Slice(key.data(), kAdjacencyKeyBytes))) {
      c.violation("evidence-edge", absl::StrCat("evidence ", id, " belongs to a missing edge"));
    }
    // Among the nodes the nodes pass decoded, as for edges' endpoints: a document's record read
    // and decoded for each of its statements was most of the check of an imported corpus (3,000
    // letters: 4.3 s of 7.4).
    if (!c.node_decoded(record.document())) {
      c.violation("evidence-document",
                  absl::StrCat("evidence ", id, " cites missing document ", record.document()));
    }
  }
  if (!it->status().ok()) c.violation("readable", it->status().ToString());
  if (listed == count) return count;
  // Some record is in no list: a second pass names it, holding every listed key.
  absl::flat_hash_set<std::string> records;
  CheckDocumentLists(c, kEvidenceByDocCf, "evidence-by-document", check, &records);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != kAdjacencyKeyBytes + kIdBytes ||
        records.contains(it->key().ToString())) {
      continue;
    }
    c.violation("evidence-by-document",
                absl::StrCat("evidence ", DecodeFixed64BE(it->key().data() + kAdjacencyKeyBytes),
                             " is not in the by-document index"));
  }
  return count;
}

void CheckMentionRecords(const RecordCheckContext& c) {
  // A mention's key holds its document: an entry that names an existing key belongs.
  auto check = [&](NodeId document, std::string_view entry) -> ListedRecord {
    const uint64_t id = DecodeFixed64BE(entry.data() + kIdBytes);
    std::string key = MentionKey(DecodeFixed64BE(entry.data()), document, id);
    if (Exists(c, kMentionsCf, key)) return {std::move(key), ""};
    return {std::nullopt,
            absl::StrCat("document ", document, " lists record ", id, ", which is not there")};
  };
  const uint64_t listed = CheckDocumentLists(c, kMentionsByDocCf, "mention-by-document", check);
  uint64_t mentions = 0;
  auto it = Iter(c, kMentionsCf);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++mentions;
    rocksdb::Slice key = it->key();
    if (key.size() != 3 * kIdBytes) {
      c.violation("mention-key", "mention key has the wrong size");
      continue;
    }
    NodeId node = DecodeFixed64BE(key.data());
    NodeId doc = DecodeFixed64BE(key.data() + kIdBytes);
    uint64_t id = DecodeFixed64BE(key.data() + 2 * kIdBytes);
    if (!c.node_decoded(node) || !c.node_decoded(doc)) {
      c.violation("mention-endpoint", absl::StrCat("mention ", id, " of node ", node, " in ", doc,
                                                   " has a missing node"));
    }
  }
  if (!it->status().ok()) c.violation("readable", it->status().ToString());
  if (listed == mentions) return;
  absl::flat_hash_set<std::string> records;
  CheckDocumentLists(c, kMentionsByDocCf, "mention-by-document", check, &records);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != 3 * kIdBytes || records.contains(it->key().ToString())) continue;
    c.violation("mention-by-document",
                absl::StrCat("mention ", DecodeFixed64BE(it->key().data() + 2 * kIdBytes),
                             " is not in the by-document index"));
  }
}

}  // namespace dossier::graph
