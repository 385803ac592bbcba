#include "graph/bulk_load.h"

#include <string>

#include "graph/bulk_load_budget.h"
#include "graph/status_macros.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

NeighborsRequest BothWays(NodeId node) {
  return {.node = node, .direction = Direction::kBoth, .page_size = 50};
}

class BulkLoadTest : public GraphTest {
 public:
  Graph* graph() { return graph_.get(); }
  std::unique_ptr<BulkLoader> Begin(uint64_t budget = 256 << 20, uint64_t expected_edges = 0,
                                    uint64_t max_run_edges = 0) {
    BulkLoadOptions options;
    options.memory_budget_bytes = budget;
    options.expected_edges = expected_edges;
    options.max_run_edges = max_run_edges;
    auto loader = BulkLoader::Begin(graph_.get(), options);
    EXPECT_TRUE(loader.ok()) << loader.status();
    return std::move(*loader);
  }
  // Runs of the fewest edges the budget allows (64k): a few hundred thousand edges spill.
  std::unique_ptr<BulkLoader> BeginWithSmallestRuns(uint64_t expected_edges = 0) {
    return Begin(256 << 20, expected_edges, BulkLoadBudget::kMinRunEdges);
  }

 protected:
  std::vector<std::string> NeighborExternalIds(NodeId node, Direction direction,
                                               const std::string& type) {
    std::vector<std::string> ids;
    auto view = graph_->NewReadView();
    for (NodeId id : NeighborIds(node, direction, {type}))
      ids.push_back(view->GetNode(id)->external_id);
    return ids;
  }
};

TEST_F(BulkLoadTest, LoadsNodesEdgesIndexesAndCounters) {
  auto loader = Begin();
  ASSERT_TRUE(loader->AddNode("10", "Person", "Ann Lee").ok());
  ASSERT_TRUE(loader->AddNode("2", "Person", "Bo Juknevičienė").ok());
  ASSERT_TRUE(
      loader->AddNode("3", "Letter", "Open letter", {{"date", std::string("2020-10-16")}}).ok());
  ASSERT_TRUE(loader->AddEdge("10", "3", "SIGNED").ok());
  ASSERT_TRUE(loader->AddEdge("2", "3", "SIGNED", {{"order", int64_t{2}}}).ok());
  ASSERT_TRUE(loader->AddEdge("2", "3", "SIGNED").ok());  // Repeat: merged.
  ASSERT_TRUE(loader->AddEdge("3", "10", "ADDRESSED_TO").ok());
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->nodes_added, 3u);
  EXPECT_EQ(stats->edges_added, 3u);
  EXPECT_EQ(stats->duplicate_edges, 1u);
  loader.reset();

  auto view = graph_->NewReadView();
  auto ann = view->GetNodeByExternalId("10");
  auto bo = view->GetNodeByExternalId("2");
  auto letter = view->GetNodeByExternalId("3");
  ASSERT_TRUE(ann.ok() && bo.ok() && letter.ok());
  // Ids follow the numeric order of the external ids: 2 < 3 < 10.
  EXPECT_LT(bo->id, letter->id);
  EXPECT_LT(letter->id, ann->id);
  EXPECT_EQ(std::get<std::string>(letter->properties.at("date")), "2020-10-16");
  EXPECT_EQ(view->GetNodeByKey("Person", "10")->name, "Ann Lee");
  EXPECT_EQ(view->FindNodes({.query = "jukneviciene", .match = NameMatch::kToken})->nodes.size(),
            1u);
  EXPECT_EQ(*view->Degree(letter->id, Direction::kIn, "SIGNED"), 2u);
  EXPECT_EQ(
      std::get<int64_t>(view->GetEdge({bo->id, "SIGNED", letter->id})->properties.at("order")), 2);
  EXPECT_EQ(NeighborExternalIds(letter->id, Direction::kIn, "SIGNED"),
            (std::vector<std::string>{"2", "10"}));
  EXPECT_EQ(view->Stats()->edges_by_type.at("SIGNED"), 2u);
  ExpectClean();
  // The store keeps working normally after a bulk load.
  NodeId added = AddNode(kPerson, "After Load");
  EXPECT_GT(added, ann->id);
  AddEdge(added, "SIGNED", letter->id);
  ExpectClean();
}

