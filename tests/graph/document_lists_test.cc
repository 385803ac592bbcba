// The by-document indexes as lists (graph/document_lists.h): their encoding, how a transaction
// keeps them as it writes, removes and rolls back, and the upgrade from one key an entry.
#include "graph/document_lists.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/btree_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "graph/format_upgrade.h"
#include "graph/internal/records.pb.h"
#include "graph/key_codec.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/format_version1.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

TEST(DocumentListCodecTest, SplitsAListIntoItsEntriesAndDropsSome) {
  const std::string a = EvidenceKey(1, 2, 3, 10), b = EvidenceKey(1, 2, 4, 11),
                    c = EvidenceKey(5, 2, 3, 12);
  const std::string key = DocumentListKey(7, 10);
  ASSERT_EQ(key.size(), kDocumentListKeyBytes);
  const std::string list = a + b + c;
  auto entries = SplitDocumentList(kEvidenceByDocCf, key, list);
  ASSERT_TRUE(entries.ok()) << entries.status();
  EXPECT_EQ(*entries, (std::vector<std::string_view>{a, b, c}));

  std::string value = a + b + c;
  EXPECT_EQ(DropListEntries(kEvidenceByDocCf, {b, EvidenceKey(9, 9, 9, 9)}, &value), 1u);
  EXPECT_EQ(value, a + c);
  EXPECT_EQ(DropListEntries(kEvidenceByDocCf, {a, c}, &value), 2u);
  EXPECT_TRUE(value.empty());

  const std::string m = MentionListEntry(3, 12);
  ASSERT_EQ(m.size(), kMentionListEntryBytes);
  EXPECT_EQ(DecodeFixed64BE(m.data()), 3u);
  EXPECT_EQ(DecodeFixed64BE(m.data() + kIdBytes), 12u);
}

TEST(DocumentListCodecTest, AMalformedListIsDataLossNamingIt) {
  auto short_key = SplitDocumentList(kMentionsByDocCf, "doc", MentionListEntry(1, 2));
  EXPECT_TRUE(absl::IsDataLoss(short_key.status()));
  EXPECT_NE(short_key.status().message().find("mentions_by_doc"), std::string::npos);
  for (const std::string& value : {std::string(), MentionListEntry(1, 2) + "x"}) {
    auto bad = SplitDocumentList(kMentionsByDocCf, DocumentListKey(7, 2), value);
    ASSERT_TRUE(absl::IsDataLoss(bad.status())) << value.size();
    EXPECT_NE(bad.status().message().find("the list of document 7 begun with record 2"),
              std::string::npos)
        << bad.status();
  }
}

class DocumentListsTest : public GraphTest {
 protected:
  rocksdb::DB* db() { return graph_->store()->db(); }
  rocksdb::ColumnFamilyHandle* cf(ColumnFamily c) { return graph_->store()->cf(c); }

  // The lists of `family`, key -> number of entries.
  std::vector<std::pair<std::string, size_t>> Lists(ColumnFamily family) {
    std::vector<std::pair<std::string, size_t>> lists;
    std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator({}, cf(family)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      lists.emplace_back(it->key().ToString(), it->value().size() / DocumentListEntryBytes(family));
    }
    return lists;
  }

  // Evidence and a mention of `person` in `letter`, for edges of the given types.
  void State(WriteTransaction& txn, NodeId person, NodeId letter,
             const std::vector<std::string>& types) {
    for (const std::string& type : types) {
      ASSERT_TRUE(txn.UpsertEdge({person, type, letter}).ok());
      ASSERT_TRUE(txn.AddEvidence({person, type, letter}, {.document = letter, .end = 1}).ok());
    }
    ASSERT_TRUE(txn.AddMention({.node = person, .document = letter, .end = 1}).ok());
  }
};

