#include "graph/sorted_run.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <tuple>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

using Row = std::tuple<uint64_t, uint32_t, uint64_t, uint32_t>;  // anchor, type, other, props

std::vector<Row> Rows(const std::vector<AdjEntry>& entries) {
  std::vector<Row> rows;
  for (const AdjEntry& e : entries) rows.emplace_back(e.anchor, e.type, e.other, e.props);
  return rows;
}

// Entries with anchors in [first, first + span): repeats of whole keys (with and without
// properties), a supernode, and many types.
std::vector<AdjEntry> RandomEntries(size_t count, uint64_t first, uint64_t span, uint32_t seed) {
  std::mt19937_64 random(seed);
  std::vector<AdjEntry> entries;
  for (size_t i = 0; i < count; ++i) {
    uint64_t anchor = first + (i % 5 == 0 ? 3 : random() % span);  // Node first + 3: a supernode.
    uint64_t other = first + random() % span;
    uint32_t type = static_cast<uint32_t>(random() % 4);
    uint32_t props = random() % 3 == 0 ? kNoProps : static_cast<uint32_t>(i);
    entries.push_back({anchor, other, type, props});
    if (i % 7 == 0) {  // The same key again, later in the input.
      entries.push_back({anchor, other, type, random() % 2 ? kNoProps : static_cast<uint32_t>(i)});
    }
  }
  return entries;
}

std::vector<AdjEntry> Sorted(std::vector<AdjEntry> entries) {
  std::sort(entries.begin(), entries.end(), AdjOrder{});
  return entries;
}

std::vector<AdjEntry> Reversed(const std::vector<AdjEntry>& entries) {
  std::vector<AdjEntry> reversed;
  for (const AdjEntry& e : entries) reversed.push_back({e.other, e.anchor, e.type, e.props});
  return reversed;
}

// Dense ids (the radix sort: one bucket, several, and one id a bucket) and ids spread far apart
// (the comparison-sort fallback).
TEST(SortedRunTest, SortingBothDirectionsGivesTheComparisonSortsOrder) {
  for (auto [count, span] : std::vector<std::pair<size_t, uint64_t>>{{2'000, 50},
                                                                     {20'000, 5'000},
                                                                     {100'000, 30'000},
                                                                     {100'000, 300'000},
                                                                     {20'000, 1ull << 40}}) {
    SCOPED_TRACE(testing::Message() << count << " entries over " << span << " ids");
    const std::vector<AdjEntry> input = RandomEntries(count, 1'000'000, span, 7);
    std::vector<AdjEntry> edges = input, out, in;
    SortBothDirections(&edges, &out, &in);
    EXPECT_TRUE(edges.empty());
    EXPECT_EQ(Rows(out), Rows(Sorted(input)));
    EXPECT_EQ(Rows(in), Rows(Sorted(Reversed(input))));

    std::vector<AdjEntry> spilled = input;
    SortEntries(&spilled);
    EXPECT_EQ(Rows(spilled), Rows(Sorted(input)));
  }
}

TEST(SortedRunTest, SortingNoEntriesOrOne) {
  std::vector<AdjEntry> edges, out, in;
  SortBothDirections(&edges, &out, &in);
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(in.empty());
  edges = {{5, 9, 1, kNoProps}};
  SortBothDirections(&edges, &out, &in);
  EXPECT_EQ(Rows(out), (std::vector<Row>{{5, 1, 9, kNoProps}}));
  EXPECT_EQ(Rows(in), (std::vector<Row>{{9, 1, 5, kNoProps}}));
}

// Of a repeated key, the first row with properties sorts first: the one a load keeps.
TEST(SortedRunTest, TheFirstRepeatWithPropertiesSortsFirst) {
  std::vector<AdjEntry> edges = {{1, 2, 0, kNoProps}, {1, 2, 0, 40}, {1, 2, 0, 3}}, out, in;
  SortBothDirections(&edges, &out, &in);
  EXPECT_EQ(out.front().props, 3u);
}

}  // namespace
}  // namespace dossier::graph
