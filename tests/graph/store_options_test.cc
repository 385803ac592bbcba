#include "graph/store_options.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "graph/key_codec.h"
#include "rocksdb/db.h"
#include "rocksdb/slice_transform.h"
#include "rocksdb/write_batch.h"
#include "tests/testing/temp_dir.h"

namespace dossier::graph {
namespace {

TEST(StoreOptionsTest, WrittenFamiliesKeepOneMemtableInsertHintEach) {
  const StoreOptions options = BuildStoreOptions(GraphOptions{});
  for (int i = 0; i < kColumnFamilyCount; ++i) {
    const auto family = static_cast<ColumnFamily>(i);
    SCOPED_TRACE(ColumnFamilyName(family));
    const std::shared_ptr<const rocksdb::SliceTransform>& hint =
        options.column_families[i].memtable_insert_with_hint_prefix_extractor;
    if (family == kDefaultCf || family == kMetaCf) {
      EXPECT_EQ(hint, nullptr);
      continue;
    }
    ASSERT_NE(hint, nullptr);
    // One hint for the family: keys of different nodes share it.
    const std::string a = EncodeFixed64BE(1) + "a";
    const std::string b = EncodeFixed64BE(1u << 20) + "zz";
    ASSERT_TRUE(hint->InDomain(a));
    ASSERT_TRUE(hint->InDomain(b));
    EXPECT_EQ(hint->Transform(a).ToString(), hint->Transform(b).ToString());
  }
}

// Batches of sorted keys that fall between, after and on top of earlier ones (as a commit's keys
// do) are all found again, in order, through the hinted inserts.
TEST(StoreOptionsTest, HintedInsertsKeepEveryKeyInOrder) {
  dossier::testing::TempDir dir;
  const StoreOptions options = BuildStoreOptions(GraphOptions{});
  rocksdb::Options db_options(options.db, options.column_families[kOutEdgesCf]);
  db_options.create_if_missing = true;
  std::unique_ptr<rocksdb::DB> db;
  {
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(db_options, dir.path().string(), &raw).ok());
    db.reset(raw);
  }
  std::mt19937_64 random(7);
  std::set<std::string> expected;
  for (int batch = 0; batch < 50; ++batch) {
    std::set<std::string> keys;
    for (int i = 0; i < 400; ++i) {
      // Mostly near the end (new nodes), some anywhere below (recurring ones).
      const uint64_t node =
          i % 4 == 0 ? random() % (batch * 100 + 1) : batch * 100 + random() % 100;
      keys.insert(EncodeFixed64BE(node) + EncodeFixed64BE(random() % 16));
    }
    rocksdb::WriteBatch write;
    for (const std::string& key : keys) {
      ASSERT_TRUE(write.Put(key, "v").ok());
      expected.insert(key);
    }
    ASSERT_TRUE(db->Write(rocksdb::WriteOptions(), &write).ok());
  }
  rocksdb::ReadOptions read;
  read.total_order_seek = true;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(read));
  std::vector<std::string> found;
  for (it->SeekToFirst(); it->Valid(); it->Next()) found.push_back(it->key().ToString());
  ASSERT_TRUE(it->status().ok());
  EXPECT_EQ(found, std::vector<std::string>(expected.begin(), expected.end()));
}

}  // namespace
}  // namespace dossier::graph