TEST_F(DocumentListsTest, ABatchListsADocumentsEntriesUnderOneKeyEach) {
  NodeId letter = AddNode(kLetter, "L"), other = AddNode(kLetter, "M");
  NodeId a = AddNode(kPerson, "A"), b = AddNode(kPerson, "B");
  auto txn = Begin();
  State(*txn, a, letter, {"signed", "mentioned-in"});
  State(*txn, b, other, {"signed"});
  State(*txn, b, letter, {"signed"});
  ASSERT_TRUE(txn->Commit().ok());
  auto evidence = Lists(kEvidenceByDocCf);
  ASSERT_EQ(evidence.size(), 2u);
  EXPECT_EQ(DecodeFixed64BE(evidence[0].first.data()), letter);
  EXPECT_EQ(evidence[0].second, 3u);
  EXPECT_EQ(evidence[1].second, 1u);
  auto mentions = Lists(kMentionsByDocCf);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].second, 2u);
  EXPECT_EQ(*graph_->NewReadView()->ListDocumentEdges(letter),
            (std::vector<EdgeKey>{{a, "signed", letter},  // Edge types in the order interned.
                                  {a, "mentioned-in", letter},
                                  {b, "signed", letter}}));
  ExpectClean();
}

// A document stated things in two batches: deleting an edge takes its evidence off whichever
// list holds it, deletes a list it empties, and leaves the rest.
TEST_F(DocumentListsTest, RemovingStatementsRewritesOrDeletesTheListsThatHeldThem) {
  NodeId letter = AddNode(kLetter, "L");
  NodeId a = AddNode(kPerson, "A"), b = AddNode(kPerson, "B");
  auto txn = Begin();
  State(*txn, a, letter, {"signed", "mentioned-in"});
  ASSERT_TRUE(txn->Commit().ok());
  txn = Begin();
  State(*txn, b, letter, {"signed"});
  ASSERT_TRUE(txn->Commit().ok());
  ASSERT_EQ(Lists(kEvidenceByDocCf).size(), 2u);

  txn = Begin();
  ASSERT_TRUE(txn->DeleteEdge({a, "signed", letter}).ok());
  ASSERT_TRUE(txn->DeleteEdge({b, "signed", letter}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto lists = Lists(kEvidenceByDocCf);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].second, 1u);
  EXPECT_EQ(*graph_->NewReadView()->ListDocumentEdges(letter),
            (std::vector<EdgeKey>{{a, "mentioned-in", letter}}));
  ExpectClean();

  // Deleting a mentioned node takes its mentions off the document's lists.
  txn = Begin();
  ASSERT_TRUE(txn->DeleteNode(b).ok());
  ASSERT_TRUE(txn->Commit().ok());
  ASSERT_EQ(Lists(kMentionsByDocCf).size(), 1u);
  EXPECT_EQ(Lists(kMentionsByDocCf)[0].second, 1u);
  ExpectClean();

  txn = Begin();
  auto removed = txn->RemoveDocument(letter);
  ASSERT_TRUE(removed.ok()) << removed.status();
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(removed->evidence_removed, 1u);
  EXPECT_EQ(removed->mentions_removed, 1u);
  EXPECT_TRUE(Lists(kEvidenceByDocCf).empty());
  EXPECT_TRUE(Lists(kMentionsByDocCf).empty());
  ExpectClean();
}

// A unit that fails after listing entries leaves the lists as they were; later units of the
// same batch still list theirs, and a document removed within the batch can be stated again.
TEST_F(DocumentListsTest, RollbacksAndRemovalsInsideABatchKeepTheListsExact) {
  NodeId letter = AddNode(kLetter, "L");
  NodeId a = AddNode(kPerson, "A"), b = AddNode(kPerson, "B");
  auto txn = Begin();
  State(*txn, a, letter, {"signed"});
  absl::Status failed = txn->RunAtomically([&]() -> absl::Status {
    State(*txn, b, letter, {"signed", "mentioned-in"});
    return absl::InternalError("the unit fails");
  });
  ASSERT_FALSE(failed.ok());
  State(*txn, b, letter, {"copied-to"});
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(*graph_->NewReadView()->ListDocumentEdges(letter),
            (std::vector<EdgeKey>{{a, "signed", letter}, {b, "copied-to", letter}}));
  auto lists = Lists(kEvidenceByDocCf);
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].second, 2u);
  ExpectClean();

  txn = Begin();
  ASSERT_TRUE(txn->RemoveDocument(letter).ok());  // Takes a and b, which only it supported.
  auto c = txn->UpsertNode({.type = kPerson, .key = "C", .name = "C"});
  ASSERT_TRUE(c.ok());
  State(*txn, *c, letter, {"signed"});
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(*graph_->NewReadView()->ListDocumentEdges(letter),
            (std::vector<EdgeKey>{{*c, "signed", letter}}));
  ExpectClean();
}

