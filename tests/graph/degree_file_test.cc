// The bulk loader's degree counters on disk: counted in (node, type) runs, read back by range.
#include "graph/degree_file.h"

#include <tuple>
#include <vector>

#include "graph/key_codec.h"
#include "gtest/gtest.h"
#include "rocksdb/sst_file_reader.h"
#include "tests/testing/temp_dir.h"

namespace dossier::graph {
namespace {

using Row = std::tuple<uint64_t, uint32_t, uint32_t>;  // node, type, count

std::vector<Row> ReadRange(const std::string& path, uint64_t begin, uint64_t end) {
  auto reader = DegreeFileReader::Open(path, begin, end);
  EXPECT_TRUE(reader.ok()) << reader.status();
  std::vector<Row> rows;
  for (const DegreeRunEntry* e = (*reader)->Peek(); e != nullptr; e = (*reader)->Peek()) {
    rows.emplace_back(e->node, e->type, e->count);
    (*reader)->Take();
  }
  EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status();
  return rows;
}

TEST(DegreeFileTest, CountsEachNodeAndTypeRunAndReadsItBackByRange) {
  testing::TempDir dir;
  const std::string path = dir.Sub("degrees");
  auto writer = DegreeFileWriter::Create(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  // Node 5 type 1 three times, type 2 once; node 9 type 1 twice; then many single nodes, more
  // than a buffer holds.
  for (int i = 0; i < 3; ++i) (*writer)->Count(5, 1);
  (*writer)->Count(5, 2);
  (*writer)->Count(9, 1);
  (*writer)->Count(9, 1);
  constexpr uint64_t kMany = 200'000;
  for (uint64_t n = 0; n < kMany; ++n) (*writer)->Count(100 + n, 3);
  auto entries = (*writer)->Finish();
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(*entries, 3 + kMany);

  const std::vector<Row> all = ReadRange(path, 0, *entries);
  ASSERT_EQ(all.size(), *entries);
  EXPECT_EQ(all[0], Row(5, 1, 3));
  EXPECT_EQ(all[1], Row(5, 2, 1));
  EXPECT_EQ(all[2], Row(9, 1, 2));
  EXPECT_EQ(all.back(), Row(100 + kMany - 1, 3, 1));
  EXPECT_EQ(ReadRange(path, 1, 3), (std::vector<Row>{Row(5, 2, 1), Row(9, 1, 2)}));
  EXPECT_TRUE(ReadRange(path, 7, 7).empty());

  EXPECT_EQ(*DegreeNodeAt(path, 2), 9u);
  EXPECT_EQ(*FirstDegreeAtOrAfter(path, *entries, 0), 0u);
  EXPECT_EQ(*FirstDegreeAtOrAfter(path, *entries, 5), 0u);
  EXPECT_EQ(*FirstDegreeAtOrAfter(path, *entries, 6), 2u);  // Between nodes: the next one.
  EXPECT_EQ(*FirstDegreeAtOrAfter(path, *entries, 100), 3u);
  EXPECT_EQ(*FirstDegreeAtOrAfter(path, *entries, 100 + kMany), *entries);  // Past the end.
}

TEST(DegreeFileTest, NoEdgesMakeAnEmptyFile) {
  testing::TempDir dir;
  auto writer = DegreeFileWriter::Create(dir.Sub("empty"));
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(*(*writer)->Finish(), 0u);
  EXPECT_TRUE(ReadRange(dir.Sub("empty"), 0, 0).empty());
  EXPECT_EQ(*FirstDegreeAtOrAfter(dir.Sub("empty"), 0, 1), 0u);
}

TEST(DegreeFileTest, FailuresNameTheFile) {
  testing::TempDir dir;
  auto writer = DegreeFileWriter::Create(dir.Sub("missing/degrees"));
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(writer.status().message().find("missing/degrees"), std::string::npos);
  auto reader = DegreeFileReader::Open(dir.Sub("nothing"), 0, 1);
  ASSERT_FALSE(reader.ok());
  EXPECT_NE(reader.status().message().find("nothing"), std::string::npos);
  // A range longer than the file is a loss, not a short read taken as the end.
  auto short_writer = DegreeFileWriter::Create(dir.Sub("short"));
  (*short_writer)->Count(1, 1);
  ASSERT_EQ(*(*short_writer)->Finish(), 1u);
  auto long_reader = DegreeFileReader::Open(dir.Sub("short"), 0, 5);
  ASSERT_TRUE(long_reader.ok());
  EXPECT_EQ((*long_reader)->Peek(), nullptr);
  EXPECT_EQ((*long_reader)->status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(DegreeNodeAt(dir.Sub("short"), 3).status().code(), absl::StatusCode::kDataLoss);
}

// A run longer than one entry counts goes on in the next entry of the same key (at 2^32 - 1 in
// a load; lowered here), and the family's files hold each key once with the whole count, in key
// order: per node and type, the in-degree ('i') before the out-degree ('o'), added to what is
// stored already.
TEST(DegreeFileTest, LongRunsSpanEntriesAndTheFamilyMergesBothDirectionsWithWhatIsStored) {
  testing::TempDir dir;
  auto make = [&](const std::string& name,
                  const std::vector<std::tuple<uint64_t, uint32_t, int>>& runs) -> DegreeFile {
    auto writer = DegreeFileWriter::Create(dir.Sub(name), /*max_count=*/3);
    EXPECT_TRUE(writer.ok());
    for (const auto& [node, type, edges] : runs) {
      for (int i = 0; i < edges; ++i) (*writer)->Count(node, type);
    }
    auto entries = (*writer)->Finish();
    EXPECT_TRUE(entries.ok());
    return {dir.Sub(name), *entries};
  };
  // Out: node 1 type 2 seven edges (three entries), node 4 type 1 one; in: node 1 type 2 two,
  // node 3 type 5 four (two entries), node 4 type 1 three.
  const DegreeFile out = make("out", {{1, 2, 7}, {4, 1, 1}});
  const DegreeFile in = make("in", {{1, 2, 2}, {3, 5, 4}, {4, 1, 3}});
  EXPECT_EQ(out.entries, 4u);
  EXPECT_EQ(in.entries, 4u);
  EXPECT_EQ(ReadRange(out.path, 0, out.entries),
            (std::vector<Row>{Row(1, 2, 3), Row(1, 2, 3), Row(1, 2, 1), Row(4, 1, 1)}));

  // Node 4's out-degree over type 1 was stored before: 10 more.
  auto stored = [](const std::string& key, uint64_t node) -> uint64_t {
    return node == 4 && key == DegreeKey(4, 1, true) ? 10 : 0;
  };
  auto files = WriteDegreeFamily(out, in, rocksdb::Options(), dir.path().string(), stored);
  ASSERT_TRUE(files.ok()) << files.status();
  std::vector<std::pair<std::string, uint64_t>> written;
  for (const std::string& file : *files) {
    rocksdb::SstFileReader reader{rocksdb::Options()};
    ASSERT_TRUE(reader.Open(file).ok()) << file;
    std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      written.emplace_back(it->key().ToString(), DecodeFixed64BE(it->value().data()));
    }
  }
  EXPECT_EQ(written, (std::vector<std::pair<std::string, uint64_t>>{
                         {DegreeKey(1, 2, false), 2},
                         {DegreeKey(1, 2, true), 7},
                         {DegreeKey(3, 5, false), 4},
                         {DegreeKey(4, 1, false), 3},
                         {DegreeKey(4, 1, true), 11},
                     }));
}

}  // namespace
}  // namespace dossier::graph