TEST_F(BulkLoadTest, RejectsBadRowsWithoutSideEffects) {
  auto loader = Begin();
  ASSERT_TRUE(loader->AddNode("a", "Person", "A").ok());
  EXPECT_TRUE(absl::IsAlreadyExists(loader->AddNode("a", "Person", "Again")));
  EXPECT_TRUE(absl::IsInvalidArgument(loader->AddNode("", "Person", "No id")));
  EXPECT_TRUE(absl::IsInvalidArgument(loader->AddNode("b", "", "No type")));
  EXPECT_TRUE(absl::IsInvalidArgument(loader->AddNode("c", "Person", "bad \xff")));
  ASSERT_TRUE(loader->AddNode("b", "Person", "B").ok());
  absl::Status unknown = loader->AddEdge("a", "zzz", "KNOWS");
  EXPECT_TRUE(absl::IsNotFound(unknown));
  EXPECT_NE(unknown.message().find("'zzz'"), std::string::npos);
  EXPECT_TRUE(absl::IsFailedPrecondition(loader->AddNode("d", "Person", "Late")));
  ASSERT_TRUE(loader->AddEdge("a", "b", "KNOWS").ok());
  ASSERT_TRUE(loader->Commit().ok());
  loader.reset();
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 2u);
  ExpectClean();
}

TEST_F(BulkLoadTest, AbandonedLoadWritesNothing) {
  {
    auto loader = Begin();
    ASSERT_TRUE(loader->AddNode("1", "Person", "Ghost").ok());
    ASSERT_TRUE(loader->AddEdge("1", "1", "SELF").ok());
  }
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
  EXPECT_FALSE(graph_->store()->edge_types().Find("SELF").has_value());
  AddNode(kPerson, "Real");
  ExpectClean();
}

TEST_F(BulkLoadTest, SpillsSortedRunsUnderATinyBudgetAndStillLoadsEverything) {
  auto loader = BeginWithSmallestRuns();
  constexpr int kNodes = 2'000;
  for (int i = 0; i < kNodes; ++i) {
    ASSERT_TRUE(
        loader->AddNode(std::to_string(i), i % 10 == 0 ? "Organisation" : "Person", "N").ok());
  }
  int edges = 0;
  for (int i = 0; i < kNodes; ++i) {
    for (int j = 1; j <= 100; ++j) {
      ASSERT_TRUE(
          loader->AddEdge(std::to_string(i), std::to_string((i * 31 + j * 7) % kNodes), "R").ok());
      ++edges;
    }
  }
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_GE(stats->spilled_runs, 3u);
  EXPECT_EQ(stats->edges_added + stats->duplicate_edges, static_cast<uint64_t>(edges));
  loader.reset();
  EXPECT_EQ(graph_->NewReadView()->Stats()->edge_count, stats->edges_added);
  ExpectClean();
}

// A repeated (src, type, dst) is stored once, with the properties of its first row that has
// any, whatever the sort did with the repeats: in memory, and across spilled runs. (A plain
// std::sort left the winner to chance among hundreds of repeats.)
void LoadRepeatsAndExpectTheFirstRowsProperties(BulkLoadTest* test, bool smallest_runs) {
  auto loader = smallest_runs ? test->BeginWithSmallestRuns() : test->Begin();
  constexpr int kNodes = 1'000;
  for (int i = 0; i < kNodes; ++i) {
    ASSERT_TRUE(loader->AddNode(std::to_string(i), "Person", "N").ok());
  }
  ASSERT_TRUE(loader->AddEdge("7", "8", "KNOWS").ok());  // No properties: never the winner.
  int row = 0;
  auto add_repeats = [&](int count) {
    for (int r = 0; r < count; ++r) {
      ASSERT_TRUE(loader->AddEdge("7", "8", "KNOWS", {{"row", int64_t{row++}}}).ok());
      // Between the repeats, edges of the same node on both sides of the repeated key.
      ASSERT_TRUE(loader->AddEdge("7", std::to_string(r % kNodes), "KNOWS").ok());
      ASSERT_TRUE(loader->AddEdge(std::to_string(r % kNodes), "8", "KNOWS").ok());
    }
  };
  add_repeats(300);
  // Enough edges for several runs under the tiny budget (64k entries each), then more repeats.
  for (int i = 0; i < 150'000; ++i) {
    ASSERT_TRUE(
        loader->AddEdge(std::to_string(i % kNodes), std::to_string((i * 7 + 3) % kNodes), "R")
            .ok());
  }
  add_repeats(300);
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  if (smallest_runs) {
    EXPECT_GE(stats->spilled_runs, 2u);
  } else {
    EXPECT_EQ(stats->spilled_runs, 0u);
  }
  loader.reset();
  auto view = test->graph()->NewReadView();
  NodeId seven = view->GetNodeByExternalId("7")->id;
  NodeId eight = view->GetNodeByExternalId("8")->id;
  auto edge = view->GetEdge({seven, "KNOWS", eight});
  ASSERT_TRUE(edge.ok()) << edge.status();
  EXPECT_EQ(std::get<int64_t>(edge->properties.at("row")), 0);
}