// Random statements, mentions, deletes and document removals, in units that sometimes fail,
// across batches committed in the background and transactions: after every transaction the
// checker finds the lists exact, and each document's listed edges are those its evidence
// records cite.
TEST_F(DocumentListsTest, RandomWritesKeepTheListsExact) {
  std::mt19937 rng(20261127);
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  const std::vector<std::string> types = {"signed", "mentioned-in", "member-of"};
  // Every id a letter had: a deleted letter comes back under a new id.
  std::set<NodeId> letter_ids;
  // Counted whether or not their unit then failed: the test must reach these paths.
  int documents_removed = 0, documents_deleted = 0, failed_units = 0;
  size_t lists_seen = 0;
  for (int round = 0; round < 12; ++round) {
    auto txn = Begin();
    // Nodes are named by key and upserted at each use, so that a deleted one comes back.
    auto upsert = [&](const std::string& type, const std::string& key) -> NodeId {
      auto id = txn->UpsertNode({.type = type, .key = key, .name = key});
      EXPECT_TRUE(id.ok()) << id.status();
      return id.ok() ? *id : kNoNode;
    };
    auto person = [&] { return upsert(kPerson, absl::StrCat("P", pick(6))); };
    auto letter = [&] {
      NodeId id = upsert(kLetter, absl::StrCat("L", pick(3)));
      letter_ids.insert(id);
      return id;
    };
    // A node a letter may mention or state something of: a person, another letter or itself.
    auto anyone = [&] { return pick(3) == 0 ? letter() : person(); };
    auto one_write = [&]() -> absl::Status {
      NodeId document = letter();
      switch (pick(11)) {
        case 0:
          return txn->DeleteNode(person());
        case 1: {
          if (absl::Status s = txn->DeleteNode(document); !s.ok()) return s;
          ++documents_deleted;
          return absl::OkStatus();
        }
        case 2: {
          auto removed = txn->RemoveDocument(document);
          if (removed.ok() && removed->evidence_removed > 0) ++documents_removed;
          return removed.status();
        }
        case 3:
        case 4: {
          absl::Status deleted = txn->DeleteEdge({anyone(), types[pick(types.size())], document});
          return absl::IsNotFound(deleted) ? absl::OkStatus() : deleted;
        }
        case 5:
        case 6:
          return txn->AddMention(
              {.node = pick(4) == 0 ? document : anyone(), .document = document, .end = 1});
        default: {
          NodeId from = anyone();
          NodeId to = pick(2) == 0 ? document : anyone();
          return txn
              ->UpsertEdgeWithEvidence({from, types[pick(types.size())], to}, {},
                                       {.document = document, .end = 1})
              .status();
        }
      }
    };
    for (int step = 0; step < 60; ++step) {
      absl::Status unit = txn->RunAtomically([&]() -> absl::Status {
        for (size_t n = 1 + pick(3); n > 0; --n) {
          if (absl::Status s = one_write(); !s.ok()) return s;
        }
        return pick(4) == 0 ? absl::AbortedError("the unit fails") : absl::OkStatus();
      });
      if (!unit.ok()) {
        EXPECT_TRUE(absl::IsAborted(unit)) << unit;
        ++failed_units;
      }
      if (pick(15) == 0) {
        ASSERT_TRUE(txn->CommitStagedInBackground().ok());
      }
    }
    ASSERT_TRUE(txn->Commit().ok());
    ExpectClean();

    absl::btree_map<NodeId, std::set<EdgeKey>> cited;
    std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator({}, cf(kEvidenceCf)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      internal::EvidenceRecord record;
      ASSERT_TRUE(record.ParseFromString(it->value().ToString()));
      AdjacencyParts edge =
          DecodeAdjacencyKey(it->key().ToStringView().substr(0, kAdjacencyKeyBytes));
      cited[record.document()].insert(
          {edge.anchor, std::string(graph_->store()->edge_types().Name(edge.type)), edge.other});
    }
    lists_seen = std::max(lists_seen, Lists(kEvidenceByDocCf).size());
    for (NodeId letter : letter_ids) {
      auto listed = graph_->NewReadView()->ListDocumentEdges(letter);
      ASSERT_TRUE(listed.ok()) << listed.status();
      EXPECT_EQ(std::set<EdgeKey>(listed->begin(), listed->end()), cited[letter])
          << "round " << round << ", letter " << letter;
    }
  }
  EXPECT_GT(documents_removed, 5);
  EXPECT_GT(documents_deleted, 5);
  EXPECT_GT(failed_units, 50);
  EXPECT_GT(lists_seen, 3u);  // Some document had lists from several batches.
}

