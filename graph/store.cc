#include "graph/store.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "graph/format_upgrade.h"
#include "graph/key_codec.h"
#include "graph/status_macros.h"
#include "graph/store_options.h"

namespace dossier::graph {

const char* ColumnFamilyName(ColumnFamily cf) {
  static constexpr const char* kNames[kColumnFamilyCount] = {
      "default",         "meta",      "nodes",          "node_keys", "external_ids",
      "names",           "out_edges", "in_edges",       "degrees",   "evidence",
      "evidence_by_doc", "mentions",  "mentions_by_doc"};
  return kNames[cf];
}

absl::Status FromRocksError(const rocksdb::Status& status) {
  if (status.ok()) return absl::OkStatus();
  std::string message = status.ToString();
  if (status.IsNotFound()) return absl::NotFoundError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  if (status.IsInvalidArgument()) return absl::InvalidArgumentError(message);
  if (status.IsBusy() || status.IsTryAgain()) return absl::AbortedError(message);
  if (status.IsIOError() && absl::StrContains(message, "lock")) {
    return absl::FailedPreconditionError(message);
  }
  return absl::InternalError(message);
}

GraphStore::~GraphStore() { Close().IgnoreError(); }

namespace {

// A new database: opened with its default family, the others created in one call. Letting
// DB::Open create the missing families rewrites the OPTIONS file once per family (each time
// with every family so far): about 50 ms of a first `dossier import`, and of every test.
rocksdb::Status CreateDatabase(const rocksdb::DBOptions& db_options, const std::string& path,
                               const std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors,
                               std::vector<rocksdb::ColumnFamilyHandle*>* handles,
                               rocksdb::DB** db) {
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, path, {descriptors.front()}, handles, &raw);
  if (!s.ok()) return s;
  std::unique_ptr<rocksdb::DB> opened(raw);
  std::vector<rocksdb::ColumnFamilyHandle*> created;
  s = opened->CreateColumnFamilies(
      std::vector<rocksdb::ColumnFamilyDescriptor>(descriptors.begin() + 1, descriptors.end()),
      &created);
  if (!s.ok()) {
    for (rocksdb::ColumnFamilyHandle* h : *handles) opened->DestroyColumnFamilyHandle(h);
    for (rocksdb::ColumnFamilyHandle* h : created) opened->DestroyColumnFamilyHandle(h);
    handles->clear();
    return s;
  }
  handles->insert(handles->end(), created.begin(), created.end());
  *db = opened.release();
  return s;
}

// Removes the work directories (kIngestionDirPrefix, kBulkLoadDirPrefix) that a crashed writer
// left: a bulk load's spilled runs can be gigabytes.
void RemoveStaleWorkDirectories(const std::string& db_path) {
  std::error_code ec;
  std::filesystem::directory_iterator it(db_path, ec);
  if (ec) return;
  std::vector<std::filesystem::path> stale;
  for (const std::filesystem::directory_entry& entry : it) {
    const std::string name = entry.path().filename().string();
    if (entry.is_directory(ec) && (absl::StartsWith(name, kIngestionDirPrefix) ||
                                   absl::StartsWith(name, kBulkLoadDirPrefix))) {
      stale.push_back(entry.path());
    }
  }
  for (const std::filesystem::path& path : stale) std::filesystem::remove_all(path, ec);
}

}  // namespace

