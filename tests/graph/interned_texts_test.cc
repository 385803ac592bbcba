// Distinct texts numbered in the order first seen, as the bulk loader's tables keep them.
#include "graph/interned_texts.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

TEST(InternedTextsTest, NumbersEachDistinctTextOnceInTheOrderFirstSeen) {
  InternedTexts texts;
  EXPECT_EQ(texts.Intern("Ann"), std::make_pair(0u, true));
  EXPECT_EQ(texts.Intern("Bo"), std::make_pair(1u, true));
  EXPECT_EQ(texts.Intern("Ann"), std::make_pair(0u, false));
  EXPECT_EQ(texts.Intern(""), std::make_pair(2u, true));
  EXPECT_EQ(texts.Intern(std::string("Ann\0x", 5)), std::make_pair(3u, true));  // Bytes, not C.
  EXPECT_EQ(texts.size(), 4u);
  EXPECT_EQ(texts.text(1), "Bo");
  EXPECT_EQ(texts.text(2), "");
  EXPECT_EQ(texts.Find("Bo"), 1u);
  EXPECT_EQ(texts.Find("bo"), std::nullopt);
  EXPECT_EQ(texts.Find(std::string("Ann\0x", 5)), 3u);
}

// The views stay valid as the arena and the index grow (the loader sorts and writes from them
// after the last text is in), and a text longer than a block has one of its own.
TEST(InternedTextsTest, TextsStayWhereTheyWereAcrossGrowth) {
  InternedTexts texts;
  const std::string huge(3 << 20, 'h');
  std::vector<std::string_view> first_views;
  for (int i = 0; i < 300'000; ++i) {
    const std::string text = i == 77 ? huge : absl::StrCat("text number ", i);
    const auto [number, added] = texts.Intern(text);
    ASSERT_TRUE(added);
    ASSERT_EQ(number, static_cast<uint32_t>(i));
    if (i < 100) first_views.push_back(texts.text(number));
  }
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(first_views[i].data(), texts.text(i).data());
    EXPECT_EQ(first_views[i], i == 77 ? huge : absl::StrCat("text number ", i));
  }
  for (int i = 0; i < 300'000; i += 997) {
    EXPECT_EQ(texts.Find(absl::StrCat("text number ", i)),
              i == 77 ? std::nullopt : std::optional<uint32_t>(i));
  }
}

TEST(InternedTextsTest, CountsItsBytesAndDroppingTheIndexKeepsTheTexts) {
  InternedTexts texts;
  const uint64_t empty = texts.bytes();
  for (int i = 0; i < 100'000; ++i) texts.Intern(absl::StrCat("id-", i));
  const uint64_t full = texts.bytes();
  // The bytes, a view and a slot a text at least.
  EXPECT_GE(full - empty, 100'000u * (4 + 16 + 8));
  texts.DropIndex();
  EXPECT_FALSE(texts.has_index());
  EXPECT_LE(texts.bytes(), full - 100'000u * 8);
  EXPECT_EQ(texts.text(99'999), "id-99999");
}

}  // namespace
}  // namespace dossier::graph
