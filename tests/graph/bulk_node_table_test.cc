// The bulk loader's node table: ids and names kept in an arena, found by id.
#include "graph/bulk_node_table.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

TEST(BulkNodeTableTest, KeepsEachNodesIdNameTypeAndPropertiesByIndex) {
  BulkNodeTable table;
  EXPECT_TRUE(table.Add("p17", "Ann Lee", 3, 0));
  EXPECT_TRUE(table.Add("o2", "", 4, 7));
  EXPECT_TRUE(table.Add("", "no id", 5, 1));  // The table stores; the loader validates.
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.external_id(0), "p17");
  EXPECT_EQ(table.name(0), "Ann Lee");
  EXPECT_EQ(table.type(0), 3u);
  EXPECT_EQ(table.props(0), 0u);
  EXPECT_EQ(table.external_id(1), "o2");
  EXPECT_EQ(table.name(1), "");
  EXPECT_EQ(table.props(1), 7u);
  EXPECT_EQ(table.name(2), "no id");
  EXPECT_EQ(table.Find("o2"), 1u);
  EXPECT_EQ(table.Find(""), 2u);
  EXPECT_EQ(table.Find("p1"), std::nullopt);
  EXPECT_EQ(table.Find("p17 "), std::nullopt);
}

TEST(BulkNodeTableTest, ARepeatedIdIsRefusedAndAddsNothing) {
  BulkNodeTable table;
  ASSERT_TRUE(table.Add("17", "Ann", 1, 0));
  EXPECT_FALSE(table.Add("17", "Someone else", 2, 5));
  ASSERT_EQ(table.size(), 1u);
  EXPECT_EQ(table.name(0), "Ann");
  EXPECT_EQ(table.type(0), 1u);
}

// Texts longer than the arena's blocks get blocks of their own, and earlier views stay valid
// as blocks are added (the loader sorts and writes from them after every node is in).
TEST(BulkNodeTableTest, ViewsStayValidAcrossBlocksAndLongTexts) {
  BulkNodeTable table;
  const std::string long_name(3 << 20, 'x');
  constexpr int kNodes = 200000;
  for (int i = 0; i < kNodes; ++i) {
    const std::string id = absl::StrCat("id-", i);
    const std::string name = i == 1234 ? long_name : absl::StrCat("Name number ", i * 7);
    ASSERT_TRUE(table.Add(id, name, static_cast<TypeId>(i % 5), static_cast<uint32_t>(i)));
  }
  ASSERT_EQ(table.size(), static_cast<uint32_t>(kNodes));
  for (int i = 0; i < kNodes; ++i) {
    const std::string id = absl::StrCat("id-", i);
    ASSERT_EQ(table.Find(id), static_cast<uint32_t>(i)) << id;
    ASSERT_EQ(table.external_id(i), id);
    ASSERT_EQ(table.name(i), i == 1234 ? long_name : absl::StrCat("Name number ", i * 7));
    ASSERT_EQ(table.type(i), static_cast<TypeId>(i % 5));
  }
  EXPECT_EQ(table.Find("id-200000"), std::nullopt);
}

TEST(BulkNodeTableTest, CountsWhatItHoldsAndDroppingTheIndexGivesItBack) {
  BulkNodeTable table;
  const uint64_t empty = table.bytes();
  for (int i = 0; i < 100000; ++i) ASSERT_TRUE(table.Add(absl::StrCat(i), "Ann Lee", 1, 0));
  const uint64_t full = table.bytes();
  // At least the text, a 24-byte record and an 8-byte slot a node.
  EXPECT_GE(full - empty, 100000u * (5 + 7 + 24 + 8));
  EXPECT_TRUE(table.has_index());
  table.DropIndex();
  EXPECT_FALSE(table.has_index());
  EXPECT_LE(table.bytes(), full - 100000u * 8);
  EXPECT_EQ(table.external_id(99999), "99999");  // The nodes stay.
}

}  // namespace
}  // namespace dossier::graph
