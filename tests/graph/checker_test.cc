// The checker must find real corruption: each test breaks one invariant
// behind the store's back, through the raw RocksDB handle.
#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "graph/document_lists.h"
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
  void DeleteAll(ColumnFamily family) {
    std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator({}, cf(family)));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      ASSERT_TRUE(db()->Delete({}, cf(family), it->key()).ok());
  }

  std::set<std::string> Violations(const CheckOptions& options = {}) {
    std::set<std::string> kinds;
    for (const CheckViolation& v : CheckGraph(*graph_->NewReadView(), options).violations)
      kinds.insert(v.invariant);
    return kinds;
  }
  std::vector<std::string> Details(const std::string& invariant, const CheckOptions& options) {
    std::vector<std::string> details;
    for (const CheckViolation& v : CheckGraph(*graph_->NewReadView(), options).violations)
      if (v.invariant == invariant) details.push_back(v.detail);
    std::sort(details.begin(), details.end());
    return details;
  }

  NodeId person_, letter_;
};

TEST_F(CheckerTest, FindsAMissingInEdgeMirror) {
  ASSERT_TRUE(db()->Delete({}, cf(kInEdgesCf), AdjacencyKey(letter_, EdgeType(), person_)).ok());
  EXPECT_TRUE(Violations().contains("edge-mirror"));
  EXPECT_TRUE(Violations().contains("degree-counter"));
}

// Mirrors are matched by sorting the out-edges, or, past a bound, by one lookup each; with the
// bound anywhere (none sorted, some, all) a mirror missing on either side is named the same way,
// and a clean graph stays clean.
TEST_F(CheckerTest, FindsMissingMirrorsOnBothSidesWhateverIsSorted) {
  // More edges, so that the bound falls between them.
  std::vector<NodeId> people;
  for (int i = 0; i < 6; ++i) people.push_back(AddNode(kPerson, "P" + std::to_string(i)));
  for (NodeId p : people) AddEdge(p, "mentioned-in", letter_);
  for (uint64_t bound : {uint64_t{0}, uint64_t{3}, uint64_t{100}}) {
    EXPECT_TRUE(Violations({.mirror_sort_max_edges = bound}).empty()) << bound;
  }
  const TypeId type = EdgeType();
  // An out-edge early in key order loses its in-edge; a late one loses its out-edge.
  ASSERT_TRUE(db()->Delete({}, cf(kInEdgesCf), AdjacencyKey(letter_, type, people[1])).ok());
  ASSERT_TRUE(db()->Delete({}, cf(kOutEdgesCf), AdjacencyKey(people[4], type, letter_)).ok());
  const std::vector<std::string> expected = {
      absl::StrCat("in-edge ", letter_, " mentioned-in ", people[4], " has no mirror"),
      absl::StrCat("out-edge ", people[1], " mentioned-in ", letter_, " has no mirror")};
  for (uint64_t bound : {uint64_t{0}, uint64_t{1}, uint64_t{3}, uint64_t{5}, uint64_t{100}}) {
    EXPECT_EQ(Details("edge-mirror", {.mirror_sort_max_edges = bound}), expected) << bound;
  }
}

TEST_F(CheckerTest, FindsAWrongDegreeCounter) {
  ASSERT_TRUE(
      db()->Put({}, cf(kDegreesCf), DegreeKey(person_, EdgeType(), true), EncodeFixed64BE(7)).ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"degree-counter"});
}

