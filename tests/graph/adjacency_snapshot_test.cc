// The in-memory adjacency snapshot must be invisible except in speed: every
// read answers exactly as RocksDB does at the same sequence number.
#include "graph/adjacency_snapshot.h"

#include <random>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class AdjacencySnapshotTest : public GraphTest {
 protected:
  void SetUp() override {
    ReopenWithAdjacencySnapshot();
    // A random multigraph: three edge types, two node types, self-loops.
    std::mt19937 rng(7);
    auto txn = Begin();
    for (int i = 0; i < 300; ++i) {
      ids_.push_back(*txn->UpsertNode({.type = i % 5 == 0 ? "Organisation" : "Person",
                                       .key = std::to_string(i),
                                       .name = "N" + std::to_string(i)}));
    }
    const char* types[] = {"signed", "knows", "member-of"};
    for (int e = 0; e < 2000; ++e) {
      NodeId a = ids_[rng() % ids_.size()];
      NodeId b = rng() % 50 == 0 ? a : ids_[(rng() % 7 == 0) ? 0 : rng() % ids_.size()];
      ASSERT_TRUE(txn->UpsertEdge({a, types[rng() % 3], b}).ok());
    }
    ASSERT_TRUE(txn->Commit().ok());
    ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  }

  std::vector<NodeId> ids_;
};

std::vector<std::tuple<NodeId, int32_t, NodeId, std::string>> Hits(
    const ReadView& view, const TraversalRequest& request) {
  std::vector<std::tuple<NodeId, int32_t, NodeId, std::string>> hits;
  auto summary = view.Traverse(request, [&](const TraversalHit& h) {
    hits.emplace_back(h.node, h.depth, h.via_node, h.via_edge_type);
    return true;
  });
  EXPECT_TRUE(summary.ok());
  return hits;
}

TEST_F(AdjacencySnapshotTest, NeighboursAnswerExactlyAsRocksDb) {
  auto [memory, disk] = Views();
  for (NodeId node : {ids_[0], ids_[1], ids_[17], ids_[299]}) {
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      for (std::vector<std::string> types :
           {std::vector<std::string>{}, {"knows"}, {"signed", "member-of"}}) {
        for (std::vector<std::string> neighbor_types :
             {std::vector<std::string>{}, {"Organisation"}}) {
          NeighborsRequest request{.node = node,
                                   .direction = d,
                                   .edge_types = types,
                                   .neighbor_types = neighbor_types,
                                   .page_size = 7};
          EXPECT_EQ(AllPages(*memory, request), AllPages(*disk, request));
        }
      }
    }
  }
  // A token from one path resumes on the other.
  auto first = memory->Neighbors({.node = ids_[0], .direction = Direction::kBoth, .page_size = 5});
  ASSERT_FALSE(first->next_page_token.empty());
  auto rest_memory = memory->Neighbors({.node = ids_[0],
                                        .direction = Direction::kBoth,
                                        .page_size = 5,
                                        .page_token = first->next_page_token});
  auto rest_disk = disk->Neighbors({.node = ids_[0],
                                    .direction = Direction::kBoth,
                                    .page_size = 5,
                                    .page_token = first->next_page_token});
  EXPECT_EQ(rest_memory->neighbors, rest_disk->neighbors);
}

