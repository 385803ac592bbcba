// The checker must find real corruption: each test breaks one invariant
// behind the store's back, through the raw RocksDB handle.
#include <string>

#include "graph/key_codec.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class CheckerTest : public GraphTest {
 protected:
  void SetUp() override {
    GraphTest::SetUp();
    person_ = AddNode(kPerson, "Serik Orazov");
    letter_ = AddNode(kLetter, "Letter", "sha");
    AddEdge(person_, "mentioned-in", letter_);
    auto txn = Begin();
    ASSERT_TRUE(
        txn->AddEvidence({person_, "mentioned-in", letter_}, {.document = letter_, .end = 3}).ok());
    ASSERT_TRUE(txn->AddMention({.node = person_, .document = letter_, .end = 3}).ok());
    ASSERT_TRUE(txn->Commit().ok());
    ExpectClean();
  }

  rocksdb::DB* db() { return graph_->store()->db(); }
  rocksdb::ColumnFamilyHandle* cf(ColumnFamily c) { return graph_->store()->cf(c); }
  TypeId EdgeType() { return *graph_->store()->edge_types().Find("mentioned-in"); }

  std::set<std::string> Violations() {
    std::set<std::string> kinds;
    for (const CheckViolation& v : CheckGraph(*graph_->NewReadView()).violations)
      kinds.insert(v.invariant);
    return kinds;
  }

  NodeId person_, letter_;
};

TEST_F(CheckerTest, FindsAMissingInEdgeMirror) {
  ASSERT_TRUE(db()->Delete({}, cf(kInEdgesCf), AdjacencyKey(letter_, EdgeType(), person_)).ok());
  EXPECT_TRUE(Violations().contains("edge-mirror"));
  EXPECT_TRUE(Violations().contains("degree-counter"));
}

TEST_F(CheckerTest, FindsAWrongDegreeCounter) {
  ASSERT_TRUE(
      db()->Put({}, cf(kDegreesCf), DegreeKey(person_, EdgeType(), true), EncodeFixed64BE(7)).ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"degree-counter"});
}

TEST_F(CheckerTest, FindsAStaleNameIndexEntry) {
  ASSERT_TRUE(db()->Put({}, cf(kNamesCf), NameIndexKey(kFullNameIndex, "ghost", person_),
                        EncodeFixed32BE(1))
                  .ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"name-index"});
}

TEST_F(CheckerTest, FindsAMissingNameIndexEntry) {
  ASSERT_TRUE(db()->Delete({}, cf(kNamesCf), NameIndexKey(kTokenIndex, "orazov", person_)).ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"name-index"});
}

TEST_F(CheckerTest, FindsADanglingEdgeAfterARawNodeDelete) {
  ASSERT_TRUE(db()->Delete({}, cf(kNodesCf), NodeKey(person_)).ok());
  auto kinds = Violations();
  EXPECT_TRUE(kinds.contains("edge-endpoint"));
  EXPECT_TRUE(kinds.contains("node-key-index"));
  EXPECT_TRUE(kinds.contains("type-counter"));
  EXPECT_TRUE(kinds.contains("mention-endpoint"));
}

TEST_F(CheckerTest, FindsOrphanEvidenceAndIndexEntries) {
  ASSERT_TRUE(db()->Delete({}, cf(kEvidenceByDocCf),
                           EvidenceByDocKey(letter_, person_, EdgeType(), letter_, 1))
                  .ok());
  // The evidence id is whichever was allocated first; find it by scanning.
  std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator({}, cf(kEvidenceCf)));
  it->SeekToFirst();
  ASSERT_TRUE(it->Valid());
  uint64_t id = DecodeFixed64BE(it->key().data() + kAdjacencyKeyBytes);
  ASSERT_TRUE(db()->Delete({}, cf(kEvidenceByDocCf),
                           EvidenceByDocKey(letter_, person_, EdgeType(), letter_, id))
                  .ok());
  EXPECT_TRUE(Violations().contains("evidence-by-document"));
}

TEST_F(CheckerTest, FindsAWrongNeighbourTypeInAnAdjacencyValue) {
  // The in-edge's value says its neighbour (the person) is of the letter's type.
  TypeId letter_type = *graph_->store()->node_types().Find(kLetter);
  ASSERT_TRUE(db()->Put({}, cf(kInEdgesCf), AdjacencyKey(letter_, EdgeType(), person_),
                        EncodeFixed32BE(letter_type))
                  .ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"edge-neighbor-type"});
}

TEST_F(CheckerTest, AnEdgeToANodeThatDoesNotDecodeHasAMissingEndpoint) {
  ASSERT_TRUE(db()->Put({}, cf(kNodesCf), NodeKey(person_), std::string("\xff\xff\xff", 3)).ok());
  std::set<std::string> kinds = Violations();
  EXPECT_TRUE(kinds.contains("node-record"));
  EXPECT_TRUE(kinds.contains("edge-endpoint"));
}

TEST_F(CheckerTest, FindsAWrongTypeCounter) {
  ASSERT_TRUE(db()->Put({}, cf(kMetaCf),
                        NodeCountKey(*graph_->store()->node_types().Find("Person")),
                        EncodeFixed64BE(5))
                  .ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"type-counter"});
}

}  // namespace
}  // namespace dossier::graph