TEST_F(BulkLoadTest, ARepeatedEdgeKeepsThePropertiesOfItsFirstRowThatHasAny) {
  LoadRepeatsAndExpectTheFirstRowsProperties(this, /*smallest_runs=*/false);
  ExpectClean();
}

TEST_F(BulkLoadTest, ARepeatedEdgeKeepsThePropertiesOfItsFirstRowThatHasAnyAcrossSpilledRuns) {
  LoadRepeatsAndExpectTheFirstRowsProperties(this, /*smallest_runs=*/true);
  ExpectClean();
}

TEST_F(BulkLoadTest, LoadsIntoANonEmptyDatabase) {
  NodeId existing = AddNode(kPerson, "Existing");
  {
    auto loader = Begin();
    ASSERT_TRUE(loader->AddNode("p1", "Person", "First").ok());
    ASSERT_TRUE(loader->AddNode("p2", "Person", "Second").ok());
    ASSERT_TRUE(loader->AddEdge("p1", "p2", "KNOWS").ok());
    ASSERT_TRUE(loader->Commit().ok());
  }
  {
    // A second file refers to the first one's nodes, repeats one of its edges
    // and adds to the degree of an existing node.
    auto loader = Begin();
    EXPECT_TRUE(absl::IsAlreadyExists(loader->AddNode("p1", "Person", "Again")));
    ASSERT_TRUE(loader->AddNode("p3", "Person", "Third").ok());
    ASSERT_TRUE(loader->AddEdge("p1", "p2", "KNOWS").ok());
    ASSERT_TRUE(loader->AddEdge("p3", "p2", "KNOWS").ok());
    ASSERT_TRUE(loader->AddEdge("p2", "p1", "KNOWS").ok());
    auto stats = loader->Commit();
    ASSERT_TRUE(stats.ok()) << stats.status();
    EXPECT_EQ(stats->edges_already_stored, 1u);
    EXPECT_EQ(stats->edges_added, 2u);
  }
  auto view = graph_->NewReadView();
  NodeId p2 = view->GetNodeByExternalId("p2")->id;
  EXPECT_EQ(*view->Degree(p2, Direction::kIn, "KNOWS"), 2u);
  EXPECT_EQ(*view->Degree(p2, Direction::kOut, "KNOWS"), 1u);
  EXPECT_EQ(view->Stats()->nodes_by_type.at("Person"), 4u);
  EXPECT_TRUE(view->GetNode(existing).ok());
  ExpectClean();
}

TEST_F(BulkLoadTest, GaplessNumericIdsResolveAlongsideIdsOfAnEarlierLoad) {
  {
    auto loader = Begin();
    for (const char* id : {"1", "2", "3"}) ASSERT_TRUE(loader->AddNode(id, "Person", id).ok());
    ASSERT_TRUE(loader->Commit().ok());
  }
  auto loader = Begin();
  // 4..6 without gaps: resolved by arithmetic; "2" is the earlier load's, "7" and "05" nobody's.
  for (const char* id : {"6", "4", "5"})
    ASSERT_TRUE(loader->AddNode(id, id[0] == '5' ? "Letter" : "Person", id).ok());
  ASSERT_TRUE(loader->AddEdge("4", "5", "SIGNED").ok());
  ASSERT_TRUE(loader->AddEdge("6", "5", "SIGNED").ok());
  ASSERT_TRUE(loader->AddEdge("2", "5", "SIGNED").ok());
  ASSERT_TRUE(loader->AddEdge("5", "2", "ADDRESSED_TO").ok());
  EXPECT_TRUE(absl::IsNotFound(loader->AddEdge("7", "5", "SIGNED")));
  EXPECT_TRUE(absl::IsNotFound(loader->AddEdge("05", "4", "SIGNED")));
  EXPECT_TRUE(absl::IsNotFound(loader->AddEdge("4", "0", "SIGNED")));
  ASSERT_TRUE(loader->Commit().ok());
  loader.reset();
  auto view = graph_->NewReadView();
  NodeId letter = view->GetNodeByExternalId("5")->id;
  EXPECT_EQ(view->GetNodeByExternalId("4")->id + 1, letter);
  EXPECT_EQ(NeighborExternalIds(letter, Direction::kIn, "SIGNED"),
            (std::vector<std::string>{"2", "4", "6"}));
  EXPECT_EQ(NeighborExternalIds(letter, Direction::kOut, "ADDRESSED_TO"),
            (std::vector<std::string>{"2"}));
  ExpectClean();
}

