#include "graph/key_arena.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

TEST(KeyArenaTest, CopiesStayIntactAcrossChunksAndMoves) {
  KeyArena arena;
  std::vector<std::pair<std::string, std::string_view>> copies;
  // Enough bytes for several 64 KB chunks, a copy larger than a chunk, and empty copies.
  for (int i = 0; i < 20000; ++i) {
    std::string key = "key-" + std::to_string(i) + std::string(i % 37, static_cast<char>(i));
    copies.emplace_back(key, arena.Copy(key));
  }
  const std::string large(200 << 10, 'x');
  copies.emplace_back(large, arena.Copy(large));
  copies.emplace_back("", arena.Copy(""));
  copies.emplace_back("after", arena.Copy("after"));
  for (const auto& [original, copy] : copies) {
    ASSERT_EQ(copy, original);
    EXPECT_NE(static_cast<const void*>(copy.data()), static_cast<const void*>(original.data()));
  }

  KeyArena moved(std::move(arena));
  for (const auto& [original, copy] : copies) ASSERT_EQ(copy, original);
  // The source is empty and usable; what it copies now does not touch the moved chunks.
  std::string_view fresh = arena.Copy("fresh");
  std::string_view other = moved.Copy("other");
  EXPECT_EQ(fresh, "fresh");
  EXPECT_EQ(other, "other");
  for (const auto& [original, copy] : copies) ASSERT_EQ(copy, original);

  KeyArena assigned;
  assigned = std::move(moved);
  std::string_view more = moved.Copy("more");
  EXPECT_EQ(more, "more");
  for (const auto& [original, copy] : copies) ASSERT_EQ(copy, original);
  assigned.Clear();
  EXPECT_EQ(assigned.Copy("again"), "again");
}

}  // namespace
}  // namespace dossier::graph