// skip (AIP-158) starts a page k neighbours on: the same neighbours as walking there page by
// page, on both paths, with and without filters and tokens.
TEST_F(AdjacencySnapshotTest, SkipStartsThePageFurtherOnBothPaths) {
  auto [memory, disk] = Views();
  for (NodeId node : {ids_[0], ids_[1], ids_[17]}) {
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      for (std::vector<std::string> types :
           {std::vector<std::string>{}, {"knows"}, {"signed", "member-of"}}) {
        for (std::vector<std::string> neighbor_types :
             {std::vector<std::string>{}, {"Organisation"}}) {
          NeighborsRequest all{.node = node,
                               .direction = d,
                               .edge_types = types,
                               .neighbor_types = neighbor_types,
                               .page_size = 1000};
          std::vector<Neighbor> everything = AllPages(*disk, all);
          const int64_t size = static_cast<int64_t>(everything.size());
          // Within the first edge type's run, across runs, to and past the end.
          for (int64_t skip :
               {int64_t{0}, int64_t{1}, int64_t{6}, int64_t{13}, int64_t{40}, int64_t{97},
                int64_t{150}, size / 2, std::max<int64_t>(size - 1, 0), size, size + 5}) {
            NeighborsRequest request = all;
            request.page_size = 4;
            request.skip = skip;
            for (const ReadView* view : {memory.get(), disk.get()}) {
              auto page = view->Neighbors(request);
              ASSERT_TRUE(page.ok()) << page.status();
              std::vector<Neighbor> expected(
                  everything.begin() + std::min<int64_t>(skip, everything.size()),
                  everything.begin() + std::min<int64_t>(skip + 4, everything.size()));
              EXPECT_EQ(page->neighbors, expected) << node << " skip " << skip;
              EXPECT_EQ(page->next_page_token.empty(),
                        skip + 4 >= static_cast<int64_t>(everything.size()));
              if (page->next_page_token.empty()) continue;
              // The token resumes right after the skipped-to page.
              NeighborsRequest next = all;
              next.page_size = 1000;
              next.page_token = page->next_page_token;
              EXPECT_EQ(AllPages(*view, next),
                        std::vector<Neighbor>(everything.begin() + skip + 4, everything.end()));
            }
          }
        }
      }
    }
  }
  EXPECT_TRUE(absl::IsInvalidArgument(memory->Neighbors({.node = ids_[0], .skip = -1}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(disk->Neighbors({.node = ids_[0], .skip = -1}).status()));
}

TEST_F(AdjacencySnapshotTest, TraversalsPathsAndSubgraphsAnswerExactlyAsRocksDb) {
  auto [memory, disk] = Views();
  for (NodeId seed : {ids_[0], ids_[3], ids_[250]}) {
    for (Direction d : {Direction::kOut, Direction::kIn, Direction::kBoth}) {
      TraversalRequest request{.seeds = {seed}, .max_depth = 3, .direction = d};
      EXPECT_EQ(Hits(*memory, request), Hits(*disk, request));
      request.edge_types = {"knows"};
      request.node_types = {"Person"};
      request.limits.max_edges_per_node = 3;
      EXPECT_EQ(Hits(*memory, request), Hits(*disk, request));
    }
  }
  for (int i = 1; i < 40; i += 3) {
    ShortestPathRequest request{
        .from = ids_[i], .to = ids_[299 - i], .direction = Direction::kOut, .max_paths = 10};
    auto a = memory->ShortestPaths(request);
    auto b = disk->ShortestPaths(request);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->length, b->length);
    ASSERT_EQ(a->paths.size(), b->paths.size());
    for (size_t p = 0; p < a->paths.size(); ++p) EXPECT_EQ(a->paths[p].nodes, b->paths[p].nodes);
  }
  auto sub_a = memory->GetSubgraph({.seeds = {ids_[5]}, .depth = 2});
  auto sub_b = disk->GetSubgraph({.seeds = {ids_[5]}, .depth = 2});
  ASSERT_TRUE(sub_a.ok() && sub_b.ok());
  EXPECT_EQ(sub_a->nodes, sub_b->nodes);
  EXPECT_EQ(sub_a->edges, sub_b->edges);
}

TEST_F(AdjacencySnapshotTest, AWriteRetiresTheSnapshotUntilItIsRebuilt) {
  NodeId fresh = AddNode(kPerson, "Fresh");
  AddEdge(ids_[0], "knows", fresh);
  // The snapshot no longer matches the database: reads go to RocksDB and see the write.
  auto view = graph_->NewReadView();
  if (!view->uses_adjacency_snapshot()) {
    auto page = view->Neighbors({.node = fresh, .direction = Direction::kIn});
    ASSERT_EQ(page->neighbors.size(), 1u);
  }
  // The background refresher catches up once writes are quiet.
  bool refreshed = false;
  for (int i = 0; i < 100 && !refreshed; ++i) {
    refreshed = graph_->NewReadView()->uses_adjacency_snapshot();
    if (!refreshed) absl::SleepFor(absl::Milliseconds(50));
  }
  ASSERT_TRUE(refreshed);
  auto page = graph_->NewReadView()->Neighbors({.node = fresh, .direction = Direction::kIn});
  ASSERT_EQ(page->neighbors.size(), 1u);
  EXPECT_EQ(page->neighbors[0].node, ids_[0]);
  ExpectClean();
}

