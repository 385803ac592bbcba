// Large commits written as ingested SST files (graph/batch_ingestion.h) must leave exactly what
// the same commits leave through the write-ahead log.
#include "graph/batch_ingestion.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/store.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

using FamilyContents = std::vector<std::pair<std::string, std::string>>;

class BatchIngestionTest : public ::testing::Test {
 protected:
  std::unique_ptr<Graph> Open(const std::string& name, size_t ingest_batch_min_keys) {
    GraphOptions options;
    options.path = dir_.Sub(name);
    options.block_cache_bytes = 8 << 20;
    options.write_buffer_bytes = 4 << 20;
    options.ingest_batch_min_keys = ingest_batch_min_keys;
    auto graph = Graph::Open(options);
    EXPECT_TRUE(graph.ok()) << graph.status();
    return graph.ok() ? std::move(*graph) : nullptr;
  }

  static void ExpectClean(Graph& graph) {
    CheckReport report = CheckGraph(*graph.NewReadView());
    EXPECT_TRUE(report.ok()) << report.violation_count << " violations, first: "
                             << (report.violations.empty() ? "" : report.violations[0].detail);
  }

  // Letters naming people, with evidence and mentions, in three batches: one committed in the
  // background while the next is staged on top of it, then a foreground commit that also
  // removes a document and deletes a node stated earlier (tombstones in the batch), then a
  // transaction that states again what was removed.
  static void Apply(Graph& graph) {
    auto txn = graph.BeginWrite();
    ASSERT_TRUE(txn.ok()) << txn.status();
    std::vector<NodeId> letters, people;
    auto state_letter = [&](int i) {
      auto letter = (*txn)->UpsertNode({.type = "Letter",
                                        .key = absl::StrCat("letter-", i),
                                        .name = absl::StrCat("Letter ", i)});
      ASSERT_TRUE(letter.ok()) << letter.status();
      letters.push_back(*letter);
      for (int p = 0; p < 6; ++p) {
        // People recur across letters, as signatories do.
        const int who = (i * 3 + p) % 20;
        auto person = (*txn)->UpsertNode({.type = kPerson,
                                          .key = absl::StrCat("person-", who),
                                          .name = absl::StrCat("Person Number ", who)},
                                         UpsertMode::kAccumulate);
        ASSERT_TRUE(person.ok()) << person.status();
        if (i == 0) people.push_back(*person);
        Evidence evidence{.document = *letter,
                          .start = static_cast<uint64_t>(10 * p),
                          .end = static_cast<uint64_t>(10 * p + 8),
                          .text = absl::StrCat("signed by ", who),
                          .rule = "test"};
        ASSERT_TRUE(
            (*txn)->UpsertEdgeWithEvidence({*person, "signed", *letter}, {}, evidence).ok());
        ASSERT_TRUE((*txn)
                        ->AddMention({.node = *person,
                                      .document = *letter,
                                      .start = evidence.start,
                                      .end = evidence.end,
                                      .surface = absl::StrCat("Person Number ", who)})
                        .ok());
      }
    };
    for (int i = 0; i < 8; ++i) state_letter(i);
    ASSERT_TRUE((*txn)->CommitStagedInBackground().ok());
    for (int i = 8; i < 16; ++i) state_letter(i);
    auto removed = (*txn)->RemoveDocument(letters[2]);
    ASSERT_TRUE(removed.ok()) << removed.status();
    EXPECT_GT(removed->evidence_removed, 0u);
    ASSERT_TRUE((*txn)->DeleteNode(people[1]).ok());
    ASSERT_TRUE((*txn)->Commit().ok());

    auto again = graph.BeginWrite();
    ASSERT_TRUE(again.ok()) << again.status();
    txn = std::move(again);
    state_letter(2);
    ASSERT_TRUE((*txn)->Commit().ok());
  }

  testing::TempDir dir_;
};

