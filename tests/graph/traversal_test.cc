#include <set>
#include <string>

#include "absl/time/clock.h"
#include "graph/graph.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class TraversalTest : public GraphTest {
 protected:
  // A chain a -> b -> c -> d plus a -> x (Organisation), and e -> a.
  void SetUp() override {
    GraphTest::SetUp();
    a_ = AddNode(kPerson, "A");
    b_ = AddNode(kPerson, "B");
    c_ = AddNode(kPerson, "C");
    d_ = AddNode(kPerson, "D");
    x_ = AddNode(kOrganisation, "X");
    e_ = AddNode(kPerson, "E");
    AddEdge(a_, "knows", b_);
    AddEdge(b_, "knows", c_);
    AddEdge(c_, "knows", d_);
    AddEdge(a_, "member-of", x_);
    AddEdge(e_, "knows", a_);
  }

  std::vector<TraversalHit> Run(TraversalRequest request, TraversalSummary* summary = nullptr) {
    std::vector<TraversalHit> hits;
    auto s = graph_->NewReadView()->Traverse(request, [&](const TraversalHit& h) {
      hits.push_back(h);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.status();
    if (summary) *summary = *s;
    return hits;
  }

  NodeId a_, b_, c_, d_, x_, e_;
};

TEST_F(TraversalTest, BfsReportsDepthAndTheEdgeThatReachedEachNode) {
  TraversalSummary summary;
  auto hits = Run({.seeds = {a_}, .max_depth = 2, .direction = Direction::kOut}, &summary);
  ASSERT_EQ(hits.size(), 4u);  // a, b, x, c
  EXPECT_EQ(hits[0].node, a_);
  EXPECT_EQ(hits[0].depth, 0);
  std::set<NodeId> depth1 = {hits[1].node, hits[2].node};
  EXPECT_EQ(depth1, (std::set<NodeId>{b_, x_}));
  EXPECT_EQ(hits[3].node, c_);
  EXPECT_EQ(hits[3].depth, 2);
  EXPECT_EQ(hits[3].via_node, b_);
  EXPECT_EQ(hits[3].via_edge_type, "knows");
  EXPECT_EQ(hits[3].via_direction, Direction::kOut);
  EXPECT_FALSE(summary.truncated);
  EXPECT_EQ(summary.reason, StopReason::kNone);
}

TEST_F(TraversalTest, DirectionMinDepthAndFilters) {
  auto in_hits = Run({.seeds = {a_}, .max_depth = 3, .direction = Direction::kIn});
  ASSERT_EQ(in_hits.size(), 2u);
  EXPECT_EQ(in_hits[1].node, e_);
  EXPECT_EQ(in_hits[1].via_direction, Direction::kIn);

  auto deep = Run({.seeds = {a_}, .min_depth = 2, .max_depth = 3, .direction = Direction::kOut});
  std::vector<NodeId> ids;
  for (auto& h : deep) ids.push_back(h.node);
  EXPECT_EQ(ids, (std::vector<NodeId>{c_, d_}));

  auto persons =
      Run({.seeds = {a_}, .max_depth = 1, .direction = Direction::kBoth, .node_types = {"Person"}});
  EXPECT_EQ(persons.size(), 3u);  // a, b, e (not x)
  auto members = Run({.seeds = {a_}, .max_depth = 3, .edge_types = {"member-of"}});
  EXPECT_EQ(members.size(), 2u);
  auto unknown = Run({.seeds = {a_}, .max_depth = 3, .edge_types = {"nope"}});
  EXPECT_EQ(unknown.size(), 1u);  // Just the seed.
}

TEST_F(TraversalTest, InvalidRequestsAreRejected) {
  auto view = graph_->NewReadView();
  auto visit = [](const TraversalHit&) { return true; };
  EXPECT_TRUE(absl::IsInvalidArgument(view->Traverse({.seeds = {}}, visit).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      view->Traverse({.seeds = {a_}, .min_depth = 3, .max_depth = 1}, visit).status()));
  TraversalRequest zero{.seeds = {a_}};
  zero.limits.max_nodes = 0;
  EXPECT_TRUE(absl::IsInvalidArgument(view->Traverse(zero, visit).status()));
  EXPECT_TRUE(absl::IsNotFound(view->Traverse({.seeds = {9999}}, visit).status()));
}

TEST_F(TraversalTest, CapsTruncateAndSayWhy) {
  TraversalSummary summary;
  TraversalRequest request{.seeds = {a_}, .max_depth = 5, .direction = Direction::kBoth};
  request.limits.max_nodes = 3;
  auto hits = Run(request, &summary);
  EXPECT_EQ(hits.size(), 3u);
  EXPECT_TRUE(summary.truncated);
  EXPECT_EQ(summary.reason, StopReason::kNodeCap);

  request.limits = {};
  request.limits.max_work = 2;
  Run(request, &summary);
  EXPECT_TRUE(summary.truncated);
  EXPECT_EQ(summary.reason, StopReason::kWorkCap);
  EXPECT_EQ(summary.edges_examined, 2);

  request.limits = {};
  request.limits.max_edges_per_node = 1;
  Run(request, &summary);
  EXPECT_TRUE(summary.truncated);
  EXPECT_EQ(summary.reason, StopReason::kEdgeCap);

  request.limits = {};
  request.limits.deadline = absl::Now() - absl::Seconds(1);
  hits = Run(request, &summary);
  EXPECT_EQ(summary.reason, StopReason::kDeadline);
  EXPECT_EQ(hits.size(), 1u);  // The seed was reported before the first expansion.

  request.limits = {};
  request.limits.cancelled = [] { return true; };
  Run(request, &summary);
  EXPECT_EQ(summary.reason, StopReason::kCancelled);

  int seen = 0;
  auto stopped = graph_->NewReadView()->Traverse({.seeds = {a_}, .max_depth = 5},
                                                 [&](const TraversalHit&) { return ++seen < 2; });
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(seen, 2);
  EXPECT_EQ(stopped->reason, StopReason::kConsumerStopped);
}

TEST_F(TraversalTest, NeighborPagesNeitherRepeatNorSkipWhileWriting) {
  NodeId hub = AddNode(kOrganisation, "Hub");
  std::vector<NodeId> members;
  {
    auto txn = Begin();
    for (int i = 0; i < 250; ++i) {
      auto id = txn->UpsertNode({.type = kPerson, .key = "m" + std::to_string(i), .name = "M"});
      ASSERT_TRUE(txn->UpsertEdge({*id, "member-of", hub}).ok());
      members.push_back(*id);
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  std::vector<NodeId> seen;
  std::string token;
  int round = 0;
  do {
    // Each page is read from a fresh view while writers add and remove other members.
    auto page = graph_->NewReadView()->Neighbors({.node = hub,
                                                  .direction = Direction::kIn,
                                                  .edge_types = {"member-of"},
                                                  .page_size = 40,
                                                  .page_token = token});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const Neighbor& n : page->neighbors) seen.push_back(n.node);
    token = page->next_page_token;
    auto txn = Begin();
    auto extra =
        txn->UpsertNode({.type = kPerson, .key = "late" + std::to_string(round++), .name = "L"});
    ASSERT_TRUE(txn->UpsertEdge({*extra, "member-of", hub}).ok());
    ASSERT_TRUE(txn->Commit().ok());
  } while (!token.empty());
  std::set<NodeId> unique(seen.begin(), seen.end());
  EXPECT_EQ(unique.size(), seen.size()) << "a page repeated an item";
  for (NodeId m : members) EXPECT_TRUE(unique.contains(m)) << "skipped " << m;
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
}

TEST_F(TraversalTest, NeighborFiltersBothDirectionsAndTokens) {
  auto view = graph_->NewReadView();
  auto both = view->Neighbors({.node = a_, .direction = Direction::kBoth, .page_size = 1});
  ASSERT_TRUE(both.ok());
  std::vector<Neighbor> all = both->neighbors;
  std::string token = both->next_page_token;
  while (!token.empty()) {
    auto page = view->Neighbors(
        {.node = a_, .direction = Direction::kBoth, .page_size = 1, .page_token = token});
    ASSERT_TRUE(page.ok()) << page.status();
    all.insert(all.end(), page->neighbors.begin(), page->neighbors.end());
    token = page->next_page_token;
  }
  ASSERT_EQ(all.size(), 3u);  // b (knows out), x (member-of out), e (knows in)
  EXPECT_EQ(all[2].node, e_);
  EXPECT_EQ(all[2].direction, Direction::kIn);
  auto orgs = view->Neighbors(
      {.node = a_, .direction = Direction::kBoth, .neighbor_types = {"Organisation"}});
  ASSERT_EQ(orgs->neighbors.size(), 1u);
  EXPECT_EQ(orgs->neighbors[0].node_type, "Organisation");
  EXPECT_TRUE(absl::IsNotFound(view->Neighbors({.node = 424242}).status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(view->Neighbors({.node = a_, .page_token = "bogus"}).status()));
  auto other = view->Neighbors({.node = b_, .direction = Direction::kBoth, .page_size = 1});
  EXPECT_TRUE(absl::IsInvalidArgument(view->Neighbors({.node = a_,
                                                       .direction = Direction::kBoth,
                                                       .page_size = 1,
                                                       .page_token = other->next_page_token})
                                          .status()));
}

TEST_F(TraversalTest, ShortestPathsDirectedUndirectedAndFiltered) {
  auto view = graph_->NewReadView();
  auto path = view->ShortestPaths({.from = e_, .to = d_});
  ASSERT_TRUE(path.ok()) << path.status();
  ASSERT_EQ(path->paths.size(), 1u);
  EXPECT_EQ(path->length, 4);
  EXPECT_EQ(path->paths[0].nodes, (std::vector<NodeId>{e_, a_, b_, c_, d_}));
  EXPECT_EQ(path->paths[0].steps[0].edge, (EdgeKey{e_, "knows", a_}));

  auto backwards = view->ShortestPaths({.from = d_, .to = e_});
  EXPECT_TRUE(backwards->paths.empty());
  EXPECT_EQ(backwards->length, -1);
  auto undirected = view->ShortestPaths({.from = d_, .to = x_, .direction = Direction::kBoth});
  ASSERT_EQ(undirected->paths.size(), 1u);
  EXPECT_EQ(undirected->length, 4);
  // Steps keep the stored direction even when walked backwards.
  EXPECT_EQ(undirected->paths[0].steps[0].edge, (EdgeKey{c_, "knows", d_}));
  EXPECT_EQ(undirected->paths[0].steps[3].edge, (EdgeKey{a_, "member-of", x_}));

  auto too_short = view->ShortestPaths({.from = e_, .to = d_, .max_depth = 3});
  EXPECT_TRUE(too_short->paths.empty());
  auto filtered = view->ShortestPaths({.from = e_, .to = x_, .edge_types = {"knows"}});
  EXPECT_TRUE(filtered->paths.empty());
  auto self = view->ShortestPaths({.from = a_, .to = a_});
  EXPECT_EQ(self->length, 0);
  EXPECT_TRUE(absl::IsNotFound(view->ShortestPaths({.from = a_, .to = 777}).status()));
}

TEST_F(GraphTest, AllShortestPathsAreListedOnceEach) {
  // Diamond with a parallel edge: s -> {m1, m2} -> t, and s -[alt]-> m1.
  NodeId s = AddNode(kPerson, "S"), m1 = AddNode(kPerson, "M1"), m2 = AddNode(kPerson, "M2"),
         m3 = AddNode(kPerson, "M3"), t = AddNode(kPerson, "T");
  AddEdge(s, "r", m1);
  AddEdge(s, "alt", m1);
  AddEdge(s, "r", m2);
  AddEdge(m1, "r", t);
  AddEdge(m2, "r", t);
  AddEdge(s, "r", m3);
  NodeId m4 = AddNode(kPerson, "M4");
  AddEdge(m3, "r", m4);
  AddEdge(m4, "r", t);  // Longer: not a shortest path.
  auto view = graph_->NewReadView();
  auto all = view->ShortestPaths({.from = s, .to = t, .max_paths = 10});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->length, 2);
  ASSERT_EQ(all->paths.size(), 3u);
  std::set<std::vector<NodeId>> node_paths;
  std::set<std::string> first_types;
  for (const Path& p : all->paths) {
    node_paths.insert(p.nodes);
    EXPECT_EQ(p.steps.size(), 2u);
    first_types.insert(p.steps[0].edge.type);
  }
  EXPECT_EQ(node_paths.size(), 2u);  // Two via m1 (r and alt), one via m2.
  EXPECT_EQ(first_types, (std::set<std::string>{"r", "alt"}));
  auto two = view->ShortestPaths({.from = s, .to = t, .max_paths = 2});
  EXPECT_EQ(two->paths.size(), 2u);
}

TEST_F(GraphTest, NoPathOnALargeComponentFinishesWithinCaps) {
  // Two disjoint rings with chords: 20,000 and 3,000 nodes.
  auto make_ring = [&](const std::string& prefix, int size) {
    std::vector<NodeId> ring;
    auto txn = Begin();
    for (int i = 0; i < size; ++i) {
      ring.push_back(
          *txn->UpsertNode({.type = kPerson, .key = prefix + std::to_string(i), .name = "R"}));
    }
    for (int i = 0; i < size; ++i) {
      EXPECT_TRUE(txn->UpsertEdge({ring[i], "next", ring[(i + 1) % size]}).ok());
      EXPECT_TRUE(txn->UpsertEdge({ring[i], "chord", ring[(i * 7 + 3) % size]}).ok());
    }
    EXPECT_TRUE(txn->Commit().ok());
    return ring;
  };
  std::vector<NodeId> big = make_ring("big", 20'000);
  std::vector<NodeId> small = make_ring("small", 3'000);
  auto view = graph_->NewReadView();

  // Capped below the smaller component: stops at the cap and says so.
  ShortestPathRequest request{
      .from = big[0], .to = small[0], .direction = Direction::kBoth, .max_depth = 1000};
  request.limits.max_nodes = 2'000;
  auto capped = view->ShortestPaths(request);
  ASSERT_TRUE(capped.ok());
  EXPECT_TRUE(capped->paths.empty());
  EXPECT_TRUE(capped->summary.truncated);
  EXPECT_EQ(capped->summary.reason, StopReason::kNodeCap);
  EXPECT_LE(capped->summary.nodes_visited, 2'000);

  // With room to spare, expanding the smaller side exhausts it: a definite
  // "no path" without walking all of the large component.
  request.limits.max_nodes = 1'000'000;
  request.limits.max_work = 10'000'000;
  auto exhausted = view->ShortestPaths(request);
  ASSERT_TRUE(exhausted.ok());
  EXPECT_TRUE(exhausted->paths.empty());
  EXPECT_FALSE(exhausted->summary.truncated);
  EXPECT_LT(exhausted->summary.nodes_visited, 20'000);

  // A work cap bounds it too.
  request.limits.max_work = 500;
  auto worked = view->ShortestPaths(request);
  EXPECT_EQ(worked->summary.reason, StopReason::kWorkCap);

  // And a path that exists across the ring is found.
  auto found = view->ShortestPaths({.from = big[0], .to = big[10'000], .max_depth = 40});
  ASSERT_TRUE(found.ok());
  ASSERT_FALSE(found->paths.empty());
  EXPECT_GT(found->length, 1);
  EXPECT_EQ(found->paths[0].nodes.front(), big[0]);
  EXPECT_EQ(found->paths[0].nodes.back(), big[10'000]);
}

TEST_F(TraversalTest, SubgraphHasAllEdgesAmongItsNodes) {
  AddEdge(b_, "cites", a_);  // An extra edge among members.
  auto view = graph_->NewReadView();
  auto sub = view->GetSubgraph({.seeds = {b_}, .depth = 1, .with_evidence = true});
  ASSERT_TRUE(sub.ok()) << sub.status();
  std::set<NodeId> nodes;
  for (const Node& n : sub->nodes) nodes.insert(n.id);
  EXPECT_EQ(nodes, (std::set<NodeId>{a_, b_, c_}));
  std::set<std::pair<NodeId, NodeId>> edges;
  for (const Edge& e : sub->edges) {
    EXPECT_TRUE(nodes.contains(e.src) && nodes.contains(e.dst));
    edges.insert({e.src, e.dst});
  }
  EXPECT_EQ(edges, (std::set<std::pair<NodeId, NodeId>>{{a_, b_}, {b_, c_}, {b_, a_}}));
  auto capped = view->GetSubgraph({.seeds = {b_}, .depth = 1, .max_edges = 1});
  EXPECT_EQ(capped->edges.size(), 1u);
  EXPECT_TRUE(capped->summary.truncated);
  EXPECT_EQ(capped->summary.reason, StopReason::kEdgeCap);
}

}  // namespace
}  // namespace dossier::graph