// Loaded into an empty database, the snapshot is assembled from what the load wrote: served
// from memory at once, without reading the load back, and answering exactly as RocksDB does.
TEST_F(BulkLoadTest, AnEmptyDatabaseIsServedFromTheLoadsOwnSnapshotAtOnce) {
  ReopenWithAdjacencySnapshot();
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());  // The empty state's, at open.
  const int64_t builds = graph_->AdjacencySnapshotBuilds();
  auto loader = Begin();
  constexpr int kNodes = 400;
  for (int i = 0; i < kNodes; ++i) {
    ASSERT_TRUE(loader
                    ->AddNode("n" + std::to_string(i * 7 % kNodes),
                              i % 3 == 0 ? "Letter" : (i % 3 == 1 ? "Person" : "Organisation"),
                              i % 2 ? "Rasa Juknevičienė " + std::to_string(i % 9) : "Токаев")
                    .ok());
  }
  for (int i = 0; i < 5000; ++i) {  // Repeats, self-loops, a few supernodes, properties.
    const int a = i % 11 == 0 ? 0 : (i * 31) % kNodes, b = (i * i + 3) % kNodes;
    Properties props;
    if (i % 13 == 0) props["i"] = int64_t{i};
    ASSERT_TRUE(loader
                    ->AddEdge("n" + std::to_string(a), "n" + std::to_string(b),
                              i % 4 == 0 ? "SIGNED" : "MEMBER_OF", props)
                    .ok());
  }
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_GT(stats->duplicate_edges, 0u);
  loader.reset();
  EXPECT_EQ(graph_->AdjacencySnapshotBuilds(), builds + 1);
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());  // Nothing left to build.
  EXPECT_EQ(graph_->AdjacencySnapshotBuilds(), builds + 1);

  auto [memory, disk] = Views();
  ASSERT_TRUE(memory->uses_adjacency_snapshot());
  for (int i = 0; i < kNodes; ++i) {
    const std::string external_id = "n" + std::to_string(i);
    auto m = memory->GetNodeByExternalId(external_id);
    auto d = disk->GetNodeByExternalId(external_id);
    ASSERT_TRUE(m.ok() && d.ok()) << external_id << ": " << m.status() << ", " << d.status();
    EXPECT_EQ(m->id, d->id);
    EXPECT_EQ(*memory->GetNode(m->id, NodeView::kBasic), *disk->GetNode(d->id, NodeView::kBasic));
    EXPECT_EQ(AllPages(*memory, BothWays(m->id)), AllPages(*disk, BothWays(d->id))) << external_id;
    EXPECT_EQ(*memory->Degree(m->id, Direction::kIn, "SIGNED"),
              *disk->Degree(d->id, Direction::kIn, "SIGNED"));
  }
  auto m = memory->FindNodes({.query = "Токаев", .match = NameMatch::kVerbatim, .page_size = 1000});
  auto d = disk->FindNodes({.query = "Токаев", .match = NameMatch::kVerbatim, .page_size = 1000});
  ASSERT_TRUE(m.ok() && d.ok());
  EXPECT_EQ(m->nodes.size(), static_cast<size_t>(kNodes / 2));
  EXPECT_EQ(m->nodes, d->nodes);
  ExpectClean();
}