absl::StatusOr<std::unique_ptr<GraphStore>> GraphStore::Open(const GraphOptions& options) {
  if (options.path.empty()) return absl::InvalidArgumentError("database path is empty");
  std::unique_ptr<GraphStore> store(new GraphStore());
  store->options_ = options;

  StoreOptions built = BuildStoreOptions(options);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (int i = 0; i < kColumnFamilyCount; ++i) {
    descriptors.emplace_back(ColumnFamilyName(static_cast<ColumnFamily>(i)),
                             built.column_families[i]);
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  if (options.read_only_secondary) {
    if (!std::filesystem::exists(std::filesystem::path(options.path) / "CURRENT")) {
      return absl::NotFoundError(absl::StrCat("no database at ", options.path));
    }
    std::string secondary = options.secondary_path;
    if (secondary.empty()) {
      // A directory of its own, removed on close: named after the process, every read-only
      // command left one behind, and two opens in one process shared their logs.
      std::error_code error;
      std::filesystem::path tmp = std::filesystem::temp_directory_path(error);
      if (error) tmp = "/tmp";
      std::string name = (tmp / "dossier-secondary-XXXXXX").string();
      if (::mkdtemp(name.data()) == nullptr) {
        return absl::InternalError(
            absl::StrCat("creating a directory for the read-only open's logs (", name,
                         "): ", std::strerror(errno)));
      }
      secondary = name;
      store->owned_secondary_dir_ = secondary;
    }
    built.db.max_open_files = -1;  // Required by secondary instances.
    s = rocksdb::DB::OpenAsSecondary(built.db, options.path, secondary, descriptors, &handles,
                                     &raw);
  } else {
    const bool exists = std::filesystem::exists(std::filesystem::path(options.path) / "CURRENT");
    if (!options.create_if_missing && !exists) {
      return absl::NotFoundError(absl::StrCat("no database at ", options.path));
    }
    if (exists) {
      s = rocksdb::DB::Open(built.db, options.path, descriptors, &handles, &raw);
    } else {
      s = CreateDatabase(built.db, options.path, descriptors, &handles, &raw);
    }
  }
  if (!s.ok()) {
    absl::Status status = FromRocks(s);
    if (absl::IsFailedPrecondition(status)) {
      return absl::FailedPreconditionError(absl::StrCat(
          "database ", options.path,
          " is locked by another process (a running `dossier serve`?): stop it, send the "
          "command through the server with --server HOST:PORT, or open a read-only snapshot "
          "with --read-only"));
    }
    return absl::Status(status.code(),
                        absl::StrCat("opening database ", options.path, ": ", status.message()));
  }
  store->db_.reset(raw);
  for (int i = 0; i < kColumnFamilyCount; ++i) store->handles_[i] = handles[i];
  // RocksDB's lock is held from here: no other process is writing into this directory.
  if (!options.read_only_secondary) RemoveStaleWorkDirectories(options.path);
  if (absl::Status st = store->LoadMeta(); !st.ok()) return st;
  return store;
}

absl::Status GraphStore::LoadMeta() {
  rocksdb::ReadOptions ro;
  std::string value;
  rocksdb::Status s = db_->Get(ro, cf(kMetaCf), kMetaFormatVersion, &value);
  if (s.IsNotFound()) {
    if (read_only()) return absl::FailedPreconditionError("database has no format version");
    rocksdb::WriteOptions wo;
    wo.sync = true;
    s = db_->Put(wo, cf(kMetaCf), kMetaFormatVersion, std::to_string(kFormatVersion));
    if (!s.ok()) return FromRocks(s);
  } else if (!s.ok()) {
    return FromRocks(s);
  } else if (value != std::to_string(kFormatVersion)) {
    int version = 0;
    const std::optional<int> interrupted = UpgradeInProgressFrom(value);
    if (interrupted) {
      version = *interrupted;
    } else if (!absl::SimpleAtoi(value, &version) || version < 1 || version > kFormatVersion) {
      return absl::FailedPreconditionError(
          absl::StrCat("database ", options_.path, " has on-disk format version ", value,
                       "; this build of dossier reads versions 1 to ", kFormatVersion));
    }
    if (read_only()) {
      return absl::FailedPreconditionError(absl::StrCat(
          "database ", options_.path, " has on-disk format version ", version,
          interrupted ? " and an upgrade from it was interrupted" : "",
          "; this build upgrades it to version ", kFormatVersion,
          " when it opens it for writing (any command without --read-only, such as `dossier "
          "serve`), which a read-only open cannot do"));
    }
    DOSSIER_RETURN_IF_ERROR(
        UpgradeFormat(*this, version, {.batch_bytes = options_.upgrade_batch_bytes}));
    upgraded_from_format_ = version;
  }
  s = db_->Get(ro, cf(kMetaCf), kMetaNextNodeId, &value);
  if (s.ok() && value.size() == 8) next_node_id = DecodeFixed64BE(value.data());
  s = db_->Get(ro, cf(kMetaCf), kMetaNextRecordId, &value);
  if (s.ok() && value.size() == 8) next_record_id = DecodeFixed64BE(value.data());
  return ReloadTypes();
}

absl::Status GraphStore::ReloadTypes() {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), cf(kMetaCf)));
  for (auto [prefix, registry] : {std::pair{std::string_view(kMetaNodeTypePrefix), &node_types_},
                                  std::pair{std::string_view(kMetaEdgeTypePrefix), &edge_types_}}) {
    for (it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
         it->Valid() && it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size()));
         it->Next()) {
      if (it->value().size() != 4) return absl::DataLossError("corrupt type entry in meta");
      std::string_view name(it->key().data() + prefix.size(), it->key().size() - prefix.size());
      registry->Insert(name, DecodeFixed32BE(it->value().data()));
    }
  }
  return FromRocks(it->status());
}

