// The node directory's name table and external-id index, including colliding hashes (forced
// with a hash mask: at 32 bits they take a graph of hundreds of thousands of nodes to meet).
#include "graph/node_directory.h"

#include <map>
#include <string>
#include <vector>

#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class NodeDirectoryTest : public GraphTest {
 protected:
  void SetUp() override {
    GraphTest::SetUp();
    const std::vector<std::string> names = {"Ana",   "ana", "Ána", "Ana ", "Boris Ivanov",
                                            "Борис", "",    "x",   "X",    "Ana Boris"};
    auto txn = Begin();
    for (int i = 0; i < 400; ++i) {
      const std::string& name = names[(i * 7) % names.size()];
      const std::string type = i % 3 == 0 ? "Organisation" : "Person";
      auto id = txn->UpsertNode({.type = type, .key = std::to_string(i), .name = name});
      ASSERT_TRUE(id.ok()) << id.status();
      expected_[name][type].push_back(*id);
      id_limit_ = std::max(id_limit_, *id + 1);
    }
    ASSERT_TRUE(txn->Commit().ok());
  }

  std::map<std::string, std::map<std::string, std::vector<NodeId>>> expected_;
  NodeId id_limit_ = 0;
};

TEST_F(NodeDirectoryTest, FindByNameListsExactlyTheNodesOfThatNameInIdOrder) {
  const TypeRegistry& types = graph_->store()->node_types();
  const TypeId person = *types.Find("Person");
  for (uint32_t mask : {~uint32_t{0}, uint32_t{0x7}, uint32_t{0}}) {
    SCOPED_TRACE(mask);
    NodeDirectory directory;
    directory.set_hash_mask_for_test(mask);
    const rocksdb::Snapshot* snapshot = graph_->store()->db()->GetSnapshot();
    absl::Status built = directory.Build(graph_->store(), snapshot, id_limit_);
    graph_->store()->db()->ReleaseSnapshot(snapshot);
    ASSERT_TRUE(built.ok()) << built;
    for (const auto& [name, by_type] : expected_) {
      std::vector<NodeId> all;
      for (const auto& [type, ids] : by_type) all.insert(all.end(), ids.begin(), ids.end());
      std::sort(all.begin(), all.end());
      EXPECT_EQ(directory.FindByName(name, [](TypeId) { return true; }), all) << "'" << name << "'";
      std::vector<NodeId> persons;
      if (auto it = by_type.find("Person"); it != by_type.end()) persons = it->second;
      EXPECT_EQ(directory.FindByName(name, [&](TypeId t) { return t == person; }), persons)
          << "'" << name << "'";
    }
    for (const char* absent : {"Anna", "ANA", "Boris", "y"}) {
      EXPECT_TRUE(directory.FindByName(absent, [](TypeId) { return true; }).empty()) << absent;
    }
  }
}

// External ids that are prefixes of others, non-ASCII, and one of a deleted node; hashes
// colliding (masked) as well as not.
TEST_F(NodeDirectoryTest, FindByExternalIdFindsEveryNodeByItsIdAndNothingElse) {
  const std::vector<std::string> external_ids = {"1",  "10",  "100",  "a",   "A", "ä",
                                                 "aa", "x-1", "x-10", "Ω Ω", "0", "00"};
  std::map<std::string, NodeId> expected;
  auto txn = Begin();
  for (size_t i = 0; i < external_ids.size(); ++i) {
    auto id = txn->UpsertNode({.type = "Person",
                               .key = "ext" + std::to_string(i),
                               .name = "E",
                               .external_id = external_ids[i]});
    ASSERT_TRUE(id.ok()) << id.status();
    expected[external_ids[i]] = *id;
  }
  ASSERT_TRUE(txn->DeleteNode(expected.at("aa")).ok());
  ASSERT_TRUE(txn->Commit().ok());
  expected.erase("aa");
  for (uint32_t mask : {~uint32_t{0}, uint32_t{0x7}, uint32_t{0}}) {
    SCOPED_TRACE(mask);
    NodeDirectory directory;
    directory.set_hash_mask_for_test(mask);
    const rocksdb::Snapshot* snapshot = graph_->store()->db()->GetSnapshot();
    absl::Status built = directory.Build(graph_->store(), snapshot, id_limit_ + 100);
    graph_->store()->db()->ReleaseSnapshot(snapshot);
    ASSERT_TRUE(built.ok()) << built;
    for (const auto& [external_id, id] : expected) {
      EXPECT_EQ(directory.FindByExternalId(external_id), id) << external_id;
      EXPECT_EQ(directory.external_id(id), external_id);
    }
    for (const char* absent : {"aa", "", "2", "1 ", "x-", "Ω", "000", "b"}) {
      EXPECT_EQ(directory.FindByExternalId(absent), kNoNode) << "'" << absent << "'";
    }
  }
}

TEST_F(NodeDirectoryTest, AnUnbuiltDirectoryFindsNothing) {
  NodeDirectory directory;
  EXPECT_TRUE(directory.FindByName("Ana", [](TypeId) { return true; }).empty());
  EXPECT_EQ(directory.FindByExternalId("x"), kNoNode);
}

}  // namespace
}  // namespace dossier::graph
