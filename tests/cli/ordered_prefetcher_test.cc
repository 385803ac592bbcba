#include "cli/ordered_prefetcher.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::cli {
namespace {

using std::chrono::milliseconds;

// Polls until `done()` holds or a generous deadline passes; true if it held.
template <typename F>
bool Eventually(F done) {
  for (int i = 0; i < 2000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(milliseconds(1));
  }
  return done();
}

TEST(OrderedPrefetcherTest, HandsItemsOverInIndexOrderWhateverOrderTheyFinishIn) {
  constexpr size_t kCount = 200;
  OrderedPrefetcher<std::string> ahead(kCount, 3, {.max_items = 16}, [](size_t k) {
    // Later items of each group of three finish first.
    std::this_thread::sleep_for(std::chrono::microseconds(200 * (2 - k % 3)));
    return std::to_string(k);
  });
  for (size_t k = 0; k < kCount; ++k) EXPECT_EQ(ahead.Take(k), std::to_string(k));
}

TEST(OrderedPrefetcherTest, BeginsNoItemMoreThanMaxItemsPastTheLastTaken) {
  std::atomic<size_t> begun{0}, taken{0}, worst_lead{0};
  OrderedPrefetcher<size_t> ahead(100, 2, {.max_items = 5}, [&](size_t k) {
    ++begun;
    const size_t lead = k + 1 - taken.load();
    if (lead > worst_lead.load()) worst_lead = lead;
    return k;
  });
  // Nothing taken: the threads stop after five items.
  ASSERT_TRUE(Eventually([&] { return begun.load() == 5; }));
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(begun.load(), 5u);
  for (size_t k = 0; k < 100; ++k) {
    taken = k + 1;  // Before Take, so a lead measured against it is never overstated.
    EXPECT_EQ(ahead.Take(k), k);
  }
  EXPECT_LE(worst_lead.load(), 5u);
  EXPECT_EQ(begun.load(), 100u);
}

TEST(OrderedPrefetcherTest, BeginsNoItemWhilePreparedItemsWeighTheBudget) {
  std::atomic<size_t> begun{0};
  OrderedPrefetcher<std::string> ahead(
      50, 1, {.max_items = 40, .max_weight = 30},
      [&](size_t k) {
        ++begun;
        return std::string(10, static_cast<char>('a' + k % 26));
      },
      [](const std::string& s) { return s.size(); });
  // Items of weight 10 against a budget of 30: three are prepared, then the thread waits.
  ASSERT_TRUE(Eventually([&] { return begun.load() == 3; }));
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(begun.load(), 3u);
  // Each item taken frees room for one more.
  EXPECT_EQ(ahead.Take(0), std::string(10, 'a'));
  ASSERT_TRUE(Eventually([&] { return begun.load() == 4; }));
  std::this_thread::sleep_for(milliseconds(50));
  EXPECT_EQ(begun.load(), 4u);
  for (size_t k = 1; k < 50; ++k) EXPECT_EQ(ahead.Take(k).size(), 10u);
}

TEST(OrderedPrefetcherTest, AnItemHeavierThanTheWholeBudgetStillComes) {
  OrderedPrefetcher<std::vector<int>> ahead(
      20, 2, {.max_items = 8, .max_weight = 10},
      [](size_t k) { return std::vector<int>(1000, static_cast<int>(k)); },
      [](const std::vector<int>& v) { return v.size(); });
  for (size_t k = 0; k < 20; ++k) EXPECT_EQ(ahead.Take(k).front(), static_cast<int>(k));
}

TEST(OrderedPrefetcherTest, WithoutThreadsPreparesEachItemWhenItIsTaken) {
  std::vector<size_t> prepared;
  OrderedPrefetcher<size_t> ahead(4, 0, {.max_items = 2}, [&](size_t k) {
    prepared.push_back(k);
    return k * 10;
  });
  EXPECT_TRUE(prepared.empty());
  EXPECT_EQ(ahead.Take(0), 0u);
  EXPECT_EQ(ahead.Take(1), 10u);
  EXPECT_EQ(prepared, (std::vector<size_t>{0, 1}));
}

TEST(OrderedPrefetcherTest, StopsCleanlyWithItemsNeverTaken) {
  std::atomic<size_t> begun{0};
  {
    OrderedPrefetcher<size_t> ahead(1000, 2, {.max_items = 4}, [&](size_t k) {
      ++begun;
      return k;
    });
    EXPECT_EQ(ahead.Take(0), 0u);
  }  // Destroyed with items prepared and waiting: the threads end, nothing hangs.
  EXPECT_LE(begun.load(), 5u);
}

int ThreadNiceness() { return getpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid))); }

TEST(OrderedPrefetcherTest, WorkersRunAtTheProcessNicenessPlusTheirIncrement) {
  const int consumer = ThreadNiceness();
  std::vector<int> seen(6, -100);
  {
    OrderedPrefetcher<int> ahead(6, 2, {.max_items = 8, .worker_niceness = 3},
                                 [&](size_t k) { return seen[k] = ThreadNiceness(); });
    for (size_t k = 0; k < 6; ++k) ahead.Take(k);
  }
  for (int nice : seen) EXPECT_EQ(nice, std::min(19, consumer + 3));
  EXPECT_EQ(ThreadNiceness(), consumer);  // The consumer's own priority is untouched.

  std::vector<int> unchanged(3, -100);
  OrderedPrefetcher<int> plain(3, 2, {.max_items = 8},
                               [&](size_t k) { return unchanged[k] = ThreadNiceness(); });
  for (size_t k = 0; k < 3; ++k) plain.Take(k);
  for (int nice : unchanged) EXPECT_EQ(nice, consumer);
}

}  // namespace
}  // namespace dossier::cli
