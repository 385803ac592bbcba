// The bulk loader against the write path. A random graph (external ids contiguous, sparse,
// dense with gaps, strings or mixed; repeated, accented and non-Latin names; repeated edges and
// self-loops; typed properties) is loaded by BulkLoader into one database, in one load or two,
// and written node by node and edge by edge through WriteTransaction into another. Everything a
// reader can ask must then agree, by external id: nodes, edges and their properties, neighbours
// page by page in both directions, degrees, counts, name searches of every kind, traversals and
// shortest paths; and `dossier check` finds both clean. The bulk path has many of its own
// (radix sorts, interned texts, ids resolved by arithmetic, spilled runs, a snapshot assembled
// in place); the write path is the reference.
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/bulk_load.h"
#include "graph/bulk_load_budget.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"
#include "tests/testing/random_graph.h"

namespace dossier::graph {
namespace {

using random_graphs::ExpectSameReads;
using random_graphs::GenEdge;
using random_graphs::Generate;
using random_graphs::GenGraph;
using random_graphs::GenNode;
using random_graphs::IdStyle;
using random_graphs::WriteThroughTransactions;

// Bulk-loads `nodes` then `edges` of g (indexes into it); the loader's errors fail the test.
void BulkLoad(Graph* graph, const GenGraph& g, size_t node_begin, size_t node_end,
              const std::vector<size_t>& edges, uint64_t max_run_edges) {
  BulkLoadOptions options;
  options.memory_budget_bytes = 512ull << 20;
  options.max_run_edges = max_run_edges;
  auto loader = BulkLoader::Begin(graph, options);
  ASSERT_TRUE(loader.ok()) << loader.status();
  for (size_t i = node_begin; i < node_end; ++i) {
    const GenNode& n = g.nodes[i];
    ASSERT_TRUE((*loader)->AddNode(n.id, n.type, n.name, n.properties).ok()) << n.id;
  }
  for (size_t e : edges) {
    const GenEdge& edge = g.edges[e];
    absl::Status s = (*loader)->AddEdge(edge.src, edge.dst, edge.type, edge.properties);
    ASSERT_TRUE(s.ok()) << s;
  }
  auto stats = (*loader)->Commit();
  ASSERT_TRUE(stats.ok()) << stats.status();
}

struct Case {
  const char* name;
  IdStyle style;
  int nodes, edges;
  bool two_loads;      // Half the nodes and their edges first, the rest into a non-empty db.
  bool snapshot;       // The bulk-loaded graph served from memory (assembled by a single load
                       // into an empty database, else built from the database afterwards).
  bool smallest_runs;  // Edges sorted in runs of 64k and spilled to files.
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class BulkLoadDifferentialTest : public ::testing::TestWithParam<Case> {
 protected:
  std::unique_ptr<Graph> Open(const std::string& name, bool snapshot) {
    GraphOptions options;
    options.path = dir_.Sub(name);
    options.block_cache_bytes = 8 << 20;
    options.write_buffer_bytes = 4 << 20;
    options.adjacency_snapshot = snapshot;
    auto g = Graph::Open(options);
    EXPECT_TRUE(g.ok()) << g.status();
    return g.ok() ? std::move(*g) : nullptr;
  }
  testing::TempDir dir_;
};

TEST_P(BulkLoadDifferentialTest, ReadsAgreeWithTheWritePath) {
  const Case& c = GetParam();
  const GenGraph g = Generate(/*seed=*/static_cast<uint32_t>(std::hash<std::string>{}(c.name)),
                              c.style, c.nodes, c.edges);
  std::unique_ptr<Graph> bulk = Open("bulk", c.snapshot);
  std::unique_ptr<Graph> written = Open("written", false);
  ASSERT_TRUE(bulk && written);
  const uint64_t run_edges = c.smallest_runs ? BulkLoadBudget::kMinRunEdges : 0;
  if (c.two_loads) {
    // The first load takes the first half of the nodes and the edges among them.
    const size_t half = g.nodes.size() / 2;
    std::set<std::string> first;
    for (size_t i = 0; i < half; ++i) first.insert(g.nodes[i].id);
    // The second load also repeats some of the first's edges: they are already stored.
    std::vector<size_t> early, late;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (size_t e = 0; e < g.edges.size(); ++e) {
      const GenEdge& edge = g.edges[e];
      const bool inside = first.contains(edge.src) && first.contains(edge.dst);
      const bool repeat = !seen.insert({edge.src, edge.type, edge.dst}).second;
      (inside && !(repeat && e % 2 == 0) ? early : late).push_back(e);
    }
    ASSERT_NO_FATAL_FAILURE(BulkLoad(bulk.get(), g, 0, half, early, run_edges));
    ASSERT_NO_FATAL_FAILURE(BulkLoad(bulk.get(), g, half, g.nodes.size(), late, run_edges));
  } else {
    std::vector<size_t> all(g.edges.size());
    for (size_t e = 0; e < all.size(); ++e) all[e] = e;
    ASSERT_NO_FATAL_FAILURE(BulkLoad(bulk.get(), g, 0, g.nodes.size(), all, run_edges));
  }
  ASSERT_NO_FATAL_FAILURE(WriteThroughTransactions(written.get(), g));

  if (c.snapshot && (c.two_loads || c.smallest_runs)) {
    // Such a load leaves the snapshot to be built from the database, as a serving process would.
    ASSERT_TRUE(bulk->RefreshAdjacencySnapshot().ok());
  }
  EXPECT_EQ(bulk->NewReadView()->uses_adjacency_snapshot(), c.snapshot);
  ExpectSameReads(g, *bulk, *written);
}

INSTANTIATE_TEST_SUITE_P(
    Shapes, BulkLoadDifferentialTest,
    ::testing::Values(
        Case{"contiguous", IdStyle::kContiguous, 600, 3000, false, false, false},
        Case{"contiguous_snapshot", IdStyle::kContiguous, 600, 3000, false, true, false},
        Case{"sparse", IdStyle::kSparseNumeric, 500, 2500, false, true, false},
        Case{"dense_gaps", IdStyle::kDenseWithGaps, 500, 2500, false, true, false},
        Case{"strings", IdStyle::kStrings, 400, 2000, false, true, false},
        Case{"mixed_two_loads", IdStyle::kMixed, 500, 2500, true, true, false},
        Case{"contiguous_two_loads", IdStyle::kContiguous, 500, 2500, true, false, false},
        Case{"spilled_runs", IdStyle::kDenseWithGaps, 2000, 140000, false, true, true}),
    [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace dossier::graph
