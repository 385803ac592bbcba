#include "graph/sst_sink.h"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include "gtest/gtest.h"
#include "rocksdb/sst_file_reader.h"
#include "tests/testing/temp_dir.h"

namespace dossier::graph {
namespace {

std::string Key(int i) {
  char buffer[16];
  std::snprintf(buffer, sizeof(buffer), "key%08d", i);
  return buffer;
}

// Files roll over at the requested size (a file may pass it by the block being built), and every
// key lands in exactly one file, in order.
TEST(SstSinkTest, RollsFilesNearTheirSizeAndKeepsEveryKeyInOrder) {
  testing::TempDir dir;
  constexpr uint64_t kFileBytes = 64 << 10;
  constexpr int kKeys = 100'000;
  rocksdb::Options options;
  options.compression = rocksdb::kNoCompression;
  SstSink sink(options, dir.path().string(), "t", kFileBytes);
  const std::string value(20, 'v');
  for (int i = 0; i < kKeys; ++i) ASSERT_TRUE(sink.Put(Key(i), value).ok());
  ASSERT_TRUE(sink.Finish().ok());
  EXPECT_EQ(sink.entries(), static_cast<uint64_t>(kKeys));
  ASSERT_GT(sink.files().size(), 10u);

  int next = 0;
  for (const std::string& file : sink.files()) {
    // One data block (4 KB by default) past the limit at most, plus the file's metadata.
    EXPECT_LT(std::filesystem::file_size(file), kFileBytes + (16 << 10)) << file;
    rocksdb::SstFileReader reader(options);
    ASSERT_TRUE(reader.Open(file).ok()) << file;
    std::unique_ptr<rocksdb::Iterator> it(reader.NewIterator(rocksdb::ReadOptions()));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ASSERT_EQ(it->key().ToString(), Key(next)) << file;
      ++next;
    }
    ASSERT_TRUE(it->status().ok());
  }
  EXPECT_EQ(next, kKeys);
}

}  // namespace
}  // namespace dossier::graph
