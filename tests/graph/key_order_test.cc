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

TEST(KeyOrderTest, SortIntegerKeysMatchesStdSortWhicheverDigitsVary) {
  std::mt19937_64 rng(11);
  // Masks choose which bits vary: all, a text rank over a node rank (the name index), only the
  // top digit, only the bottom one, none; sizes below and above the comparison-sort cut-off.
  const uint64_t masks[] = {~uint64_t{0}, (uint64_t{0x3fffff} << 32) | 0xfffff,
                            uint64_t{0xffff} << 48, 0xffff, 0};
  for (const uint64_t mask : masks) {
    for (const size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{5000}, size_t{70000}}) {
      std::vector<uint64_t> keys(n);
      for (uint64_t& k : keys) k = (rng() & mask) | (uint64_t{0x5} << 60 & ~mask);
      std::vector<uint64_t> expected = keys;
      std::sort(expected.begin(), expected.end());
      SortIntegerKeys(&keys);
      EXPECT_EQ(keys, expected) << std::hex << mask << " " << std::dec << n;
    }
  }
}

}  // namespace
}  // namespace dossier::graph
