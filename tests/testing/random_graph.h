// Random graphs shaped like an analyst's, written through the write path, and a comparison of
// everything a reader can ask of two graphs by external id: the reference for tests of the bulk
// loader (tests/graph) and of `dossier load`'s files (tests/loader).
#ifndef DOSSIER_TESTS_TESTING_RANDOM_GRAPH_H_
#define DOSSIER_TESTS_TESTING_RANDOM_GRAPH_H_

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/checker.h"
#include "graph/graph.h"
#include "graph/read_view.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph::random_graphs {

enum class IdStyle { kContiguous, kSparseNumeric, kDenseWithGaps, kStrings, kMixed };

struct GenNode {
  std::string id, type, name;
  Properties properties;
};
struct GenEdge {
  std::string src, dst, type;
  Properties properties;  // Only on an edge's first row: the two paths merge repeats differently.
};
struct GenGraph {
  std::vector<GenNode> nodes;
  std::vector<GenEdge> edges;
  std::vector<std::string> words;  // Every word used in names.
};

inline const std::vector<std::string>& Words() {
  static const std::vector<std::string> words = {
      "Anna", "Almat", "Zhumagulov", "Juknevičienė", "Müller", "O'Brien", "Ярослав",
      "Ли",   "the",   "of",         "Open",         "letter", "Koshe",   "Party",
      "ANNA", "anna",  "Zoë",        "Þór",          "Dvořák", "No.",     "5"};
  return words;
}

inline GenGraph Generate(uint32_t seed, IdStyle style, int node_count, int edge_count) {
  std::mt19937_64 rng(seed);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  GenGraph g;
  g.words = Words();
  std::set<std::string> ids;
  auto numeric_id = [&](uint64_t limit) { return absl::StrCat(rng() % limit); };
  auto string_id = [&]() {
    static const std::vector<std::string> parts = {"a", "B", "007", "x-", "é", "-5", "0", "Ω"};
    std::string id;
    for (size_t i = 0, n = 1 + pick(3); i < n; ++i) id += parts[pick(parts.size())];
    return id;
  };
  std::vector<std::string> order;
  if (style == IdStyle::kContiguous) {
    for (int i = 1; i <= node_count; ++i) order.push_back(absl::StrCat(i));
    std::shuffle(order.begin(), order.end(), rng);
  } else {
    while (static_cast<int>(order.size()) < node_count) {
      std::string id;
      switch (style) {
        case IdStyle::kSparseNumeric:
          id = numeric_id(1'000'000'000'000ull);
          break;
        case IdStyle::kDenseWithGaps:
          id = numeric_id(3ull * node_count);
          break;
        case IdStyle::kStrings:
          id = string_id();
          break;
        default:
          id = rng() % 2 ? numeric_id(5ull * node_count) : string_id();
          break;
      }
      if (ids.insert(id).second) order.push_back(id);
    }
  }
  static const std::vector<std::string> types = {"Person", "Organisation", "Letter", "Source"};
  for (const std::string& id : order) {
    GenNode node{.id = id, .type = types[pick(types.size())]};
    std::vector<std::string> name;
    for (size_t i = 0, n = 1 + pick(3); i < n; ++i) name.push_back(g.words[pick(g.words.size())]);
    node.name = absl::StrJoin(name, " ");
    if (pick(4) == 0) node.properties["age"] = static_cast<int64_t>(pick(100)) - 10;
    if (pick(5) == 0) node.properties["country"] = std::string(pick(2) ? "KZ" : "Қазақстан");
    if (pick(7) == 0) node.properties["groups"] = StringList{"EPP", "S&D"};
    if (pick(9) == 0) node.properties["score"] = 0.25 * static_cast<double>(pick(9));
    g.nodes.push_back(std::move(node));
  }
  static const std::vector<std::string> edge_types = {"SIGNED", "ADDRESSED_TO", "CITED_IN",
                                                      "MEMBER_OF"};
  std::set<std::tuple<std::string, std::string, std::string>> seen;
  // A few hubs take a share of the edges, as supernodes do.
  auto endpoint = [&]() { return g.nodes[pick(4) == 0 ? pick(3) : pick(g.nodes.size())].id; };
  for (int i = 0; i < edge_count; ++i) {
    GenEdge edge;
    if (!g.edges.empty() && pick(10) == 0) {  // A repeated row.
      const GenEdge& earlier = g.edges[pick(g.edges.size())];
      edge = {.src = earlier.src, .dst = earlier.dst, .type = earlier.type};
    } else {
      edge = {.src = endpoint(),
              .dst = pick(20) == 0 ? "" : endpoint(),
              .type = edge_types[pick(edge_types.size())]};
      if (edge.dst.empty()) edge.dst = edge.src;  // A self-loop.
    }
    if (seen.insert({edge.src, edge.type, edge.dst}).second && pick(3) == 0) {
      edge.properties["order"] = static_cast<int64_t>(pick(5));
      if (pick(2) == 0) edge.properties["note"] = std::string("cited, \"twice\"");
    }
    g.edges.push_back(std::move(edge));
  }
  return g;
}

