// The by-document indexes, `evidence_by_doc` and `mentions_by_doc`: what each document stated
// and mentioned, so that removing or re-importing a letter finds its statements without a scan.
//
// A document's entries are kept as lists under it, a few keys a document (one for each write
// batch that stated something in it; one in all for a document an upgrade converted), instead of
// one key an entry: a letter states about 130 things and mentions about 90, and a key costs the
// writer, the memtable and the flush far more than the bytes of an entry (a 600-letter import:
// 6% less CPU and 5% less time than with a key an entry).
//
// Key: [document][the record id of the entry the list was begun with (an upgrade begins it with
// the first in key order)]; ids are never reused, so a new list's key is new. Value: entries,
// fixed-width, in the order they were listed:
// - evidence_by_doc: the evidence's own key, [src][edge type][dst][evidence id];
// - mentions_by_doc: [node][mention id].
// A list that loses its last entry is deleted, so a document lists something iff a key has its
// prefix.
#ifndef DOSSIER_GRAPH_DOCUMENT_LISTS_H_
#define DOSSIER_GRAPH_DOCUMENT_LISTS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "graph/key_codec.h"
#include "graph/store.h"
#include "rocksdb/iterator.h"

namespace dossier::graph {

inline constexpr size_t kDocumentListKeyBytes = 2 * kIdBytes;
inline constexpr size_t kEvidenceListEntryBytes = kAdjacencyKeyBytes + kIdBytes;
inline constexpr size_t kMentionListEntryBytes = 2 * kIdBytes;

// The entry width of a by-document family: kEvidenceByDocCf or kMentionsByDocCf.
size_t DocumentListEntryBytes(ColumnFamily family);

std::string DocumentListKey(NodeId document, uint64_t first_id);

std::string MentionListEntry(NodeId node, uint64_t mention_id);

// A list's entries, as views into `value`. DATA_LOSS, naming the family and the key, when the
// key is not a list key or the value is empty or not a whole number of entries.
absl::StatusOr<std::vector<std::string_view>> SplitDocumentList(ColumnFamily family,
                                                                std::string_view key,
                                                                std::string_view value);

// Drops from a list's value every entry in `entries`; returns how many it dropped. The value is
// assumed well formed (SplitDocumentList checked it).
size_t DropListEntries(ColumnFamily family, const absl::flat_hash_set<std::string>& entries,
                       std::string* value);

// ---- Checking (`dossier check`) ------------------------------------------------------------

// What a list entry names: the key of the record it names when that record exists and belongs
// to the list's document; else what is wrong with the entry.
struct ListedRecord {
  std::optional<std::string> key;
  std::string problem;
};
using ListEntryCheck = absl::FunctionRef<ListedRecord(NodeId document, std::string_view entry)>;

// Goes through the lists of `family` that `lists` iterates over: every entry must name a record
// that exists and belongs to the list's document (`check`), and no document may list one twice;
// each fault goes to `report`. Returns how many entries passed: distinct records, since a record
// belongs to one document, so the count equals the family's records iff each is listed once.
// Holds one document's entries at a time, unless `records` collects the keys of all those named.
uint64_t WalkDocumentLists(rocksdb::Iterator& lists, ColumnFamily family, ListEntryCheck check,
                           absl::FunctionRef<void(std::string problem)> report,
                           absl::flat_hash_set<std::string>* records = nullptr);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_DOCUMENT_LISTS_H_