TEST_F(DocumentListsTest, AVersion1DatabaseIsUpgradedWhenOpenedForWriting) {
  NodeId l1 = AddNode(kLetter, "L1"), l2 = AddNode(kLetter, "L2");
  NodeId a = AddNode(kPerson, "A"), b = AddNode(kPerson, "B");
  auto txn = Begin();
  State(*txn, a, l1, {"signed", "mentioned-in"});
  State(*txn, b, l2, {"signed"});
  ASSERT_TRUE(txn->Commit().ok());
  txn = Begin();
  State(*txn, b, l1, {"copied-to"});
  ASSERT_TRUE(txn->Commit().ok());
  const std::vector<EdgeKey> l1_edges = *graph_->NewReadView()->ListDocumentEdges(l1);
  ASSERT_NO_FATAL_FAILURE(DowngradeToVersion1(*graph_->store()));
  ASSERT_EQ(Lists(kEvidenceByDocCf).size(), 4u);  // A key an entry.
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();

  {
    // A read-only open cannot upgrade, and says how to.
    auto read_only = Graph::Open({.path = dir_.Sub("db"), .read_only_secondary = true});
    ASSERT_FALSE(read_only.ok());
    EXPECT_TRUE(absl::IsFailedPrecondition(read_only.status()));
    EXPECT_NE(read_only.status().message().find("format version 1"), std::string::npos)
        << read_only.status();
  }

  Reopen();
  std::string version;
  ASSERT_TRUE(db()->Get({}, cf(kMetaCf), kMetaFormatVersion, &version).ok());
  EXPECT_EQ(version, std::to_string(kFormatVersion));
  auto evidence = Lists(kEvidenceByDocCf);
  ASSERT_EQ(evidence.size(), 2u);  // One list a document.
  EXPECT_EQ(evidence[0].second, 3u);
  EXPECT_EQ(Lists(kMentionsByDocCf).size(), 2u);
  EXPECT_EQ(*graph_->NewReadView()->ListDocumentEdges(l1), l1_edges);
  ExpectClean();

  txn = Begin();
  auto removed = txn->RemoveDocument(l1);
  ASSERT_TRUE(removed.ok()) << removed.status();
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(removed->evidence_removed, 3u);
  EXPECT_EQ(removed->mentions_removed, 2u);
  ExpectClean();
}

