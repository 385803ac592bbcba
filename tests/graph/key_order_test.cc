#include "graph/key_order.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

std::vector<uint32_t> ByStdSort(const std::vector<std::string>& keys) {
  std::vector<uint32_t> order(keys.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  return order;
}

std::vector<uint32_t> ByKeyOrder(const std::vector<std::string>& keys) {
  return KeyOrder(keys.size(), [&](uint32_t i) -> std::string_view { return keys[i]; });
}

TEST(KeyOrderTest, OrdersAsTheBytesDoAcrossAndBeyondTheSixteenByteHead) {
  const std::vector<std::string> keys = {
      "b",
      "",
      "a",
      "ab",
      std::string("ab\0", 3),  // Same zero-padded head as "ab".
      std::string("ab\0\0", 4),
      "abcdefghijklmnop",   // Exactly 16 bytes.
      "abcdefghijklmnopq",  // Differ only past the head.
      "abcdefghijklmnopa",
      "abcdefghijklmno",
      "\xff\xfe",  // High bytes order after ASCII.
      "\x01",
      "abcdefgh",
      "abcdefgi",
      "b",  // A repeat: ties keep index order.
  };
  EXPECT_EQ(ByKeyOrder(keys), ByStdSort(keys));
}

TEST(KeyOrderTest, MatchesAStableSortOnRandomKeysWithLongSharedPrefixes) {
  std::mt19937_64 rng(7);
  const std::string prefixes[] = {"", "Person", std::string(14, 'x'), std::string(20, 'y'),
                                  std::string("\0\0\0\x01", 4)};
  std::vector<std::string> keys;
  for (int i = 0; i < 20000; ++i) {
    std::string key = prefixes[rng() % 5];
    const int length = static_cast<int>(rng() % 6);
    for (int j = 0; j < length; ++j) key += static_cast<char>("\0a\x80z9"[rng() % 5]);
    keys.push_back(key);
  }
  EXPECT_EQ(ByKeyOrder(keys), ByStdSort(keys));
  EXPECT_TRUE(ByKeyOrder({}).empty());
}

}  // namespace
}  // namespace dossier::graph
