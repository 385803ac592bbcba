#include "graph/bulk_name_index.h"

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/internal/records.pb.h"
#include "graph/key_codec.h"
#include "graph/name_index.h"
#include "gtest/gtest.h"
#include "rocksdb/sst_file_reader.h"
#include "tests/testing/temp_dir.h"

namespace dossier::graph {
namespace {

std::vector<std::pair<std::string, std::string>> ReadEntries(
    const std::vector<std::string>& files) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (const std::string& file : files) {
    rocksdb::SstFileReader reader(rocksdb::Options{});
    EXPECT_TRUE(reader.Open(file).ok()) << file;
    std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(rocksdb::ReadOptions{}));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      entries.emplace_back(it->key().ToString(), it->value().ToString());
  }
  return entries;
}

// Names given in input order, ids given later in another order: the file holds exactly the
// name-index keys each node owns under its id, in key order, with the node's type as value.
TEST(BulkNameIndexTest, WritesEveryNodesNameIndexKeysUnderItsFinalId) {
  testing::TempDir dir;
  constexpr uint32_t kNodes = 10'000;  // Several batches.
  std::vector<std::string> names;
  for (uint32_t i = 0; i < kNodes; ++i) {
    names.push_back(i % 7 == 0    ? "Rasa Juknevičienė"
                    : i % 5 == 0  ? "\u0422\u043e\u043a\u0430\u0435\u0432 " + std::to_string(i % 3)
                    : i % 11 == 0 ? "?!"
                                  : "Anna Lee Lee " + std::to_string(i % 97));
  }
  std::vector<uint32_t> order(kNodes);  // Input index of each id, a permutation.
  std::vector<TypeId> type_by_rank(kNodes);
  for (uint32_t rank = 0; rank < kNodes; ++rank) {
    order[rank] = (rank * 7919u) % kNodes;
    type_by_rank[rank] = 1 + rank % 3;
  }
  constexpr NodeId kBase = 100;
  BulkNameIndex index(rocksdb::Options{}, dir.path().string());
  for (const std::string& name : names) index.Add(name);
  index.Finish(&order, &type_by_rank, kBase);
  auto files = index.Wait();
  ASSERT_TRUE(files.ok()) << files.status();

  std::vector<std::pair<std::string, std::string>> expected;
  for (uint32_t rank = 0; rank < kNodes; ++rank) {
    internal::NodeRecord record;
    record.set_name(names[order[rank]]);
    for (std::string& key : NameIndexKeys(kBase + rank, record))
      expected.emplace_back(std::move(key), EncodeFixed32BE(type_by_rank[rank]));
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ReadEntries(*files), expected);
}

TEST(BulkNameIndexTest, NoNamesWriteNoFile) {
  testing::TempDir dir;
  std::vector<uint32_t> order;
  std::vector<TypeId> types;
  BulkNameIndex index(rocksdb::Options{}, dir.path().string());
  index.Finish(&order, &types, 1);
  auto files = index.Wait();
  ASSERT_TRUE(files.ok()) << files.status();
  EXPECT_TRUE(files->empty());
}

// A load given up before its ids are known stops the thread and writes nothing.
TEST(BulkNameIndexTest, AnAbandonedIndexWritesNothing) {
  testing::TempDir dir;
  {
    BulkNameIndex index(rocksdb::Options{}, dir.path().string());
    for (int i = 0; i < 9'000; ++i) index.Add("Name " + std::to_string(i));
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

// What the loader charges to its budget for the name index: at least the names' bytes waiting
// or numbered, growing with the names, whether or not the thread has caught up.
TEST(BulkNameIndexTest, ProjectsItsPeakMemoryFromTheNamesAdded) {
  testing::TempDir dir;
  BulkNameIndex index(rocksdb::Options{}, dir.path().string());
  const uint64_t empty = index.ProjectedBytes();
  uint64_t previous = empty;
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 5'000; ++i) {
      index.Add("A rather long name of a person, number " + std::to_string(round * 10'000 + i));
    }
    const uint64_t now = index.ProjectedBytes();
    // Each name is over 40 bytes and distinct, a text of its own beside its words.
    EXPECT_GE(now, previous + 5'000u * 40) << round;
    previous = now;
  }
  std::vector<uint32_t> order(25'000);
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<TypeId> types(order.size(), 1);
  index.Finish(&order, &types, 1);
  EXPECT_GE(index.ProjectedBytes(), 25'000u * 40);  // Numbered or queued, still held.
  ASSERT_TRUE(index.Wait().ok());
}

}  // namespace
}  // namespace dossier::graph