// Nodes without a single edge: the snapshot's entries have no array to be written over, and
// every neighbour list is empty, as in RocksDB.
TEST_F(BulkLoadTest, AnEmptyDatabaseLoadedWithNodesAloneIsServedFromItsSnapshot) {
  ReopenWithAdjacencySnapshot();
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  auto loader = Begin();
  for (int i = 0; i < 3; ++i)
    ASSERT_TRUE(loader->AddNode(std::to_string(i), "Person", "P" + std::to_string(i)).ok());
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  loader.reset();
  auto [memory, disk] = Views();
  ASSERT_TRUE(memory->uses_adjacency_snapshot());
  for (int i = 0; i < 3; ++i) {
    const NodeId id = memory->GetNodeByExternalId(std::to_string(i))->id;
    EXPECT_TRUE(AllPages(*memory, BothWays(id)).empty());
    EXPECT_EQ(AllPages(*memory, BothWays(id)), AllPages(*disk, BothWays(id)));
  }
  ExpectClean();
}

// Spilled edges leave no room for a snapshot beside them: the load's state is built from the
// database instead, and served the same.
TEST_F(BulkLoadTest, ASpilledLoadLeavesTheSnapshotToTheRefresher) {
  ReopenWithAdjacencySnapshot();
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  auto loader = BeginWithSmallestRuns();
  for (int i = 0; i < 1000; ++i)
    ASSERT_TRUE(loader->AddNode(std::to_string(i), "Person", "P").ok());
  for (int i = 0; i < 100'000; ++i) {
    ASSERT_TRUE(
        loader->AddEdge(std::to_string(i % 1000), std::to_string(i * 7 % 1000), "KNOWS").ok());
  }
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  ASSERT_GE(stats->spilled_runs, 1u);
  loader.reset();
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  auto [memory, disk] = Views();
  for (NodeId id : {memory->GetNodeByExternalId("0")->id, memory->GetNodeByExternalId("999")->id})
    EXPECT_EQ(AllPages(*memory, BothWays(id)), AllPages(*disk, BothWays(id)));
}

// The hint sizes the edge buffer, within the budget: a wild one neither allocates terabytes
// nor changes what is loaded.
TEST_F(BulkLoadTest, AnEdgeCountHintIsCappedByTheMemoryBudget) {
  auto loader = BeginWithSmallestRuns(/*expected_edges=*/uint64_t{1} << 40);
  for (int i = 0; i < 100; ++i) ASSERT_TRUE(loader->AddNode(std::to_string(i), "P", "N").ok());
  for (int i = 0; i < 70'000; ++i) {
    ASSERT_TRUE(loader->AddEdge(std::to_string(i % 100), std::to_string(i / 100 % 100), "R").ok());
  }
  auto stats = loader->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
  EXPECT_EQ(stats->spilled_runs, 2u);  // 64k entries a run.
  EXPECT_EQ(stats->edges_added, 100u * 100u);
  loader.reset();
  ExpectClean();
}