inline void WriteThroughTransactions(Graph* graph, const GenGraph& g) {
  std::map<std::string, NodeId> id_of;
  auto txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok()) << txn.status();
  for (const GenNode& n : g.nodes) {
    auto id = (*txn)->UpsertNode({.type = n.type,
                                  .key = n.id,
                                  .name = n.name,
                                  .properties = n.properties,
                                  .external_id = n.id});
    ASSERT_TRUE(id.ok()) << id.status();
    id_of[n.id] = *id;
  }
  for (const GenEdge& e : g.edges) {
    absl::Status s = (*txn)->UpsertEdge({id_of.at(e.src), e.type, id_of.at(e.dst)}, e.properties);
    ASSERT_TRUE(s.ok()) << s;
  }
  ASSERT_TRUE((*txn)->Commit().ok());
}

// What a reader sees of one graph, by external id.
class Reader {
 public:
  explicit Reader(Graph& graph) : view_(graph.NewReadView()) {}

  std::string Ext(NodeId id) const {
    auto node = view_->GetNode(id, NodeView::kBasic);
    EXPECT_TRUE(node.ok()) << node.status();
    return node.ok() ? node->external_id : "?";
  }
  NodeId Id(const std::string& external_id) const {
    auto id = view_->ResolveExternalId(external_id);
    EXPECT_TRUE(id.ok()) << external_id << ": " << id.status();
    return id.ok() ? *id : kNoNode;
  }
  std::string Node(const std::string& external_id) const {
    auto node = view_->GetNodeByExternalId(external_id);
    if (!node.ok()) return node.status().ToString();
    node->id = kNoNode;  // Ids differ between the two paths.
    return absl::StrCat(node->type, "|", node->key, "|", node->name, "|", node->external_id, "|",
                        absl::StrJoin(node->aliases, ","), "|", Print(node->properties));
  }
  // Every neighbour, through pages of a few entries (so through page tokens), sorted.
  std::vector<std::string> Neighbours(const std::string& external_id, Direction direction) const {
    std::vector<std::string> out;
    for (const Neighbor& n :
         AllPages(*view_, {.node = Id(external_id), .direction = direction, .page_size = 3})) {
      out.push_back(absl::StrCat(n.direction == Direction::kOut ? ">" : "<", n.edge_type, " ",
                                 Ext(n.node), " ", n.node_type));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::vector<std::string> Degrees(const std::string& external_id) const {
    std::vector<std::string> out;
    auto degrees = view_->Degrees(Id(external_id));
    EXPECT_TRUE(degrees.ok()) << degrees.status();
    for (const DegreeCount& d : *degrees) {
      out.push_back(absl::StrCat(d.edge_type, d.direction == Direction::kOut ? ">" : "<", d.count));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string Edge(const GenEdge& e) const {
    auto edge = view_->GetEdge({Id(e.src), e.type, Id(e.dst)});
    if (!edge.ok()) return edge.status().ToString();
    return Print(edge->properties);
  }
  std::vector<std::string> Find(const std::string& query, NameMatch match) const {
    std::vector<std::string> out;
    FindNodesRequest request{
        .query = query, .match = match, .view = NodeView::kBasic, .page_size = 4};
    while (true) {
      auto page = view_->FindNodes(request);
      if (!page.ok()) return {page.status().ToString()};
      for (const graph::Node& n : page->nodes) out.push_back(n.external_id);
      if (page->next_page_token.empty()) break;
      request.page_token = page->next_page_token;
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string Stats() const {
    auto stats = view_->Stats();
    if (!stats.ok()) return stats.status().ToString();
    return absl::StrCat(stats->node_count, " ", stats->edge_count, " ",
                        absl::StrJoin(stats->nodes_by_type, ",", absl::PairFormatter("=")), " ",
                        absl::StrJoin(stats->edges_by_type, ",", absl::PairFormatter("=")));
  }
  int64_t WithinTwoHops(const std::string& external_id) const {
    int64_t count = 0;
    auto summary = view_->Traverse(
        {.seeds = {Id(external_id)}, .min_depth = 1, .max_depth = 2, .direction = Direction::kBoth},
        [&](const TraversalHit&) {
          ++count;
          return true;
        });
    EXPECT_TRUE(summary.ok()) << summary.status();
    return count;
  }
  int32_t PathLength(const std::string& from, const std::string& to) const {
    auto result = view_->ShortestPaths(
        {.from = Id(from), .to = Id(to), .direction = Direction::kOut, .max_depth = 6});
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? result->length : -2;
  }
  bool uses_snapshot() const { return view_->uses_adjacency_snapshot(); }

 private:
  struct Printer {
    std::string operator()(const std::string& s) const { return "s:" + s; }
    std::string operator()(int64_t v) const { return absl::StrCat("i:", v); }
    std::string operator()(double v) const { return absl::StrCat("d:", v); }
    std::string operator()(bool v) const { return v ? "b:1" : "b:0"; }
    std::string operator()(const Timestamp& t) const { return absl::StrCat("t:", t.micros); }
    std::string operator()(const StringList& l) const { return "l:" + absl::StrJoin(l, "\x1f"); }
  };
  static std::string Print(const Properties& properties) {
    std::string out;
    for (const auto& [name, value] : properties) {
      absl::StrAppend(&out, name, "=", std::visit(Printer{}, value), ";");
    }
    return out;
  }
  std::unique_ptr<ReadView> view_;
};

// Both graphs answer alike for every node, edge and name of g, and both check clean.
inline void ExpectSameReads(const GenGraph& g, Graph& loaded, Graph& written) {
  const Reader b(loaded), w(written);
  EXPECT_EQ(b.Stats(), w.Stats());
  std::mt19937_64 rng(7);
  for (const GenNode& n : g.nodes) {
    SCOPED_TRACE(n.id);
    EXPECT_EQ(b.Node(n.id), w.Node(n.id));
    EXPECT_EQ(b.Degrees(n.id), w.Degrees(n.id));
    EXPECT_EQ(b.Neighbours(n.id, Direction::kBoth), w.Neighbours(n.id, Direction::kBoth));
    if (rng() % 8 == 0) {
      EXPECT_EQ(b.Neighbours(n.id, Direction::kIn), w.Neighbours(n.id, Direction::kIn));
      EXPECT_EQ(b.WithinTwoHops(n.id), w.WithinTwoHops(n.id));
      const std::string& to = g.nodes[rng() % g.nodes.size()].id;
      EXPECT_EQ(b.PathLength(n.id, to), w.PathLength(n.id, to)) << " to " << to;
    }
  }
  for (const GenEdge& e : g.edges) EXPECT_EQ(b.Edge(e), w.Edge(e)) << e.src << " " << e.dst;
  std::set<std::string> queries(g.words.begin(), g.words.end());
  for (size_t i = 0; i < g.nodes.size(); i += 7) queries.insert(g.nodes[i].name);
  for (const std::string& q : queries) {
    SCOPED_TRACE(q);
    for (NameMatch match :
         {NameMatch::kExact, NameMatch::kToken, NameMatch::kPrefix, NameMatch::kVerbatim}) {
      EXPECT_EQ(b.Find(q, match), w.Find(q, match)) << static_cast<int>(match);
    }
    EXPECT_EQ(b.Find(q.substr(0, 2), NameMatch::kPrefix),
              w.Find(q.substr(0, 2), NameMatch::kPrefix));
  }
  for (Graph* graph : {&loaded, &written}) {
    CheckReport report = CheckGraph(*graph->NewReadView());
    for (const CheckViolation& v : report.violations)
      ADD_FAILURE() << v.invariant << ": " << v.detail;
  }
}

}  // namespace dossier::graph::random_graphs

#endif  // DOSSIER_TESTS_TESTING_RANDOM_GRAPH_H_
