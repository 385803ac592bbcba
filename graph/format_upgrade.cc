#include "graph/format_upgrade.h"

#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/str_cat.h"
#include "graph/document_lists.h"
#include "graph/key_codec.h"
#include "graph/status_macros.h"
#include "rocksdb/write_batch.h"

namespace dossier::graph {
namespace {

// A batch is written once it holds this much, between two documents.
constexpr size_t kBatchBytes = 4 << 20;

// Rewrites one by-document family's version-1 entries as lists. A version-1 key is the
// document followed by the entry itself; keys already of list size were converted by an
// earlier, interrupted run and stay as they are.
absl::Status ListByDocumentEntries(GraphStore& store, ColumnFamily family) {
  const size_t old_key_bytes = kIdBytes + DocumentListEntryBytes(family);
  rocksdb::DB* db = store.db();
  rocksdb::WriteOptions sync;
  sync.sync = true;
  rocksdb::WriteBatch batch;
  std::string document;  // The document whose entries `list` collects.
  std::string first_id;
  std::string list;
  auto end_document = [&]() -> absl::Status {
    if (list.empty()) return absl::OkStatus();
    DOSSIER_RETURN_IF_ERROR(FromRocks(batch.Put(
        store.cf(family),
        DocumentListKey(DecodeFixed64BE(document.data()), DecodeFixed64BE(first_id.data())),
        list)));
    list.clear();
    if (batch.GetDataSize() < kBatchBytes) return absl::OkStatus();
    DOSSIER_RETURN_IF_ERROR(FromRocks(db->Write(sync, &batch)));
    batch.Clear();
    return absl::OkStatus();
  };
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), store.cf(family)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key = it->key().ToStringView();
    if (key.size() == kDocumentListKeyBytes) continue;
    if (key.size() != old_key_bytes || !it->value().empty()) {
      return absl::DataLossError(absl::StrCat(
          "upgrading ", ColumnFamilyName(family), " to format version ", kFormatVersion,
          ": an entry with a ", key.size(), "-byte key and a ", it->value().size(),
          "-byte value (version 1 wrote ", old_key_bytes, "-byte keys with empty values)"));
    }
    if (list.empty() || key.substr(0, kIdBytes) != document) {
      DOSSIER_RETURN_IF_ERROR(end_document());
      document = key.substr(0, kIdBytes);
      first_id = key.substr(key.size() - kIdBytes);
    }
    list.append(key.substr(kIdBytes));
    DOSSIER_RETURN_IF_ERROR(FromRocks(batch.Delete(store.cf(family), it->key())));
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  DOSSIER_RETURN_IF_ERROR(end_document());
  if (batch.Count() > 0) DOSSIER_RETURN_IF_ERROR(FromRocks(db->Write(sync, &batch)));
  return absl::OkStatus();
}

}  // namespace

absl::Status UpgradeFormat(GraphStore& store, int from_version) {
  if (from_version < 1 || from_version >= kFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", store.options().path, " has on-disk format version ",
                     from_version, "; this build of dossier reads versions 1 to ", kFormatVersion));
  }
  // from_version == 1, the only older version.
  DOSSIER_RETURN_IF_ERROR(ListByDocumentEntries(store, kEvidenceByDocCf));
  DOSSIER_RETURN_IF_ERROR(ListByDocumentEntries(store, kMentionsByDocCf));
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return FromRocks(
      store.db()->Put(sync, store.cf(kMetaCf), kMetaFormatVersion, std::to_string(kFormatVersion)));
}

}  // namespace dossier::graph
