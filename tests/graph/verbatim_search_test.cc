// FindNodes with NameMatch::kVerbatim: the name byte for byte, answered from the node
// directory when the in-memory snapshot is current and from the name index otherwise, with the
// same nodes, order and page tokens either way.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

constexpr char kName[] = "Rasa Juknevičienė";

class VerbatimSearchTest : public GraphTest {
 protected:
  void SetUp() override {
    ReopenWithAdjacencySnapshot();
    auto txn = Begin();
    auto add = [&](const std::string& type, const std::string& key, const std::string& name,
                   std::vector<std::string> aliases = {}) {
      auto id = txn->UpsertNode({.type = type, .key = key, .name = name, .aliases = aliases});
      EXPECT_TRUE(id.ok()) << id.status();
      return *id;
    };
    // Interleaved with near misses so that the wanted ids are not contiguous.
    for (int i = 0; i < 23; ++i) {
      wanted_persons_.push_back(add("Person", "p" + std::to_string(i), kName));
      add("Person", "lower" + std::to_string(i), "rasa juknevičienė");
      add("Person", "ascii" + std::to_string(i), "Rasa Jukneviciene");
      add("Person", "space" + std::to_string(i), "Rasa  Juknevičienė");
      if (i % 5 == 0)
        wanted_organisations_.push_back(add("Organisation", "o" + std::to_string(i), kName));
    }
    add("Person", "alias", "R. J.", {kName});
    ASSERT_TRUE(txn->Commit().ok());
    ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  }

  // Every page, each from the view `pick` names for that page number.
  static std::vector<NodeId> AllPages(FindNodesRequest request,
                                      const std::function<const ReadView*(int)>& pick,
                                      int* pages = nullptr) {
    std::vector<NodeId> ids;
    int page_number = 0;
    do {
      auto page = pick(page_number++)->FindNodes(request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      EXPECT_LE(page->nodes.size(), static_cast<size_t>(request.page_size));
      for (const Node& n : page->nodes) ids.push_back(n.id);
      request.page_token = page->next_page_token;
    } while (!request.page_token.empty());
    if (pages != nullptr) *pages = page_number;
    return ids;
  }

  std::vector<NodeId> wanted_persons_, wanted_organisations_;
};

TEST_F(VerbatimSearchTest, CaseAccentsAndSpacingCountAndAliasesDoNot) {
  auto [memory, disk] = Views();
  std::vector<NodeId> all = wanted_persons_;
  all.insert(all.end(), wanted_organisations_.begin(), wanted_organisations_.end());
  std::sort(all.begin(), all.end());
  for (const ReadView* view : {memory.get(), disk.get()}) {
    SCOPED_TRACE(view->uses_adjacency_snapshot() ? "memory" : "rocksdb");
    auto page =
        view->FindNodes({.query = kName, .match = NameMatch::kVerbatim, .page_size = kMaxPageSize});
    ASSERT_TRUE(page.ok()) << page.status();
    std::vector<NodeId> ids;
    for (const Node& n : page->nodes) {
      EXPECT_EQ(n.name, kName);
      ids.push_back(n.id);
    }
    EXPECT_EQ(ids, all);  // Id order; the alias-only node is not listed.
    EXPECT_TRUE(page->next_page_token.empty());
    auto persons = view->FindNodes({.query = kName,
                                    .match = NameMatch::kVerbatim,
                                    .types = {"Person"},
                                    .page_size = kMaxPageSize});
    ASSERT_TRUE(persons.ok());
    ids.clear();
    for (const Node& n : persons->nodes) ids.push_back(n.id);
    EXPECT_EQ(ids, wanted_persons_);
    // The normalised exact match finds every spelling, the alias too.
    auto exact = view->FindNodes({.query = kName, .types = {"Person"}, .page_size = kMaxPageSize});
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact->nodes.size(), 23u * 4 + 1);
    for (const char* other : {"rasa juknevičienė", "Rasa Jukneviciene", "R. J."}) {
      auto found = view->FindNodes({.query = other, .match = NameMatch::kVerbatim});
      ASSERT_TRUE(found.ok());
      EXPECT_EQ(found->nodes.size(), std::string(other) == "R. J." ? 1u : 23u) << other;
    }
    for (const char* none : {"Rasa", "Rasa Juknevičienė ", "RASA JUKNEVIČIENĖ"}) {
      auto found = view->FindNodes({.query = none, .match = NameMatch::kVerbatim});
      ASSERT_TRUE(found.ok());
      EXPECT_TRUE(found->nodes.empty()) << none;
    }
    EXPECT_TRUE(view->FindNodes({.query = kName, .match = NameMatch::kVerbatim, .types = {"Nope"}})
                    ->nodes.empty());
    EXPECT_TRUE(absl::IsInvalidArgument(
        view->FindNodes({.query = " - ", .match = NameMatch::kVerbatim}).status()));
  }
}