void GraphStore::SetBeforeWriteHookForTesting(std::function<absl::Status()> hook) {
  std::lock_guard<std::mutex> lock(before_write_hook_mutex_);
  before_write_hook_ = std::move(hook);
}

absl::Status GraphStore::RunBeforeWriteHook() {
  std::function<absl::Status()> hook;
  {
    std::lock_guard<std::mutex> lock(before_write_hook_mutex_);
    hook = before_write_hook_;
  }
  return hook ? hook() : absl::OkStatus();
}

// Every family's memtable is written to disk before closing, so that the next process opens
// without replaying a log. RocksDB flushes a list of families one after another, each awaited,
// which left one core idle for the last tenth of a 600-letter import: the flushes are all
// requested first (two flush threads), then awaited. Flushed that way, some family can still
// claim the oldest log, and close left it holding writes (28 closes in 80 under load,
// tests/graph/persistence_test.cc): RocksDB moves an emptied family's claim forward only when
// a memtable switches to a new log. One small write to `meta` and its flush make that switch
// after every other flush has landed, and the old logs are then deleted (0 in 300).
absl::Status GraphStore::FlushAllForClose() {
  std::vector<rocksdb::ColumnFamilyHandle*> all(handles_.begin(), handles_.end());
  bool unflushed = false;
  for (rocksdb::ColumnFamilyHandle* h : all) {
    uint64_t entries = 0, immutable = 0;
    db_->GetIntProperty(h, rocksdb::DB::Properties::kNumEntriesActiveMemTable, &entries);
    db_->GetIntProperty(h, rocksdb::DB::Properties::kNumImmutableMemTable, &immutable);
    unflushed = unflushed || entries > 0 || immutable > 0;
  }
  if (!unflushed) return absl::OkStatus();  // Nothing to write, and no log to move past.
  rocksdb::FlushOptions start;
  start.wait = false;
  for (rocksdb::ColumnFamilyHandle* h : all)
    DOSSIER_RETURN_IF_ERROR(FromRocks(db_->Flush(start, h)));
  DOSSIER_RETURN_IF_ERROR(FromRocks(db_->Flush(rocksdb::FlushOptions(), all)));
  // The value it already holds (whatever it is): the write only makes the memtable switch.
  std::string version;
  DOSSIER_RETURN_IF_ERROR(
      FromRocks(db_->Get(rocksdb::ReadOptions(), cf(kMetaCf), kMetaFormatVersion, &version)));
  DOSSIER_RETURN_IF_ERROR(
      FromRocks(db_->Put(rocksdb::WriteOptions(), cf(kMetaCf), kMetaFormatVersion, version)));
  return FromRocks(db_->Flush(rocksdb::FlushOptions(), cf(kMetaCf)));
}

absl::Status GraphStore::Close() {
  absl::Status result;
  if (db_) {
    if (!read_only()) result = FlushAllForClose();
    for (rocksdb::ColumnFamilyHandle*& h : handles_) {
      if (h != nullptr) db_->DestroyColumnFamilyHandle(h);
      h = nullptr;
    }
    rocksdb::Status s = db_->Close();
    if (result.ok() && !s.ok()) result = FromRocks(s);
    db_.reset();
  }
  if (!owned_secondary_dir_.empty()) {
    std::error_code ignored;  // A leftover temporary directory is not worth failing a close.
    std::filesystem::remove_all(owned_secondary_dir_, ignored);
    owned_secondary_dir_.clear();
  }
  return result;
}

}  // namespace dossier::graph
