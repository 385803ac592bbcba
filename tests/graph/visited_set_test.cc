#include "graph/visited_set.h"

#include <random>
#include <set>

#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

// Inserts the same random ids into `set` and a std::set and checks they agree throughout.
void ExpectBehavesAsASet(VisitedSet& set, uint64_t id_limit, int inserts, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::set<NodeId> expected;
  for (int i = 0; i < inserts; ++i) {
    NodeId id = rng() % id_limit;
    EXPECT_EQ(set.Contains(id), expected.count(id) == 1) << id;
    EXPECT_EQ(set.Insert(id), expected.insert(id).second) << id;
    EXPECT_TRUE(set.Contains(id));
    EXPECT_EQ(set.size(), expected.size());
  }
}

TEST(VisitedSetTest, BitsetAndHashSetBehaveAsSets) {
  for (uint64_t limit : {1ull, 63ull, 64ull, 65ull, 1000ull, 1ull << 20}) {
    SCOPED_TRACE(limit);
    VisitedSet dense(limit);
    ExpectBehavesAsASet(dense, limit, 2000, 1);
    VisitedSet hashed(0);
    ExpectBehavesAsASet(hashed, limit, 2000, 1);
  }
  VisitedSet hashed(0);
  EXPECT_TRUE(hashed.Insert(~uint64_t{0}));  // Any id when no limit is known.
  EXPECT_FALSE(hashed.Insert(~uint64_t{0}));
}

// The bitset is handed to the next set on the thread: it must come back empty whether the last
// set touched a few words (cleared one by one) or most of them (cleared in full).
TEST(VisitedSetTest, AReusedBitsetStartsEmpty) {
  constexpr uint64_t kLimit = 100'000;
  for (int inserts : {3, 50'000}) {
    {
      VisitedSet first(kLimit);
      ExpectBehavesAsASet(first, kLimit, inserts, 2);
    }
    VisitedSet second(kLimit);
    for (NodeId id = 0; id < kLimit; ++id) ASSERT_FALSE(second.Contains(id)) << id;
    EXPECT_EQ(second.size(), 0u);
  }
  // A larger limit after a smaller one, and sets alive at the same time on one thread.
  VisitedSet outer(64);
  EXPECT_TRUE(outer.Insert(5));
  {
    VisitedSet inner(kLimit * 4);
    EXPECT_FALSE(inner.Contains(5));
    EXPECT_TRUE(inner.Insert(kLimit * 4 - 1));
    EXPECT_TRUE(inner.Insert(5));
  }
  EXPECT_TRUE(outer.Contains(5));
  VisitedSet after(kLimit * 4);
  EXPECT_FALSE(after.Contains(kLimit * 4 - 1));
  EXPECT_FALSE(after.Contains(5));
}

}  // namespace
}  // namespace dossier::graph