TEST_F(VerbatimSearchTest, PagesAreTheSameFromMemoryAndRocksDbAndTokensCrossBetweenThem) {
  auto [memory, disk] = Views();
  for (int32_t page_size : {1, 4, 23, 28}) {
    SCOPED_TRACE(page_size);
    FindNodesRequest request{.query = kName,
                             .match = NameMatch::kVerbatim,
                             .view = NodeView::kBasic,
                             .page_size = page_size};
    int memory_pages = 0;
    std::vector<NodeId> from_memory = AllPages(
        request, [&](int) { return memory.get(); }, &memory_pages);
    std::vector<NodeId> from_disk = AllPages(request, [&](int) { return disk.get(); });
    std::vector<NodeId> alternating =
        AllPages(request, [&](int i) { return i % 2 ? disk.get() : memory.get(); });
    EXPECT_EQ(from_memory.size(), 28u);
    EXPECT_EQ(from_memory, from_disk);
    EXPECT_EQ(from_memory, alternating);
    // No empty last page when the results fill the pages exactly.
    EXPECT_EQ(memory_pages, (28 + page_size - 1) / page_size);
  }
}

TEST_F(VerbatimSearchTest, ATokenOfAnotherQueryOrMatchIsRefused) {
  auto view = graph_->NewReadView();
  auto first = view->FindNodes({.query = kName, .match = NameMatch::kVerbatim, .page_size = 2});
  ASSERT_TRUE(first.ok());
  ASSERT_FALSE(first->next_page_token.empty());
  auto exact = view->FindNodes({.query = kName, .page_size = 2});
  ASSERT_TRUE(exact.ok());
  EXPECT_TRUE(absl::IsInvalidArgument(view->FindNodes({.query = kName,
                                                       .match = NameMatch::kVerbatim,
                                                       .page_size = 2,
                                                       .page_token = exact->next_page_token})
                                          .status()));
  EXPECT_TRUE(absl::IsInvalidArgument(view->FindNodes({.query = "Rasa Jukneviciene",
                                                       .match = NameMatch::kVerbatim,
                                                       .page_size = 2,
                                                       .page_token = first->next_page_token})
                                          .status()));
}

TEST_F(VerbatimSearchTest, WritesAreSeenBeforeTheDirectoryIsRebuilt) {
  {
    auto txn = Begin();
    ASSERT_TRUE(txn->DeleteNode(wanted_persons_[3]).ok());
    ASSERT_TRUE(txn->UpsertNode({.type = "Person", .key = "renamed", .name = "x"}).ok());
    ASSERT_TRUE(
        txn->UpsertNode({.type = "Person", .key = "lower0", .name = kName}, UpsertMode::kReplace)
            .ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto count = [&](const ReadView& view) {
    auto page = view.FindNodes({.query = kName,
                                .match = NameMatch::kVerbatim,
                                .types = {"Person"},
                                .page_size = kMaxPageSize});
    EXPECT_TRUE(page.ok()) << page.status();
    return page.ok() ? page->nodes.size() : 0;
  };
  auto stale = graph_->NewReadView();
  EXPECT_FALSE(stale->uses_adjacency_snapshot());
  EXPECT_EQ(count(*stale), 23u);  // One deleted, one renamed to the name.
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  auto fresh = graph_->NewReadView();
  EXPECT_TRUE(fresh->uses_adjacency_snapshot());
  EXPECT_EQ(count(*fresh), 23u);
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
