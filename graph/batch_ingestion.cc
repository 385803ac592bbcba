#include "graph/batch_ingestion.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/sst_sink.h"
#include "graph/store.h"
#include "rocksdb/options.h"
#include "rocksdb/sst_file_writer.h"

namespace dossier::graph {
namespace {

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

// One family's file, written by whichever of the writing threads takes it.
struct FamilyFile {
  ColumnFamily family = kDefaultCf;
  size_t entries = 0;
  std::string path;
  rocksdb::Status written;
};

// Threads that write the files: a commit's last batch is written while nothing else runs (the
// letters are all extracted), so a second thread halves its time; a batch written in the
// background costs the same CPU either way.
constexpr int kWritingThreads = 2;

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
  // Families the batch touches, the largest first so that the two threads end together.
  std::vector<FamilyFile> files(kColumnFamilyCount);
  for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
    files[cf].entries = writes.CountIn(cf);
    files[cf].family = static_cast<ColumnFamily>(cf);
    files[cf].path = absl::StrCat(dir.path(), "/", ColumnFamilyName(files[cf].family), ".sst");
  }
  std::erase_if(files, [](const FamilyFile& file) { return file.entries == 0; });
  std::sort(files.begin(), files.end(),
            [](const FamilyFile& a, const FamilyFile& b) { return a.entries > b.entries; });
  writes.Order();  // Before the threads below read it in key order at once.
  std::atomic<size_t> next{0};
  auto write_files = [&] {
    for (size_t i = next.fetch_add(1); i < files.size(); i = next.fetch_add(1)) {
      FamilyFile& file = files[i];
      // Kept in the page cache: the writer reads recurring people and their counters back from
      // the files of the batches before, and each page dropped was a read that waited for the
      // disk (0.2 s of a 3,000-letter import's writer, blocked in pread).
      rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), SstFileOptions(store, file.family),
                                    /*column_family=*/nullptr, /*invalidate_page_cache=*/false);
      file.written = writer.Open(file.path);
      if (!file.written.ok()) continue;
      // ForEachIn goes in key order, as the writer needs.
      writes.ForEachIn(file.family, [&](std::string_view key, const std::string* value) {
        if (!file.written.ok()) return;
        file.written = value != nullptr ? writer.Put(key, *value) : writer.Delete(key);
      });
      if (file.written.ok()) file.written = writer.Finish();
    }
  };
  std::vector<std::thread> helpers;
  for (int t = 1; t < kWritingThreads && t < static_cast<int>(files.size()); ++t) {
    helpers.emplace_back(write_files);
  }
  write_files();
  for (std::thread& helper : helpers) helper.join();

  rocksdb::Status written;
  std::vector<rocksdb::IngestExternalFileArg> args;
  std::sort(files.begin(), files.end(),
            [](const FamilyFile& a, const FamilyFile& b) { return a.family < b.family; });
  for (const FamilyFile& file : files) {
    written = file.written;
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

}  // namespace dossier::graph