TEST_F(BatchIngestionTest, IngestedCommitsLeaveWhatLoggedCommitsLeave) {
  std::unique_ptr<Graph> logged = Open("logged", /*ingest_batch_min_keys=*/0);
  std::unique_ptr<Graph> ingested = Open("ingested", /*ingest_batch_min_keys=*/1);
  ASSERT_NE(logged, nullptr);
  ASSERT_NE(ingested, nullptr);
  Apply(*logged);
  Apply(*ingested);
  // Through the log the keys sit in memtables; ingested, they are in SST files.
  uint64_t logged_files = 0, ingested_files = 0;
  logged->store()->db()->GetIntProperty(logged->store()->cf(kOutEdgesCf),
                                        "rocksdb.num-files-at-level0", &logged_files);
  std::vector<rocksdb::LiveFileMetaData> files;
  ingested->store()->db()->GetLiveFilesMetaData(&files);
  ingested_files = files.size();
  EXPECT_EQ(logged_files, 0u);
  EXPECT_GT(ingested_files, 0u);

  const auto logged_contents = DumpFamilies(*logged);
  const auto ingested_contents = DumpFamilies(*ingested);
  for (const auto& [family, contents] : logged_contents) {
    EXPECT_EQ(contents, ingested_contents.at(family)) << "column family " << family;
  }
  EXPECT_FALSE(logged_contents.at("evidence").empty());
  ExpectClean(*logged);
  ExpectClean(*ingested);
}

TEST_F(BatchIngestionTest, IngestedCommitSurvivesReopenAndLeavesNoFilesBehind) {
  std::map<std::string, FamilyContents> before;
  {
    std::unique_ptr<Graph> graph = Open("db", 1);
    ASSERT_NE(graph, nullptr);
    Apply(*graph);
    before = DumpFamilies(*graph);
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("db"))) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("ingest-")) << entry.path();
  }
  std::unique_ptr<Graph> reopened = Open("db", 1);
  ASSERT_NE(reopened, nullptr);
  EXPECT_EQ(DumpFamilies(*reopened), before);
  ExpectClean(*reopened);
}

TEST_F(BatchIngestionTest, SmallCommitsStayOnTheLog) {
  std::unique_ptr<Graph> graph = Open("db", /*ingest_batch_min_keys=*/1000);
  ASSERT_NE(graph, nullptr);
  auto txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->UpsertNode({.type = kPerson, .key = "a", .name = "Anna Example"}).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  std::vector<rocksdb::LiveFileMetaData> files;
  graph->store()->db()->GetLiveFilesMetaData(&files);
  EXPECT_TRUE(files.empty()) << files.size() << " files";
}

TEST_F(BatchIngestionTest, AReaderPinnedBeforeAnIngestedCommitDoesNotSeeIt) {
  std::unique_ptr<Graph> graph = Open("db", 1);
  ASSERT_NE(graph, nullptr);
  auto txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok());
  auto anna = (*txn)->UpsertNode({.type = kPerson, .key = "a", .name = "Anna Example"});
  ASSERT_TRUE(anna.ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  std::unique_ptr<ReadView> before = graph->NewReadView();

  txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok());
  auto ben = (*txn)->UpsertNode({.type = kPerson, .key = "b", .name = "Ben Example"});
  ASSERT_TRUE(ben.ok());
  ASSERT_TRUE((*txn)->DeleteNode(*anna).ok());
  ASSERT_TRUE((*txn)->Commit().ok());

  EXPECT_TRUE(before->GetNode(*anna).ok());
  EXPECT_TRUE(absl::IsNotFound(before->GetNode(*ben).status()));
  std::unique_ptr<ReadView> after = graph->NewReadView();
  EXPECT_GT(after->sequence(), before->sequence());
  EXPECT_TRUE(absl::IsNotFound(after->GetNode(*anna).status()));
  EXPECT_TRUE(after->GetNode(*ben).ok());
}

// The share of `path`'s pages in the page cache, or -1 when that cannot be told.
double ResidentShare(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return -1;
  const off_t size = ::lseek(fd, 0, SEEK_END);
  void* map = size > 0 ? ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0) : MAP_FAILED;
  ::close(fd);
  if (map == MAP_FAILED) return -1;
  const long page = ::sysconf(_SC_PAGESIZE);
  std::vector<unsigned char> resident((size + page - 1) / page);
  const int got = ::mincore(map, size, resident.data());
  ::munmap(map, size);
  if (got != 0) return -1;
  size_t in_cache = 0;
  for (unsigned char r : resident) in_cache += r & 1;
  return static_cast<double>(in_cache) / resident.size();
}