// An upgrade cut short after converting some documents' evidence, before the mentions: the
// database says an upgrade is under way (which no build reads as a format), a read-only open
// refuses it, and the next open for writing finishes it.
TEST_F(DocumentListsTest, AnInterruptedUpgradeIsFinishedByTheNextOpenForWriting) {
  NodeId l1 = AddNode(kLetter, "L1"), l2 = AddNode(kLetter, "L2");
  NodeId a = AddNode(kPerson, "A");
  auto txn = Begin();
  State(*txn, a, l1, {"signed"});
  ASSERT_TRUE(txn->Commit().ok());
  txn = Begin();
  State(*txn, a, l2, {"signed", "copied-to"});
  ASSERT_TRUE(txn->Commit().ok());
  // l1's list as version 2 left it, l2's entries and all mentions as version 1 wrote them.
  const auto l1_list = Lists(kEvidenceByDocCf)[0];
  ASSERT_NO_FATAL_FAILURE(DowngradeToVersion1(*graph_->store()));
  std::string l1_value;
  {
    std::unique_ptr<rocksdb::Iterator> it(db()->NewIterator({}, cf(kEvidenceByDocCf)));
    it->SeekToFirst();
    ASSERT_TRUE(it->Valid());
    l1_value = it->key().ToString().substr(kIdBytes);
    ASSERT_TRUE(db()->Delete({}, cf(kEvidenceByDocCf), it->key()).ok());
  }
  ASSERT_TRUE(db()->Put({}, cf(kEvidenceByDocCf), l1_list.first, l1_value).ok());
  ASSERT_TRUE(db()->Put({}, cf(kMetaCf), kMetaFormatVersion, UpgradingMarker(1)).ok());
  EXPECT_EQ(UpgradingMarker(1), "upgrading 1 to " + std::to_string(kFormatVersion));
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();
  {
    auto read_only = Graph::Open({.path = dir_.Sub("db"), .read_only_secondary = true});
    ASSERT_FALSE(read_only.ok());
    EXPECT_NE(read_only.status().message().find("an upgrade from it was interrupted"),
              std::string::npos)
        << read_only.status();
  }
  Reopen();
  EXPECT_EQ(graph_->upgraded_from_format(), 1);
  auto lists = Lists(kEvidenceByDocCf);
  ASSERT_EQ(lists.size(), 2u);
  EXPECT_EQ(lists[0], l1_list);
  EXPECT_EQ(lists[1].second, 2u);
  EXPECT_EQ(Lists(kMentionsByDocCf).size(), 2u);
  ExpectClean();

  // A version this build cannot upgrade from changes nothing; nor is a marker for it one.
  EXPECT_TRUE(absl::IsFailedPrecondition(UpgradeFormat(*graph_->store(), 0)));
  EXPECT_TRUE(absl::IsFailedPrecondition(UpgradeFormat(*graph_->store(), kFormatVersion)));
  EXPECT_EQ(UpgradeInProgressFrom(UpgradingMarker(1)), 1);
  EXPECT_EQ(UpgradeInProgressFrom("upgrading 0 to 2"), std::nullopt);
  EXPECT_EQ(UpgradeInProgressFrom("upgrading 1 to 99"), std::nullopt);
  EXPECT_EQ(UpgradeInProgressFrom("1"), std::nullopt);
}

// Batches written after every document, and keys of neither layout left for the checker.
TEST_F(DocumentListsTest, AnUpgradeInSmallBatchesConvertsEveryDocument) {
  std::vector<NodeId> letters;
  for (int i = 0; i < 5; ++i) letters.push_back(AddNode(kLetter, absl::StrCat("L", i)));
  NodeId a = AddNode(kPerson, "A"), b = AddNode(kPerson, "B");
  for (NodeId letter : letters) {
    auto txn = Begin();
    State(*txn, a, letter, {"signed", "copied-to"});
    State(*txn, b, letter, {"signed"});
    ASSERT_TRUE(txn->Commit().ok());
  }
  ASSERT_NO_FATAL_FAILURE(DowngradeToVersion1(*graph_->store()));
  const std::string stray = EncodeFixed64BE(letters[0]) + "stray";
  ASSERT_TRUE(db()->Put({}, cf(kMentionsByDocCf), stray, "").ok());
  ASSERT_TRUE(UpgradeFormat(*graph_->store(), 1, {.batch_bytes = 1}).ok());
  auto evidence = Lists(kEvidenceByDocCf);
  ASSERT_EQ(evidence.size(), letters.size());
  for (const auto& [key, entries] : evidence) EXPECT_EQ(entries, 3u);
  std::string value;
  EXPECT_TRUE(db()->Get({}, cf(kMentionsByDocCf), stray, &value).ok());  // Left as it was.
  std::vector<CheckViolation> violations = CheckGraph(*graph_->NewReadView()).violations;
  ASSERT_EQ(violations.size(), 1u);
  EXPECT_EQ(violations[0].invariant, "mention-by-document");
  EXPECT_NE(violations[0].detail.find("a list key of 13 bytes"), std::string::npos)
      << violations[0].detail;
  ASSERT_TRUE(db()->Delete({}, cf(kMentionsByDocCf), stray).ok());
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
