#include "graph/format_upgrade.h"

#include <memory>
#include <string>
#include <string_view>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "graph/document_lists.h"
#include "graph/key_codec.h"
#include "graph/status_macros.h"
#include "rocksdb/write_batch.h"

namespace dossier::graph {
namespace {

constexpr char kUpgradingPrefix[] = "upgrading ";

rocksdb::WriteOptions Synced() {
  rocksdb::WriteOptions sync;
  sync.sync = true;
  return sync;
}

// Rewrites one by-document family's version-1 entries as lists. A version-1 key is the
// document followed by the entry itself, with an empty value. List keys (converted by an
// interrupted run) and keys of neither layout stay as they are.
absl::Status ListByDocumentEntries(GraphStore& store, ColumnFamily family,
                                   const UpgradeOptions& options) {
  const size_t old_key_bytes = kIdBytes + DocumentListEntryBytes(family);
  rocksdb::DB* db = store.db();
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
    if (batch.GetDataSize() < options.batch_bytes) return absl::OkStatus();
    DOSSIER_RETURN_IF_ERROR(FromRocks(db->Write(Synced(), &batch)));
    batch.Clear();
    return absl::OkStatus();
  };
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), store.cf(family)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view key = it->key().ToStringView();
    if (key.size() != old_key_bytes || !it->value().empty()) continue;
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
  if (batch.Count() > 0) DOSSIER_RETURN_IF_ERROR(FromRocks(db->Write(Synced(), &batch)));
  // A deleted key per entry would otherwise sit under every later scan of a document's lists.
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  return FromRocks(db->CompactRange(compact, store.cf(family), nullptr, nullptr));
}

}  // namespace

std::string UpgradingMarker(int from_version) {
  return absl::StrCat(kUpgradingPrefix, from_version, " to ", kFormatVersion);
}

std::optional<int> UpgradeInProgressFrom(std::string_view marker) {
  absl::string_view value(marker.data(), marker.size());
  if (!absl::ConsumePrefix(&value, kUpgradingPrefix)) return std::nullopt;
  const std::string to = absl::StrCat(" to ", kFormatVersion);
  if (!absl::ConsumeSuffix(&value, to)) return std::nullopt;
  int from = 0;
  if (!absl::SimpleAtoi(value, &from) || from < 1 || from >= kFormatVersion) return std::nullopt;
  return from;
}

absl::Status UpgradeFormat(GraphStore& store, int from_version, const UpgradeOptions& options) {
  if (from_version < 1 || from_version >= kFormatVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("database ", store.options().path, " has on-disk format version ",
                     from_version, "; this build of dossier reads versions 1 to ", kFormatVersion));
  }
  rocksdb::DB* db = store.db();
  DOSSIER_RETURN_IF_ERROR(FromRocks(
      db->Put(Synced(), store.cf(kMetaCf), kMetaFormatVersion, UpgradingMarker(from_version))));
  // from_version == 1, the only older version.
  DOSSIER_RETURN_IF_ERROR(ListByDocumentEntries(store, kEvidenceByDocCf, options));
  DOSSIER_RETURN_IF_ERROR(ListByDocumentEntries(store, kMentionsByDocCf, options));
  return FromRocks(
      db->Put(Synced(), store.cf(kMetaCf), kMetaFormatVersion, std::to_string(kFormatVersion)));
}

}  // namespace dossier::graph
