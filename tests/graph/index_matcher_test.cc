#include "graph/index_matcher.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph/key_codec.h"
#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

// An index held in a map, iterated as RocksDB would: keys in byte order, the node in the value.
class MapIterator : public rocksdb::Iterator {
 public:
  explicit MapIterator(const std::map<std::string, std::string>* entries) : entries_(entries) {}
  bool Valid() const override { return it_ != entries_->end(); }
  void SeekToFirst() override { it_ = entries_->begin(); }
  void SeekToLast() override {}
  void Seek(const rocksdb::Slice& target) override {
    it_ = entries_->lower_bound(target.ToString());
  }
  void SeekForPrev(const rocksdb::Slice&) override {}
  void Next() override { ++it_; }
  void Prev() override {}
  rocksdb::Slice key() const override { return it_->first; }
  rocksdb::Slice value() const override { return it_->second; }
  rocksdb::Status status() const override { return rocksdb::Status::OK(); }

 private:
  const std::map<std::string, std::string>* entries_;
  std::map<std::string, std::string>::const_iterator it_;
};

struct Faults {
  std::vector<NodeId> unindexed;
  std::vector<std::pair<std::string, NodeId>> by_node, stale;
};

Faults Match(const std::map<std::string, std::string>& index,
             std::vector<ExpectedIndexEntry> expected, const IndexLookupBound& bound,
             NodeId node_with_bad_value = kNoNode) {
  Faults faults;
  MapIterator it(&index);
  rocksdb::Status status = MatchIndex(
      &it, &expected, bound,
      {.node_of = [](const rocksdb::Slice&,
                     const rocksdb::Slice& value) { return DecodeFixed64BE(value.data()); },
       .value_ok = [&](const rocksdb::Slice&, NodeId node) { return node != node_with_bad_value; },
       .unindexed = [&](NodeId node) { faults.unindexed.push_back(node); },
       .check_by_node = [&](const rocksdb::Slice& key,
                            NodeId node) { faults.by_node.emplace_back(key.ToString(), node); },
       .stale = [&](const rocksdb::Slice& key,
                    NodeId node) { faults.stale.emplace_back(key.ToString(), node); }});
  EXPECT_TRUE(status.ok());
  EXPECT_TRUE(expected.empty());
  return faults;
}

using Entries = std::vector<std::pair<std::string, NodeId>>;

TEST(IndexMatcherTest, AMatchingIndexHasNoFaultsWhateverOrderTheEntriesCameIn) {
  const std::map<std::string, std::string> index = {
      {"ann", EncodeFixed64BE(1)}, {"bob", EncodeFixed64BE(2)}, {"cy", EncodeFixed64BE(3)}};
  Faults f = Match(index, {{"cy", 3}, {"ann", 1}, {"bob", 2}}, {});
  EXPECT_TRUE(f.unindexed.empty());
  EXPECT_TRUE(f.by_node.empty());
  EXPECT_TRUE(f.stale.empty());
}

TEST(IndexMatcherTest, ReportsMissingMisdirectedAndStaleEntries) {
  const std::map<std::string, std::string> index = {{"ann", EncodeFixed64BE(1)},
                                                    {"bob", EncodeFixed64BE(9)},  // Not node 2.
                                                    {"dee", EncodeFixed64BE(4)}};
  // Node 3's "cy" is missing, before and after the last index key ("zed").
  Faults f = Match(index, {{"ann", 1}, {"bob", 2}, {"cy", 3}, {"zed", 5}}, {});
  EXPECT_EQ(f.unindexed, (std::vector<NodeId>{2, 3, 5}));
  EXPECT_TRUE(f.by_node.empty());
  EXPECT_EQ(f.stale, (Entries{{"bob", 9}, {"dee", 4}}));
}

TEST(IndexMatcherTest, EntriesOfNodesPastTheBoundAreLeftToTheCaller) {
  const std::map<std::string, std::string> index = {
      {"ann", EncodeFixed64BE(1)}, {"dee", EncodeFixed64BE(4)}, {"eve", EncodeFixed64BE(2)}};
  IndexLookupBound bound;
  EXPECT_TRUE(bound.Collect(1, true));
  EXPECT_TRUE(bound.Collect(2, true));
  EXPECT_FALSE(bound.Collect(3, false));  // Node 3 did not fit: it and later nodes are looked up.
  EXPECT_FALSE(bound.Collect(4, true));
  // Node 2's "eve" was collected but is stale under another key; node 4's entry is the caller's.
  Faults f = Match(index, {{"ann", 1}, {"bob", 2}}, bound);
  EXPECT_EQ(f.unindexed, (std::vector<NodeId>{2}));
  EXPECT_EQ(f.by_node, (Entries{{"dee", 4}}));
  EXPECT_EQ(f.stale, (Entries{{"eve", 2}}));
}

TEST(IndexMatcherTest, AnEntryWithAWrongValueIsReportedForItsNode) {
  const std::map<std::string, std::string> index = {{"ann", EncodeFixed64BE(1)},
                                                    {"bob", EncodeFixed64BE(2)}};
  Faults f = Match(index, {{"ann", 1}, {"bob", 2}}, {}, /*node_with_bad_value=*/2);
  EXPECT_EQ(f.unindexed, (std::vector<NodeId>{2}));
  EXPECT_TRUE(f.stale.empty());
}

TEST(IndexMatcherTest, TwoNodesCallingForOneKeyLeaveOneUnindexed) {
  const std::map<std::string, std::string> index = {{"ann", EncodeFixed64BE(7)}};
  Faults f = Match(index, {{"ann", 8}, {"ann", 7}}, {});
  EXPECT_EQ(f.unindexed, (std::vector<NodeId>{8}));
  EXPECT_TRUE(f.stale.empty());
}

}  // namespace
}  // namespace dossier::graph
