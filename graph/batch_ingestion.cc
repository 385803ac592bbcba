#include "graph/batch_ingestion.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "graph/store.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"

namespace dossier::graph {
namespace {

constexpr char kIngestionDirPrefix[] = "ingest-";

// Removes the batch's directory however the ingestion ends. With move_files RocksDB links the
// files into the database, so the directory's own links are no longer needed once it returns.
class ScopedDirectory {
 public:
  explicit ScopedDirectory(std::string path) : path_(std::move(path)) {}
  ~ScopedDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScopedDirectory(const ScopedDirectory&) = delete;
  ScopedDirectory& operator=(const ScopedDirectory&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// One family's file: opened at its first entry, so that a family the batch does not touch gets
// none (RocksDB refuses to finish a file without entries).
struct FamilyFile {
  ColumnFamily family;
  std::string path;
  std::unique_ptr<rocksdb::SstFileWriter> writer;
};

// The family's options, except that the file is compressed with its fast compression: the
// bottommost one (ZSTD) is slower to write and a later compaction applies it anyway, as in the
// bulk load.
rocksdb::Options FileOptions(GraphStore* store, ColumnFamily family) {
  rocksdb::Options options = store->db()->GetOptions(store->cf(family));
  options.bottommost_compression = options.compression;
  return options;
}

}  // namespace

absl::Status IngestStagedBatch(GraphStore* store, const PendingWrites& writes) {
  static std::atomic<uint64_t> batches{0};
  ScopedDirectory dir(absl::StrCat(store->options().path, "/", kIngestionDirPrefix, ::getpid(), "-",
                                   batches.fetch_add(1)));
  std::error_code ec;
  std::filesystem::create_directories(dir.path(), ec);
  if (ec) {
    return absl::InternalError(
        absl::StrCat("ingesting a batch: cannot create ", dir.path(), ": ", ec.message()));
  }
  std::vector<FamilyFile> files;
  rocksdb::Status written;
  // ForEach goes in (family, key) order: each family's keys come sorted, as the writer needs.
  writes.ForEach([&](int family, std::string_view key, const std::string* value) {
    if (!written.ok()) return;
    if (files.empty() || files.back().family != family) {
      FamilyFile& file = files.emplace_back();
      file.family = static_cast<ColumnFamily>(family);
      file.path = absl::StrCat(dir.path(), "/", ColumnFamilyName(file.family), ".sst");
      file.writer = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(),
                                                             FileOptions(store, file.family));
      written = file.writer->Open(file.path);
      if (!written.ok()) return;
    }
    rocksdb::SstFileWriter& writer = *files.back().writer;
    written = value != nullptr ? writer.Put(key, *value) : writer.Delete(key);
  });
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (FamilyFile& file : files) {
    if (written.ok()) written = file.writer->Finish();
    file.writer.reset();
    if (!written.ok()) break;
    rocksdb::IngestExternalFileArg& arg = args.emplace_back();
    arg.column_family = store->cf(file.family);
    arg.external_files = {file.path};
    arg.options.move_files = true;
    arg.options.allow_global_seqno = true;
    // Keys this process wrote through the log may still be in a memtable: RocksDB flushes it
    // first, so that the ingested values are the newer ones.
    arg.options.allow_blocking_flush = true;
  }
  if (written.ok() && !args.empty()) written = store->db()->IngestExternalFiles(args);
  if (!written.ok()) {
    absl::Status status = FromRocks(written);
    return absl::Status(status.code(), absl::StrCat("ingesting a batch: ", status.message()));
  }
  return absl::OkStatus();
}

void RemoveStaleIngestionFiles(const std::string& db_path) {
  std::error_code ec;
  std::filesystem::directory_iterator it(db_path, ec);
  if (ec) return;
  std::vector<std::filesystem::path> stale;
  for (const std::filesystem::directory_entry& entry : it) {
    if (entry.is_directory(ec) &&
        absl::StartsWith(entry.path().filename().string(), kIngestionDirPrefix)) {
      stale.push_back(entry.path());
    }
  }
  for (const std::filesystem::path& path : stale) std::filesystem::remove_all(path, ec);
}

}  // namespace dossier::graph
