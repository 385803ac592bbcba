#include <atomic>
#include <set>
#include <string>
#include <thread>

#include "graph/graph.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

// Eight "importers" race to create the same people; each person must exist
// exactly once, and every edge must land.
TEST_F(GraphTest, ConcurrentWritersNeverDuplicateAPerson) {
  constexpr int kThreads = 8;
  constexpr int kPeople = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto txn_or = graph_->BeginWrite();
      if (!txn_or.ok()) {
        ++failures;
        return;
      }
      auto& txn = *txn_or;
      auto letter =
          txn->UpsertNode({.type = kLetter, .key = "letter" + std::to_string(t), .name = "L"});
      for (int p = 0; p < kPeople; ++p) {
        std::string name = "Person " + std::to_string(p);
        // Resolve by name against what is stored (including this transaction's writes).
        auto found = txn->FindByExactName(name, kPerson);
        NodeId id;
        if (found.ok() && !found->empty()) {
          id = found->front();
        } else {
          auto created = txn->UpsertNode(
              {.type = kPerson, .key = "t" + std::to_string(t) + "-" + name, .name = name});
          if (!created.ok()) {
            ++failures;
            return;
          }
          id = *created;
        }
        if (!txn->UpsertEdge({id, "signed", *letter}).ok()) ++failures;
      }
      if (!txn->Commit().ok()) ++failures;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto view = graph_->NewReadView();
  auto stats = view->Stats();
  EXPECT_EQ(stats->nodes_by_type.at("Person"), static_cast<uint64_t>(kPeople));
  EXPECT_EQ(stats->edges_by_type.at("signed"), static_cast<uint64_t>(kPeople * kThreads));
  ExpectClean();
}

// Readers traverse and page while a writer keeps adding and deleting; every
// read sees a consistent snapshot (a node's degree counter always equals the
// edges the same view lists) and the store checks clean afterwards.
TEST_F(GraphTest, ReadersSeeConsistentSnapshotsDuringWrites) {
  NodeId hub = AddNode(kOrganisation, "Hub");
  std::atomic<bool> stop{false};
  std::atomic<int> inconsistencies{0};
  std::atomic<int> reads{0};
  std::thread writer([&] {
    for (int round = 0; round < 60; ++round) {
      auto txn = *graph_->BeginWrite();
      std::vector<NodeId> ids;
      for (int i = 0; i < 20; ++i) {
        auto id = txn->UpsertNode({.type = kPerson,
                                   .key = "w" + std::to_string(round) + "-" + std::to_string(i),
                                   .name = "Writer Person"});
        ids.push_back(*id);
        (void)txn->UpsertEdge({*id, "member-of", hub});
      }
      if (round % 3 == 2) (void)txn->DeleteNode(ids[0]);
      (void)txn->Commit();
    }
    stop = true;
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      while (!stop) {
        auto view = graph_->NewReadView();
        uint64_t degree = *view->Degree(hub, Direction::kIn, "member-of");
        uint64_t listed = 0;
        std::string token;
        do {
          auto page = view->Neighbors(
              {.node = hub, .direction = Direction::kIn, .page_size = 64, .page_token = token});
          if (!page.ok()) {
            ++inconsistencies;
            break;
          }
          listed += page->neighbors.size();
          token = page->next_page_token;
        } while (!token.empty());
        int64_t reached = 0;
        auto traversal =
            view->Traverse({.seeds = {hub}, .max_depth = 1, .direction = Direction::kIn},
                           [&](const TraversalHit&) { return ++reached > 0; });
        if (listed != degree || !traversal.ok() || reached != static_cast<int64_t>(degree) + 1) {
          ++inconsistencies;
        }
        ++reads;
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_EQ(inconsistencies.load(), 0);
  EXPECT_GT(reads.load(), 0);
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