// The node directory (types, names, external ids) kept with the snapshot answers basic lookups
// exactly as the stored records do, gaps left by deleted nodes included.
TEST_F(AdjacencySnapshotTest, BasicNodeLookupsAnswerExactlyAsRocksDb) {
  {
    auto txn = Begin();
    for (int i = 0; i < 40; ++i) {
      NodeSpec spec{.type = i % 3 == 0 ? "Letter" : "Person",
                    .key = "x" + std::to_string(i),
                    .name = i % 2 ? "Rasa Juknevičienė " + std::to_string(i % 7) : "Токаев",
                    .aliases = {"alias " + std::to_string(i)},
                    .properties = {{"n", int64_t{i}}}};
      if (i % 4 != 0) spec.external_id = "ext-" + std::to_string(i);
      ASSERT_TRUE(txn->UpsertNode(spec).ok());
    }
    auto doomed = txn->GetNodeByExternalId("ext-5");
    ASSERT_TRUE(doomed.ok());
    ASSERT_TRUE(txn->DeleteNode(doomed->id).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  ASSERT_TRUE(graph_->RefreshAdjacencySnapshot().ok());
  auto [memory, disk] = Views();
  ASSERT_TRUE(memory->uses_adjacency_snapshot());
  int found = 0;
  for (NodeId id = 0; id < 400; ++id) {
    auto m = memory->GetNode(id, NodeView::kBasic);
    auto d = disk->GetNode(id, NodeView::kBasic);
    ASSERT_EQ(m.status().code(), d.status().code()) << id;
    if (!m.ok()) continue;
    ++found;
    EXPECT_EQ(*m, *d) << id;
    EXPECT_TRUE(m->aliases.empty() && m->properties.empty() && m->key.empty());
    auto full = memory->GetNode(id);
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full->name, m->name);
    EXPECT_EQ(full->external_id, m->external_id);
  }
  EXPECT_EQ(found, 300 + 39);
  for (int i = 0; i < 42; ++i) {
    std::string ext = "ext-" + std::to_string(i);
    auto m = memory->ResolveExternalId(ext);
    auto d = disk->ResolveExternalId(ext);
    ASSERT_EQ(m.status().code(), d.status().code()) << ext;
    EXPECT_EQ(m.ok(), i % 4 != 0 && i != 5 && i < 40) << ext;
    if (m.ok()) {
      EXPECT_EQ(*m, *d);
      EXPECT_EQ(*memory->GetNodeByExternalId(ext), *disk->GetNodeByExternalId(ext));
    }
  }
  EXPECT_TRUE(absl::IsNotFound(memory->ResolveExternalId("").status()));
  for (NameMatch match : {NameMatch::kExact, NameMatch::kPrefix, NameMatch::kToken}) {
    for (std::string query : {"Rasa Juknevičienė 3", "rasa", "tokaev", "n1"}) {
      if (match == NameMatch::kExact && query == "rasa") continue;
      if (match == NameMatch::kToken && query.find(' ') != std::string::npos) continue;
      for (NodeView view : {NodeView::kBasic, NodeView::kFull}) {
        FindNodesRequest request{.query = query, .match = match, .view = view, .page_size = 3};
        std::vector<Node> from_memory, from_disk;
        using Target = std::pair<const ReadView*, std::vector<Node>*>;
        for (auto [v, out] : {Target{memory.get(), &from_memory}, Target{disk.get(), &from_disk}}) {
          FindNodesRequest r = request;
          do {
            auto page = v->FindNodes(r);
            ASSERT_TRUE(page.ok()) << page.status();
            out->insert(out->end(), page->nodes.begin(), page->nodes.end());
            r.page_token = page->next_page_token;
          } while (!r.page_token.empty());
        }
        EXPECT_EQ(from_memory, from_disk) << query;
        EXPECT_FALSE(from_memory.empty()) << query;
      }
    }
  }
  // After a write the directory is stale: lookups fall back to RocksDB and see the write.
  {
    auto txn = Begin();
    ASSERT_TRUE(txn->UpsertNode(
                       {.type = "Person", .key = "late", .name = "Late", .external_id = "ext-late"})
                    .ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto after = graph_->NewReadView();
  auto late = after->GetNodeByExternalId("ext-late", NodeView::kBasic);
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_EQ(late->name, "Late");
}

}  // namespace
}  // namespace dossier::graph

namespace dossier::graph {
namespace {

// A build costs seconds of both cores on a big graph: a state is built once, whoever asks.
TEST(AdjacencyRefresherTest, AStateAlreadyBuiltIsNotBuiltAgain) {
  testing::TempDir dir;
  GraphOptions options;
  options.path = dir.Sub("db");
  options.adjacency_snapshot = true;
  options.adjacency_quiet_period = absl::Hours(1);  // Only the build at open is automatic.
  auto graph = Graph::Open(options);
  ASSERT_TRUE(graph.ok()) << graph.status();
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while ((*graph)->AdjacencySnapshotBuilds() == 0 && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  ASSERT_EQ((*graph)->AdjacencySnapshotBuilds(), 1);  // At open.
  EXPECT_TRUE((*graph)->NewReadView()->uses_adjacency_snapshot());
  ASSERT_TRUE((*graph)->RefreshAdjacencySnapshot().ok());
  ASSERT_TRUE((*graph)->RefreshAdjacencySnapshot().ok());
  EXPECT_EQ((*graph)->AdjacencySnapshotBuilds(), 1);

  auto txn = (*graph)->BeginWrite();
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE((*txn)->UpsertNode({.type = "Person", .key = "a", .name = "A"}).ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  absl::SleepFor(absl::Milliseconds(500));  // Two of the refresher's rounds: still not quiet.
  EXPECT_EQ((*graph)->AdjacencySnapshotBuilds(), 1);
  EXPECT_FALSE((*graph)->NewReadView()->uses_adjacency_snapshot());
  ASSERT_TRUE((*graph)->RefreshAdjacencySnapshot().ok());
  ASSERT_TRUE((*graph)->RefreshAdjacencySnapshot().ok());
  EXPECT_EQ((*graph)->AdjacencySnapshotBuilds(), 2);
  EXPECT_TRUE((*graph)->NewReadView()->uses_adjacency_snapshot());
}

}  // namespace
}  // namespace dossier::graph

namespace dossier::graph {
namespace {

// The background refresher builds on one thread, explicit refreshes on three: the same snapshot.
// An entry holds a neighbour in 32 bits and types in 16: a stored id beyond what fits is
// reported as corruption, never cut to another node's id or another type.
TEST_F(AdjacencySnapshotTest, AnIdThatAnEntryCannotHoldIsCorruptionNotACutId) {
  GraphStore* store = graph_->store();
  auto build = [&]() {
    const rocksdb::Snapshot* at = store->db()->GetSnapshot();
    auto built = AdjacencySnapshot::Build(store, at, /*parallel=*/false);
    store->db()->ReleaseSnapshot(at);
    return built.status();
  };
  ASSERT_TRUE(build().ok());
  // Cut to 32 bits, this neighbour would be ids_[1].
  const std::string far_key = AdjacencyKey(ids_[0], 1, (uint64_t{1} << 32) + ids_[1]);
  ASSERT_TRUE(store->db()->Put({}, store->cf(kOutEdgesCf), far_key, EncodeFixed32BE(1)).ok());
  absl::Status status = build();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_NE(status.message().find(absl::StrCat("edge to node ", (uint64_t{1} << 32) + ids_[1])),
            std::string::npos)
      << status;
  ASSERT_TRUE(store->db()->Delete({}, store->cf(kOutEdgesCf), far_key).ok());
  ASSERT_TRUE(build().ok());
  // Cut to 16 bits, this neighbour type would be type 1.
  const std::string in_key = AdjacencyKey(ids_[2], 1, ids_[3]);
  ASSERT_TRUE(store->db()->Put({}, store->cf(kInEdgesCf), in_key, EncodeFixed32BE(65537)).ok());
  status = build();
  EXPECT_TRUE(absl::IsDataLoss(status)) << status;
  EXPECT_NE(status.message().find("type id beyond the registry's"), std::string::npos) << status;
}

TEST_F(AdjacencySnapshotTest, OneThreadAndThreeBuildTheSameSnapshot) {
  const rocksdb::Snapshot* at = graph_->store()->db()->GetSnapshot();
  auto parallel = AdjacencySnapshot::Build(graph_->store(), at, /*parallel=*/true);
  auto sequential = AdjacencySnapshot::Build(graph_->store(), at, /*parallel=*/false);
  graph_->store()->db()->ReleaseSnapshot(at);
  ASSERT_TRUE(parallel.ok()) << parallel.status();
  ASSERT_TRUE(sequential.ok()) << sequential.status();
  EXPECT_EQ((*parallel)->sequence(), (*sequential)->sequence());
  EXPECT_EQ((*parallel)->id_limit(), (*sequential)->id_limit());
  auto same = [](std::span<const AdjacencySnapshot::Entry> a,
                 std::span<const AdjacencySnapshot::Entry> b) {
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
             return x.neighbor == y.neighbor && x.edge_type == y.edge_type &&
                    x.neighbor_type == y.neighbor_type;
           });
  };
  size_t entries = 0;
  for (NodeId id = 0; id < (*parallel)->id_limit() + 2; ++id) {
    for (bool out : {true, false}) {
      EXPECT_TRUE(same((*parallel)->Edges(id, out), (*sequential)->Edges(id, out))) << id;
      entries += (*parallel)->Edges(id, out).size();
    }
    const NodeDirectory& p = (*parallel)->directory();
    const NodeDirectory& s = (*sequential)->directory();
    ASSERT_EQ(p.Contains(id), s.Contains(id)) << id;
    if (p.Contains(id)) {
      EXPECT_EQ(p.type(id), s.type(id));
      EXPECT_EQ(p.name(id), s.name(id));
      EXPECT_EQ(p.external_id(id), s.external_id(id));
    }
  }
  auto stats = graph_->NewReadView()->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(entries, 2 * stats->edge_count);  // Each edge once in each direction.
  EXPECT_GT(entries, 0u);
}

}  // namespace
}  // namespace dossier::graph