// Whether this file system drops a clean file's pages when asked to, as SstFileWriter asks by
// default: on tmpfs it cannot, and the test below would prove nothing.
bool PageCacheCanBeDropped(const std::string& dir) {
  const std::string probe = dir + "/page-cache-probe";
  {
    std::ofstream out(probe, std::ios::binary);
    out << std::string(1 << 20, 'x');
  }
  const int fd = ::open(probe.c_str(), O_RDONLY);
  if (fd < 0) return false;
  ::fdatasync(fd);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  ::close(fd);
  const double share = ResidentShare(probe);
  std::filesystem::remove(probe);
  return share >= 0 && share < 0.5;
}

// The writer reads back what the batches before it wrote (recurring people, their counters).
// SstFileWriter drops the pages it wrote from the page cache unless told not to, and each such
// read then waited for the disk: 0.2 s of a 3,000-letter import's writer, blocked in pread.
TEST_F(BatchIngestionTest, IngestedFilesStayInThePageCache) {
  std::unique_ptr<Graph> graph = Open("db", 1);
  ASSERT_NE(graph, nullptr);
  if (!PageCacheCanBeDropped(dir_.Sub("db"))) {
    GTEST_SKIP() << "this file system keeps pages it is asked to drop";
  }
  auto txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok());
  // Records of a few hundred bytes each, so that the nodes family's file spans megabytes: opening
  // a file to ingest it, RocksDB reads its tail back (index, filter, properties), and a file of
  // 600 KB was 90% resident even with RocksDB's default.
  for (int i = 0; i < 100000; ++i) {
    ASSERT_TRUE((*txn)
                    ->UpsertNode({.type = kPerson,
                                  .key = absl::StrCat("person-", i),
                                  .name = absl::StrCat("Person Number ", i),
                                  .properties = {{"note", std::string(200, 'a' + i % 26)}}})
                    .ok());
  }
  ASSERT_TRUE((*txn)->Commit().ok());
  std::vector<rocksdb::LiveFileMetaData> files;
  graph->store()->db()->GetLiveFilesMetaData(&files);
  size_t large_files = 0;
  for (const rocksdb::LiveFileMetaData& file : files) {
    if (file.size < (256 << 10)) continue;
    ++large_files;
    const std::string path = file.db_path + "/" + file.name;
    EXPECT_GT(ResidentShare(path), 0.9) << path << ", " << file.size << " bytes";
  }
  EXPECT_GT(large_files, 0u);
}

// What a crashed writer left under the database: an ingestion's files, a bulk load's spilled
// runs. A read-only open leaves them (another process may hold the database); a write open,
// which holds the lock, removes them and nothing else.
TEST_F(BatchIngestionTest, OpeningForWritingRemovesWhatACrashedWriterLeft) {
  { ASSERT_NE(Open("db", 1), nullptr); }
  const std::filesystem::path db = dir_.Sub("db");
  const std::filesystem::path ingestion = db / (std::string(kIngestionDirPrefix) + "123-0");
  const std::filesystem::path bulk_load = db / (std::string(kBulkLoadDirPrefix) + "456");
  for (const auto& stale : {ingestion, bulk_load}) {
    std::filesystem::create_directories(stale);
    std::ofstream(stale / "part.sst") << "half a file";
  }
  const std::filesystem::path other = db / "notes";
  std::filesystem::create_directories(other);

  {
    GraphOptions read_only;
    read_only.path = db.string();
    read_only.read_only_secondary = true;
    auto secondary = Graph::Open(read_only);
    ASSERT_TRUE(secondary.ok()) << secondary.status();
    EXPECT_TRUE(std::filesystem::exists(ingestion));
    EXPECT_TRUE(std::filesystem::exists(bulk_load));
  }
  std::unique_ptr<Graph> graph = Open("db", 1);
  ASSERT_NE(graph, nullptr);
  EXPECT_FALSE(std::filesystem::exists(ingestion));
  EXPECT_FALSE(std::filesystem::exists(bulk_load));
  EXPECT_TRUE(std::filesystem::exists(other));
}

}  // namespace
}  // namespace dossier::graph