// The budget bounds the nodes' tables too: a load whose nodes alone would not leave the
// writers their reserve and the edges their smallest run stops as soon as the tables show it,
// with an error that says what would do, and writes nothing.
TEST_F(BulkLoadTest, NodesBeyondTheMemoryBudgetStopTheLoadAndWriteNothing) {
  constexpr uint64_t kBudget = 80 << 20;  // 16 MiB beside the writers' reserve.
  auto loader = Begin(kBudget);
  const std::string long_name(2000, 'n');
  absl::Status status;
  int added = 0;
  for (; added < 40'000 && status.ok(); ++added) {
    status = loader->AddNode(std::to_string(added), "Person", long_name + std::to_string(added));
  }
  ASSERT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_LT(added, 16'000);  // Stopped once the tables outgrew the budget, not at the end.
  EXPECT_NE(status.message().find("memory budget of 80 MiB is too small"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("more than"), std::string::npos) << status;
  EXPECT_TRUE(loader->stopped());
  // Every later call fails alike.
  EXPECT_EQ(loader->AddNode("x", "Person", "X").code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(loader->AddEdge("1", "2", "KNOWS").code(), absl::StatusCode::kResourceExhausted);
  EXPECT_EQ(loader->Commit().status().code(), absl::StatusCode::kResourceExhausted);
  loader.reset();
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
  ExpectClean();
}

// Read whole, the nodes are measured before the first edge: the error then names the budget
// that would do, and that budget does.
TEST_F(BulkLoadTest, TheErrorForAllTheNodesNamesABudgetThatLoadsThem) {
  const std::string long_name(4000, 'n');
  auto load = [&](uint64_t budget) -> absl::Status {
    auto loader = Begin(budget);
    for (int i = 0; i < 3'000; ++i) {
      DOSSIER_RETURN_IF_ERROR(loader->AddNode(std::to_string(i), "Person", long_name));
    }
    DOSSIER_RETURN_IF_ERROR(loader->AddEdge("1", "2", "KNOWS"));
    return loader->Commit().status();
  };
  absl::Status status = load(70 << 20);
  ASSERT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  const std::string message(status.message());
  const size_t at = message.find("give at least ");
  ASSERT_NE(at, std::string::npos) << message;
  const uint64_t suggested = std::stoull(message.substr(at + 14));
  EXPECT_GT(suggested, 70u);
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
  ASSERT_TRUE(load(suggested << 20).ok());
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 3'000u);
  ExpectClean();
}

// Edges' properties stay in memory until the files are written: beyond the edges' share of
// the budget, with the smallest run beside them, the load stops and writes nothing.
TEST_F(BulkLoadTest, EdgePropertiesBeyondTheBudgetStopTheLoad) {
  auto loader = Begin(/*budget=*/80 << 20);  // 16 MiB beside the writers' reserve.
  for (int i = 0; i < 1'000; ++i) {
    ASSERT_TRUE(loader->AddNode(std::to_string(i), "Person", "P").ok());
  }
  const std::string note(400, 'x');
  absl::Status status;
  int added = 0;
  for (; added < 100'000 && status.ok(); ++added) {
    status = loader->AddEdge(std::to_string(added % 1000), std::to_string(added * 7 % 1000),
                             "KNOWS", {{"note", note + std::to_string(added)}});
  }
  ASSERT_EQ(status.code(), absl::StatusCode::kResourceExhausted) << status;
  EXPECT_LT(added, 60'000);  // About 13 MiB of properties, not all of them.
  EXPECT_NE(status.message().find("the edges' properties read so far hold"), std::string::npos)
      << status;
  EXPECT_TRUE(loader->stopped());
  EXPECT_EQ(loader->Commit().status().code(), absl::StatusCode::kResourceExhausted);
  loader.reset();
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
  ExpectClean();
}

// The edges get what the nodes and the writers leave: heavier nodes, fewer edges a run.
TEST_F(BulkLoadTest, TheEdgesGetWhatTheNodesLeaveOfTheBudget) {
  constexpr uint64_t kBudget = 84 << 20;  // 20 MiB beside the writers' reserve.
  auto load = [&](const std::string& prefix, size_t name_bytes) -> BulkLoadStats {
    auto loader = Begin(kBudget);
    const std::string name(name_bytes, 'n');
    for (int i = 0; i < 1'000; ++i) {
      EXPECT_TRUE(loader->AddNode(prefix + std::to_string(i), "Person", name).ok());
    }
    for (int i = 0; i < 200'000; ++i) {
      EXPECT_TRUE(loader
                      ->AddEdge(prefix + std::to_string(i % 1000),
                                prefix + std::to_string(i * 7 % 1000), "R")
                      .ok());
    }
    auto stats = loader->Commit();
    EXPECT_TRUE(stats.ok()) << stats.status();
    return stats.ok() ? *stats : BulkLoadStats{};
  };
  const BulkLoadStats light = load("a", 8), heavy = load("b", 6000);
  for (const BulkLoadStats& s : {light, heavy}) {
    const uint64_t spent = s.node_table_bytes + s.edges_per_run * BulkLoadBudget::kEdgeSortBytes +
                           BulkLoadBudget::kWriterReserveBytes;
    EXPECT_LE(spent, kBudget);
    EXPECT_GT(spent + BulkLoadBudget::kEdgeSortBytes, kBudget);  // All of it.
  }
  EXPECT_GE(heavy.node_table_bytes, light.node_table_bytes + 3'000'000);
  EXPECT_LT(heavy.edges_per_run, light.edges_per_run);
  EXPECT_EQ(light.spilled_runs, 0u);
  EXPECT_GE(heavy.spilled_runs, 2u);
  EXPECT_EQ(light.edges_added, heavy.edges_added);  // The same edges, spilled or not.
  EXPECT_GT(light.edges_added, 0u);
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