// The passes after the nodes pass run on two threads: the report still lists violations in pass
// order (keys, names, out-edges, in-edges, degrees, evidence, mentions, then the counters), counts
// all of them, and keeps the first max_reported.
TEST_F(CheckerTest, ReportsThePassesOfBothThreadsInPassOrder) {
  // A fault for each pass: a stale type+key entry (keys), a stale name entry (names), an out-edge
  // naming the wrong type for its neighbour (out-edges), that edge's mirror gone (in-edges), and a
  // counter of edges the letter does not have (degrees).
  const TypeId type = EdgeType();
  const TypeId person_type = *graph_->store()->node_types().Find(kPerson);
  ASSERT_TRUE(db()->Put({}, cf(kNodeKeysCf), NodeKeyIndexKey(person_type, "stale"),
                        EncodeFixed64BE(person_))
                  .ok());
  ASSERT_TRUE(db()->Put({}, cf(kNamesCf), NameIndexKey(kFullNameIndex, "ghost", person_),
                        EncodeFixed32BE(1))
                  .ok());
  ASSERT_TRUE(db()->Put({}, cf(kOutEdgesCf), AdjacencyKey(person_, type, letter_),
                        EncodeFixed32BE(person_type))
                  .ok());
  ASSERT_TRUE(db()->Delete({}, cf(kInEdgesCf), AdjacencyKey(letter_, type, person_)).ok());
  ASSERT_TRUE(
      db()->Put({}, cf(kDegreesCf), DegreeKey(letter_, type, true), EncodeFixed64BE(2)).ok());
  // The setup's statement and mention lose their records (evidence, mentions: both threads' last
  // passes), which their documents still list.
  DeleteAll(kEvidenceCf);
  DeleteAll(kMentionsCf);
  const CheckReport all = CheckGraph(*graph_->NewReadView());
  std::vector<std::string> order;
  for (const CheckViolation& v : all.violations) {
    if (order.empty() || order.back() != v.invariant) order.push_back(v.invariant);
  }
  EXPECT_EQ(order,
            (std::vector<std::string>{"node-key-index", "name-index", "edge-neighbor-type",
                                      "edge-mirror", "degree-counter", "evidence-by-document",
                                      "mention-by-document", "type-counter"}))
      << absl::StrJoin(order, ", ");
  EXPECT_EQ(all.violation_count, all.violations.size());
  for (size_t cut = 0; cut <= all.violations.size(); ++cut) {
    const CheckReport first = CheckGraph(*graph_->NewReadView(), {.max_reported = cut});
    EXPECT_EQ(first.violation_count, all.violation_count) << cut;
    ASSERT_EQ(first.violations.size(), cut);
    for (size_t i = 0; i < cut; ++i) {
      EXPECT_EQ(first.violations[i].detail, all.violations[i].detail);
    }
  }
  EXPECT_EQ(all.edges_checked, 1u);
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

// Name index entries are matched against sorted expectations, or, for the nodes past a bound,
// by lookups: a stale, a missing and a mistyped entry are named the same way wherever the
// bound falls, and a clean graph stays clean.
TEST_F(CheckerTest, FindsNameIndexFaultsWhateverIsSorted) {
  NodeId late = AddNode(kPerson, "Zhanna Baimukhamedova");
  for (uint64_t bound : {uint64_t{0}, uint64_t{3}, uint64_t{1000}}) {
    EXPECT_TRUE(Violations({.name_sort_max_keys = bound}).empty()) << bound;
  }
  ASSERT_TRUE(db()->Put({}, cf(kNamesCf), NameIndexKey(kFullNameIndex, "ghost", person_),
                        EncodeFixed32BE(1))
                  .ok());
  ASSERT_TRUE(db()->Delete({}, cf(kNamesCf), NameIndexKey(kTokenIndex, "orazov", person_)).ok());
  ASSERT_TRUE(db()->Put({}, cf(kNamesCf), NameIndexKey(kTokenIndex, "baimukhamedova", late),
                        EncodeFixed32BE(999))
                  .ok());
  const std::vector<std::string> expected = {
      absl::StrCat("node ", person_, " 'Serik Orazov' lacks a name index entry"),
      absl::StrCat("node ", late, " 'Zhanna Baimukhamedova' lacks a name index entry"),
      absl::StrCat("stale name index entry for node ", person_)};
  for (uint64_t bound : {uint64_t{0}, uint64_t{3}, uint64_t{4}, uint64_t{1000}}) {
    EXPECT_EQ(Details("name-index", {.name_sort_max_keys = bound}), expected) << bound;
  }
}

// The type+key and external-id indexes are matched against sorted expectations, or, for the
// nodes past a bound, by lookups: a missing, a stale and a misdirected entry are named the same
// way wherever the bound falls, and a clean graph stays clean.
TEST_F(CheckerTest, FindsKeyAndExternalIdIndexFaultsWhateverIsSorted) {
  std::vector<NodeId> ids;
  {
    auto txn = Begin();
    for (int i = 0; i < 4; ++i) {
      ids.push_back(*txn->UpsertNode({.type = "Person",
                                      .key = "k" + std::to_string(i),
                                      .name = "N" + std::to_string(i),
                                      .external_id = "x" + std::to_string(i)}));
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  for (uint64_t bound : {uint64_t{0}, uint64_t{3}, uint64_t{1000}}) {
    EXPECT_TRUE(Violations({.key_sort_max_nodes = bound}).empty()) << bound;
  }
  const TypeId person = *graph_->store()->node_types().Find("Person");
  ASSERT_TRUE(db()->Delete({}, cf(kNodeKeysCf), NodeKeyIndexKey(person, "k0")).ok());
  ASSERT_TRUE(
      db()->Put({}, cf(kNodeKeysCf), NodeKeyIndexKey(person, "ghost"), EncodeFixed64BE(ids[3]))
          .ok());
  ASSERT_TRUE(db()->Put({}, cf(kExternalIdsCf), "x2", EncodeFixed64BE(ids[1])).ok());
  const std::vector<std::string> keys = {
      absl::StrCat("node ", ids[0], " (k0) is not indexed by type+key"),
      absl::StrCat("stale type+key entry for node ", ids[3])};
  const std::vector<std::string> external = {
      absl::StrCat("node ", ids[2], " external id 'x2' is not indexed"), "stale external id 'x2'"};
  for (uint64_t bound :
       {uint64_t{0}, uint64_t{1}, uint64_t{2}, uint64_t{3}, uint64_t{4}, uint64_t{1000}}) {
    EXPECT_EQ(Details("node-key-index", {.key_sort_max_nodes = bound}), keys) << bound;
    EXPECT_EQ(Details("external-id-index", {.key_sort_max_nodes = bound}), external) << bound;
  }
}

TEST_F(CheckerTest, FindsADanglingEdgeAfterARawNodeDelete) {
  ASSERT_TRUE(db()->Delete({}, cf(kNodesCf), NodeKey(person_)).ok());
  auto kinds = Violations();
  EXPECT_TRUE(kinds.contains("edge-endpoint"));
  EXPECT_TRUE(kinds.contains("node-key-index"));
  EXPECT_TRUE(kinds.contains("type-counter"));
  EXPECT_TRUE(kinds.contains("mention-endpoint"));
}

// The one list of `family` (the fixture's letter lists one statement and one mention).
std::pair<std::string, std::string> OnlyList(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf) {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, cf));
  it->SeekToFirst();
  EXPECT_TRUE(it->Valid());
  if (!it->Valid()) return {};
  std::pair<std::string, std::string> list{it->key().ToString(), it->value().ToString()};
  it->Next();
  EXPECT_FALSE(it->Valid());
  return list;
}

// Evidence and mentions find their nodes among those the nodes pass decoded: a document deleted
// raw, or one whose record does not decode, is missing for both.
TEST_F(CheckerTest, EvidenceAndMentionsOfAMissingDocumentAreNamed) {
  for (bool undecodable : {false, true}) {
    if (undecodable) {
      ASSERT_TRUE(db()->Put({}, cf(kNodesCf), NodeKey(letter_), "\xff\xff not a record").ok());
    } else {
      ASSERT_TRUE(db()->Delete({}, cf(kNodesCf), NodeKey(letter_)).ok());
    }
    const std::vector<std::string> evidence = Details("evidence-document", {});
    ASSERT_EQ(evidence.size(), 1u) << undecodable;
    EXPECT_NE(evidence[0].find(absl::StrCat("cites missing document ", letter_)), std::string::npos)
        << evidence[0];
    const std::vector<std::string> mentions = Details("mention-endpoint", {});
    ASSERT_EQ(mentions.size(), 1u) << undecodable;
    EXPECT_NE(mentions[0].find(absl::StrCat(" in ", letter_, " has a missing node")),
              std::string::npos)
        << mentions[0];
  }
}

TEST_F(CheckerTest, FindsEvidenceMissingFromItsDocumentsList) {
  auto [key, value] = OnlyList(db(), cf(kEvidenceByDocCf));
  EXPECT_EQ(DecodeFixed64BE(key.data()), letter_);
  ASSERT_EQ(value.size(), kEvidenceListEntryBytes);
  ASSERT_TRUE(db()->Delete({}, cf(kEvidenceByDocCf), key).ok());
  uint64_t id = DecodeFixed64BE(value.data() + kAdjacencyKeyBytes);
  EXPECT_EQ(
      Details("evidence-by-document", {}),
      std::vector<std::string>{absl::StrCat("evidence ", id, " is not in the by-document index")});
}

TEST_F(CheckerTest, FindsListEntriesThatNameMissingOrTwiceListedRecords) {
  auto [key, value] = OnlyList(db(), cf(kEvidenceByDocCf));
  const uint64_t id = DecodeFixed64BE(value.data() + kAdjacencyKeyBytes);
  // Listed again, in a second list of the same document, next to an entry for evidence that
  // does not exist.
  const std::string missing = EvidenceKey(person_, EdgeType(), letter_, id + 1000);
  ASSERT_TRUE(
      db()->Put({}, cf(kEvidenceByDocCf), DocumentListKey(letter_, id + 1000), value + missing)
          .ok());
  EXPECT_EQ(
      Details("evidence-by-document", {}),
      (std::vector<std::string>{absl::StrCat("document ", letter_, " lists record ", id, " twice"),
                                absl::StrCat("document ", letter_, " lists record ", id + 1000,
                                             ", which is not there")}));
}

TEST_F(CheckerTest, FindsAListThatIsNotAWholeNumberOfEntries) {
  auto [key, value] = OnlyList(db(), cf(kMentionsByDocCf));
  ASSERT_EQ(value.size(), kMentionListEntryBytes);
  ASSERT_TRUE(db()->Put({}, cf(kMentionsByDocCf), key, value + "x").ok());
  std::vector<std::string> details = Details("mention-by-document", {});
  ASSERT_EQ(details.size(), 2u);
  EXPECT_NE(details[0].find("is not in the by-document index"), std::string::npos) << details[0];
  EXPECT_NE(details[1].find("not a whole number of 16-byte entries"), std::string::npos)
      << details[1];
}

TEST_F(CheckerTest, FindsAMentionListedUnderAnotherDocument) {
  auto [key, value] = OnlyList(db(), cf(kMentionsByDocCf));
  ASSERT_TRUE(db()->Delete({}, cf(kMentionsByDocCf), key).ok());
  // Listed under the person, as if the person were the document.
  ASSERT_TRUE(db()->Put({}, cf(kMentionsByDocCf), DocumentListKey(person_, 1), value).ok());
  EXPECT_EQ(Violations(), std::set<std::string>{"mention-by-document"});
  const uint64_t id = DecodeFixed64BE(value.data() + kIdBytes);
  EXPECT_EQ(Details("mention-by-document", {}),
            (std::vector<std::string>{
                absl::StrCat("document ", person_, " lists record ", id, ", which is not there"),
                absl::StrCat("mention ", id, " is not in the by-document index")}));
}

TEST_F(CheckerTest, FindsEvidenceListedUnderAnotherDocument) {
  auto [key, value] = OnlyList(db(), cf(kEvidenceByDocCf));
  ASSERT_TRUE(db()->Delete({}, cf(kEvidenceByDocCf), key).ok());
  ASSERT_TRUE(db()->Put({}, cf(kEvidenceByDocCf), DocumentListKey(person_, 1), value).ok());
  const uint64_t id = DecodeFixed64BE(value.data() + kAdjacencyKeyBytes);
  EXPECT_EQ(
      Details("evidence-by-document", {}),
      (std::vector<std::string>{
          absl::StrCat("document ", person_, " lists evidence ", id, " of document ", letter_),
          absl::StrCat("evidence ", id, " is not in the by-document index")}));
}

// Two evidence records with one id (an id handed out twice): the one no list names is found,
// though a list names a record with its id.
TEST_F(CheckerTest, FindsAnUnlistedRecordThatSharesItsIdWithAListedOne) {
  auto [key, value] = OnlyList(db(), cf(kEvidenceByDocCf));
  const uint64_t id = DecodeFixed64BE(value.data() + kAdjacencyKeyBytes);
  std::string record;
  ASSERT_TRUE(db()->Get({}, cf(kEvidenceCf), value, &record).ok());
  AddEdge(letter_, "mentioned-in", person_);
  ASSERT_TRUE(
      db()->Put({}, cf(kEvidenceCf), EvidenceKey(letter_, EdgeType(), person_, id), record).ok());
  std::vector<std::string> details = Details("evidence-by-document", {});
  EXPECT_EQ(details, std::vector<std::string>{
                         absl::StrCat("evidence ", id, " is not in the by-document index")});
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
