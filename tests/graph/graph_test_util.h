// Fixtures for graph tests: a fresh database per test and short helpers.
#ifndef DOSSIER_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define DOSSIER_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/time/time.h"
#include "graph/checker.h"
#include "graph/graph.h"
#include "graph/read_view.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace dossier::graph {

// Every key and value of every column family, at the latest state, by family name.
inline std::map<std::string, std::vector<std::pair<std::string, std::string>>> DumpFamilies(
    Graph& graph) {
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> out;
  GraphStore* store = graph.store();
  for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
    const ColumnFamily family = static_cast<ColumnFamily>(cf);
    std::unique_ptr<rocksdb::Iterator> it(
        store->db()->NewIterator(rocksdb::ReadOptions(), store->cf(family)));
    auto& contents = out[ColumnFamilyName(family)];
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      contents.emplace_back(it->key().ToString(), it->value().ToString());
    }
    EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  }
  return out;
}

// Every page of a neighbours request, followed through its page tokens.
inline std::vector<Neighbor> AllPages(const ReadView& view, NeighborsRequest request) {
  std::vector<Neighbor> all;
  do {
    auto page = view.Neighbors(request);
    EXPECT_TRUE(page.ok()) << page.status();
    if (!page.ok()) break;
    all.insert(all.end(), page->neighbors.begin(), page->neighbors.end());
    request.page_token = page->next_page_token;
  } while (!request.page_token.empty());
  return all;
}

class GraphTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  void Reopen() {
    graph_.reset();
    GraphOptions options;
    options.path = dir_.Sub("db");
    options.block_cache_bytes = 8 << 20;
    options.write_buffer_bytes = 4 << 20;
    auto g = Graph::Open(options);
    ASSERT_TRUE(g.ok()) << g.status();
    graph_ = std::move(*g);
  }

  // Reopens with the in-memory adjacency snapshot (and its node directory) kept current.
  void ReopenWithAdjacencySnapshot() {
    graph_.reset();
    GraphOptions options;
    options.path = dir_.Sub("db");
    options.adjacency_snapshot = true;
    options.adjacency_quiet_period = absl::Milliseconds(50);
    auto g = Graph::Open(options);
    ASSERT_TRUE(g.ok()) << g.status();
    graph_ = std::move(*g);
  }

  // Two views of the same sequence: one through the in-memory snapshot, one through RocksDB.
  std::pair<std::unique_ptr<ReadView>, std::unique_ptr<ReadView>> Views() {
    auto memory = graph_->NewReadView();
    EXPECT_TRUE(memory->uses_adjacency_snapshot());
    auto disk = std::make_unique<ReadView>(graph_->store(), graph_->store()->db()->GetSnapshot());
    EXPECT_FALSE(disk->uses_adjacency_snapshot());
    EXPECT_EQ(memory->sequence(), disk->sequence());
    return {std::move(memory), std::move(disk)};
  }

  std::unique_ptr<WriteTransaction> Begin() {
    auto txn = graph_->BeginWrite();
    EXPECT_TRUE(txn.ok()) << txn.status();
    return std::move(*txn);
  }

  NodeId AddNode(const std::string& type, const std::string& name, const std::string& key = "") {
    auto txn = Begin();
    auto id = txn->UpsertNode({.type = type, .key = key.empty() ? name : key, .name = name});
    EXPECT_TRUE(id.ok()) << id.status();
    EXPECT_TRUE(txn->Commit().ok());
    return *id;
  }

  void AddEdge(NodeId src, const std::string& type, NodeId dst) {
    auto txn = Begin();
    absl::Status s = txn->UpsertEdge({src, type, dst});
    ASSERT_TRUE(s.ok()) << s;
    ASSERT_TRUE(txn->Commit().ok());
  }

  void ExpectClean() {
    CheckReport report = CheckGraph(*graph_->NewReadView());
    for (const CheckViolation& v : report.violations) {
      ADD_FAILURE() << v.invariant << ": " << v.detail;
    }
    EXPECT_TRUE(report.ok());
  }

  std::vector<NodeId> NeighborIds(NodeId node, Direction direction,
                                  std::vector<std::string> edge_types = {}) {
    std::vector<NodeId> ids;
    NeighborsRequest request{
        .node = node, .direction = direction, .edge_types = edge_types, .page_size = kMaxPageSize};
    auto page = graph_->NewReadView()->Neighbors(request);
    EXPECT_TRUE(page.ok()) << page.status();
    for (const Neighbor& n : page->neighbors) ids.push_back(n.node);
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<Graph> graph_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
