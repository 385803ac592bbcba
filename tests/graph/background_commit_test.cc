// WriteTransaction::CommitStagedInBackground: a batch written on its own thread while the
// transaction stages the next one on top of it.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class BackgroundCommitTest : public GraphTest {
 protected:
  void TearDown() override { Release(); }

  struct ReleaseOnExit {
    BackgroundCommitTest* test;
    ~ReleaseOnExit() { test->Release(); }
  };

  // Holds every batch write until Release(): reads in between must go through the batch in
  // flight, since RocksDB does not have it yet. The returned guard releases them too, so that
  // a failed assertion does not leave a transaction waiting for its batch forever: declare it
  // after the transaction.
  [[nodiscard]] ReleaseOnExit HoldWrites() {
    release_ = std::make_shared<absl::Notification>();
    graph_->store()->SetBeforeWriteHookForTesting([release = release_] {
      release->WaitForNotification();
      return absl::OkStatus();
    });
    return ReleaseOnExit{this};
  }
  void Release() {
    if (release_ != nullptr && !release_->HasBeenNotified()) release_->Notify();
    if (graph_ != nullptr) graph_->store()->SetBeforeWriteHookForTesting(nullptr);
  }

  std::vector<NodeId> SortedByName(WriteTransaction& txn, const std::string& name) {
    auto ids = txn.FindByExactName(name);
    EXPECT_TRUE(ids.ok()) << ids.status();
    std::vector<NodeId> sorted = ids.ok() ? *ids : std::vector<NodeId>();
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  }

  std::shared_ptr<absl::Notification> release_;
};

TEST_F(BackgroundCommitTest, NextBatchSeesTheBatchBeingWrittenAndBothLand) {
  const NodeId letter = AddNode("Letter", "Letter one");
  const NodeId stored = AddNode(kPerson, "Same Name", "stored");
  auto txn = Begin();
  auto release_on_exit = HoldWrites();
  auto anna = txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Same Name"});
  ASSERT_TRUE(anna.ok()) << anna.status();
  ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", letter}).ok());
  ASSERT_TRUE(
      txn->AddEvidence({*anna, "signed", letter}, {.document = letter, .start = 0, .end = 4}).ok());
  // The stored node is renamed: its old name-index entry is deleted in the batch in flight.
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "stored", .name = "Other Name"},
                              UpsertMode::kReplace)
                  .ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());

  // Not in the database yet, but the transaction reads it.
  EXPECT_TRUE(absl::IsNotFound(graph_->NewReadView()->GetNodeByKey(kPerson, "anna").status()));
  auto again = txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Same Name"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *anna);
  EXPECT_TRUE(*txn->EdgeExists({*anna, "signed", letter}));
  EXPECT_EQ(SortedByName(*txn, "Same Name"), std::vector<NodeId>{*anna});
  // Staged over the batch in flight: a new name holder, then one renamed away.
  auto bert = txn->UpsertNode({.type = kPerson, .key = "bert", .name = "Same Name"});
  ASSERT_TRUE(bert.ok());
  EXPECT_GT(*bert, *anna);  // Ids go on from the batch in flight.
  EXPECT_EQ(SortedByName(*txn, "Same Name"), (std::vector<NodeId>{*anna, *bert}));
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Anna Renamed"},
                              UpsertMode::kReplace)
                  .ok());
  EXPECT_EQ(SortedByName(*txn, "Same Name"), std::vector<NodeId>{*bert});
  EXPECT_EQ(SortedByName(*txn, "Other Name"), std::vector<NodeId>{stored});
  // An edge of the batch in flight is deleted with its evidence, found through that batch.
  ASSERT_TRUE(txn->DeleteEdge({*anna, "signed", letter}).ok());
  EXPECT_FALSE(*txn->EdgeExists({*anna, "signed", letter}));
  ASSERT_TRUE(txn->UpsertEdge({*bert, "signed", letter}).ok());

  Release();
  ASSERT_TRUE(txn->AwaitBackgroundCommit().ok());
  // What the transaction read from the database before the batch replaced it is not served
  // once the batch has landed.
  EXPECT_EQ(txn->GetNode(stored)->name, "Other Name");
  {
    // The first batch alone is in the database.
    auto view = graph_->NewReadView();
    EXPECT_EQ(view->GetNodeByKey(kPerson, "anna")->name, "Same Name");
    EXPECT_TRUE(absl::IsNotFound(view->GetNodeByKey(kPerson, "bert").status()));
    EXPECT_EQ(*view->Degree(letter, Direction::kIn, "signed"), 1u);
  }
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_EQ(view->GetNodeByKey(kPerson, "anna")->name, "Anna Renamed");
  EXPECT_EQ(view->GetNodeByKey(kPerson, "bert")->id, *bert);
  EXPECT_EQ(*view->Degree(letter, Direction::kIn, "signed"), 1u);
  EXPECT_EQ(*view->Degree(*bert, Direction::kOut, "signed"), 1u);
  EXPECT_EQ(*view->Degree(*anna, Direction::kOut, "signed"), 0u);
  auto stats = view->Stats();
  EXPECT_EQ(stats->node_count, 4u);
  EXPECT_EQ(stats->edge_count, 1u);
  EXPECT_EQ(stats->evidence_count, 0u);
  // The next transaction's ids follow both batches.
  EXPECT_GT(AddNode(kPerson, "After"), *bert);
  ExpectClean();
}

TEST_F(BackgroundCommitTest, AFailedBatchTakesWhatWasStagedAfterItAndLosesNothingStored) {
  const NodeId kept = AddNode(kPerson, "Kept");
  graph_->store()->SetBeforeWriteHookForTesting(
      [] { return absl::ResourceExhaustedError("no space left on device"); });
  auto txn = Begin();
  auto ghost = txn->UpsertNode({.type = "Ghost", .key = "g", .name = "Ghost"});
  ASSERT_TRUE(ghost.ok());
  ASSERT_TRUE(txn->UpsertEdge({kept, "haunted-by", *ghost}).ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "later", .name = "Later"}).ok());
  absl::Status landed = txn->AwaitBackgroundCommit();
  EXPECT_TRUE(absl::IsResourceExhausted(landed)) << landed;
  EXPECT_NE(std::string(landed.message()).find("no space left on device"), std::string::npos)
      << landed;
  // The transaction is over: nothing more is staged or committed.
  EXPECT_TRUE(absl::IsFailedPrecondition(
      txn->UpsertNode({.type = kPerson, .key = "x", .name = "X"}).status()));
  EXPECT_TRUE(absl::IsFailedPrecondition(txn->Commit()));
  txn.reset();
  graph_->store()->SetBeforeWriteHookForTesting(nullptr);

  {
    auto view = graph_->NewReadView();
    EXPECT_TRUE(absl::IsNotFound(view->GetNodeByKey(kPerson, "later").status()));
    auto stats = view->Stats();
    EXPECT_EQ(stats->node_count, 1u);
    EXPECT_EQ(stats->edge_count, 0u);
    EXPECT_FALSE(stats->nodes_by_type.contains("Ghost"));
  }
  // The writer lock is free and the failed batch's ids are given again.
  EXPECT_EQ(AddNode(kPerson, "Next"), *ghost);
  ExpectClean();
  Reopen();
  ExpectClean();
}

TEST_F(BackgroundCommitTest, AbortKeepsTheBatchAlreadyHandedOver) {
  auto txn = Begin();
  auto first = txn->UpsertNode({.type = kPerson, .key = "first", .name = "First"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "dropped", .name = "Dropped"}).ok());
  txn->Abort();
  {
    auto view = graph_->NewReadView();
    EXPECT_EQ(view->GetNodeByKey(kPerson, "first")->id, *first);
    EXPECT_TRUE(absl::IsNotFound(view->GetNodeByKey(kPerson, "dropped").status()));
  }
  // Ids are not given twice.
  EXPECT_GT(AddNode(kPerson, "Next"), *first);
  Reopen();
  EXPECT_GT(AddNode(kPerson, "After reopening"), *first + 1);
  ExpectClean();
}

TEST_F(BackgroundCommitTest, RefusedInsideAnAtomicUnit) {
  auto txn = Begin();
  absl::Status inside = txn->RunAtomically([&]() -> absl::Status {
    if (auto id = txn->UpsertNode({.type = kPerson, .key = "a", .name = "A"}); !id.ok())
      return id.status();
    return txn->CommitStagedInBackground();
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(inside)) << inside;
  // The unit was undone and the transaction goes on.
  EXPECT_TRUE(absl::IsNotFound(txn->GetNodeByKey(kPerson, "a").status()));
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "b", .name = "B"}).ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());
  // Nothing staged: handing over is a no-op.
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 1u);
  ExpectClean();
}

// A commit inside a unit would make half a unit durable; refused like the background one, and the
// unit's counter deltas (degrees, counts) are undone with it.
TEST_F(BackgroundCommitTest, ACommitInsideAnAtomicUnitIsRefusedAndItsCountersUndone) {
  const NodeId letter = AddNode("Letter", "Letter one");
  auto txn = Begin();
  absl::Status inside = txn->RunAtomically([&]() -> absl::Status {
    auto anna = txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Anna"});
    if (!anna.ok()) return anna.status();
    if (absl::Status s = txn->UpsertEdge({*anna, "signed", letter}); !s.ok()) return s;
    return txn->Commit();
  });
  EXPECT_TRUE(absl::IsFailedPrecondition(inside)) << inside;
  auto bert = txn->UpsertNode({.type = kPerson, .key = "bert", .name = "Bert"});
  ASSERT_TRUE(bert.ok());
  ASSERT_TRUE(txn->UpsertEdge({*bert, "signed", letter}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(letter, Direction::kIn, "signed"), 1u);
  EXPECT_EQ(*view->Degree(*bert, Direction::kOut, "signed"), 1u);
  EXPECT_EQ(view->Stats()->node_count, 2u);
  ExpectClean();
}

// Ids from the database's next_node_id on were taken by batches that have not landed: keys that
// hold one are answered from those batches without asking the database, and once a batch has
// landed, its nodes' keys are asked of the database again.
TEST_F(BackgroundCommitTest, KeysOfNodesNotYetLandedAreNotAskedOfTheDatabase) {
  const NodeId stored = AddNode(kPerson, "Stored Person", "stored");
  auto txn = Begin();
  auto letter = txn->UpsertNode({.type = "Letter", .key = "l1", .name = "Letter one"});
  ASSERT_TRUE(letter.ok());
  auto anna = txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Anna"});
  ASSERT_TRUE(anna.ok());
  uint64_t reads = txn->database_reads();
  // Edges, evidence and mentions among new nodes.
  ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", *letter}).ok());
  ASSERT_TRUE(
      txn->AddEvidence({*anna, "signed", *letter}, {.document = *letter, .start = 0, .end = 4})
          .ok());
  ASSERT_TRUE(
      txn->AddMention({.node = *anna, .document = *letter, .start = 0, .end = 4, .surface = "Anna"})
          .ok());
  EXPECT_EQ(txn->database_reads(), reads);
  // A stored node's edge to a new one: its record is read, the edge is not looked for.
  ASSERT_TRUE(txn->UpsertEdge({stored, "signed", *letter}).ok());
  EXPECT_EQ(txn->database_reads(), reads + 1);
  // The counters are read at the hand-over: the four counts (Letter and Person nodes, signed
  // edges, evidence) and the stored node's degree, not the degrees of Anna and the letter.
  reads = txn->database_reads();
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());
  EXPECT_EQ(txn->database_reads(), reads + 5);

  // The batch in flight answers for its own nodes.
  reads = txn->database_reads();
  ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", *letter}).ok());
  EXPECT_EQ(txn->database_reads(), reads);
  EXPECT_TRUE(*txn->EdgeExists({*anna, "signed", *letter}));
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());  // The first batch lands.

  // Landed, they are the database's: the same edge is looked up there and found.
  reads = txn->database_reads();
  ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", *letter}).ok());
  EXPECT_GT(txn->database_reads(), reads);
  // A document stated and removed within one batch: its lists are found in the batch alone.
  auto second = txn->UpsertNode({.type = "Letter", .key = "l2", .name = "Letter two"});
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(
      txn->AddEvidence({*anna, "signed", *letter}, {.document = *second, .start = 1, .end = 3})
          .ok());
  ASSERT_TRUE(
      txn->AddMention({.node = *anna, .document = *second, .start = 1, .end = 3, .surface = "nn"})
          .ok());
  auto removed = txn->RemoveDocument(*second);
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(removed->evidence_removed, 1u);
  EXPECT_EQ(removed->mentions_removed, 1u);
  ASSERT_TRUE(txn->Commit().ok());

  auto view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(*anna, Direction::kOut, "signed"), 1u);
  EXPECT_EQ(*view->Degree(*letter, Direction::kIn, "signed"), 2u);
  EXPECT_EQ(view->Stats()->edge_count, 2u);
  auto evidence = view->ListEvidence({*anna, "signed", *letter});
  ASSERT_TRUE(evidence.ok()) << evidence.status();
  EXPECT_EQ(evidence->size(), 1u);
  ExpectClean();
}

// What the transaction read from the database stays true when one of its batches lands, since
// what the batch wrote replaces it: a person found batch after batch is read once, and a counter
// read before a batch that changed it is read as the batch left it.
TEST_F(BackgroundCommitTest, WhatWasReadStaysTrueAfterABatchLands) {
  const NodeId stored = AddNode(kPerson, "Stored Person", "stored");
  auto txn = Begin();
  for (int batch = 0; batch < 4; ++batch) {
    auto letter =
        txn->UpsertNode({.type = "Letter", .key = absl::StrCat("l", batch), .name = "Letter"});
    ASSERT_TRUE(letter.ok());
    const uint64_t reads = txn->database_reads();
    auto found = txn->GetNodeByKey(kPerson, "anna");
    EXPECT_EQ(found.ok(), batch > 0) << "batch " << batch;
    // Batch 2 reads Anna's record, written by batch 0; batch 3 remembers it.
    if (batch == 3) {
      EXPECT_EQ(txn->database_reads(), reads);
    }
    auto anna = txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Anna"});
    ASSERT_TRUE(anna.ok());
    if (found.ok()) {
      EXPECT_EQ(found->id, *anna) << "batch " << batch;
    }
    ASSERT_TRUE(txn->UpsertEdge({stored, "signed", *letter}).ok());
    ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", *letter}).ok());
    ASSERT_TRUE(txn->CommitStagedInBackground().ok());
  }
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(stored, Direction::kOut, "signed"), 4u);
  EXPECT_EQ(view->Stats()->node_count, 6u);
  ExpectClean();
}

// A key remembered as read and then deleted by a landed batch is remembered as absent: a degree
// counter that went to zero (and was deleted) counts from zero when the edge comes back.
TEST_F(BackgroundCommitTest, AKeyALandedBatchDeletedIsRememberedAbsent) {
  const NodeId person = AddNode(kPerson, "Stored Person", "stored");
  const NodeId letter = AddNode("Letter", "Letter one");
  auto txn = Begin();
  ASSERT_TRUE(txn->UpsertEdge({person, "signed", letter}).ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());  // Its counters read, then 1.
  ASSERT_TRUE(txn->DeleteEdge({person, "signed", letter}).ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());  // The first lands; the counters go to 0.
  ASSERT_TRUE(txn->UpsertEdge({person, "signed", letter}).ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());  // The deletes land.
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(person, Direction::kOut, "signed"), 1u);
  EXPECT_EQ(*view->Degree(letter, Direction::kIn, "signed"), 1u);
  EXPECT_EQ(view->Stats()->edge_count, 1u);
  ExpectClean();
}

// Keys of nodes made after a batch was handed over are not looked for in that batch, which
// cannot hold them; keys of its own nodes are, and found there.
TEST_F(BackgroundCommitTest, KeysOfNodesMadeAfterTheHandOverAreNotAskedOfTheBatchInFlight) {
  auto txn = Begin();
  auto hold = HoldWrites();
  auto first = txn->UpsertNode({.type = "Letter", .key = "l1", .name = "Letter one"});
  auto anna = txn->UpsertNode({.type = kPerson, .key = "anna", .name = "Anna"});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(anna.ok());
  ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", *first}).ok());
  ASSERT_TRUE(txn->CommitStagedInBackground().ok());  // Held in flight.

  auto second = txn->UpsertNode({.type = "Letter", .key = "l2", .name = "Letter two"});
  auto boris = txn->UpsertNode({.type = kPerson, .key = "boris", .name = "Boris"});
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(boris.ok());
  uint64_t lookups = txn->in_flight_reads();
  ASSERT_TRUE(txn->UpsertEdge({*boris, "signed", *second}).ok());
  ASSERT_TRUE(
      txn->AddEvidence({*boris, "signed", *second}, {.document = *second, .start = 0, .end = 5})
          .ok());
  ASSERT_TRUE(
      txn->AddMention(
             {.node = *boris, .document = *second, .start = 0, .end = 5, .surface = "Boris"})
          .ok());
  // Deleting an edge among new nodes scans its evidence and the document's lists: not in flight.
  auto carl = txn->UpsertNode({.type = kPerson, .key = "carl", .name = "Carl"});
  ASSERT_TRUE(carl.ok());
  lookups = txn->in_flight_reads();  // Carl was looked for by key, which holds no id.
  ASSERT_TRUE(txn->UpsertEdge({*carl, "signed", *second}).ok());
  ASSERT_TRUE(
      txn->AddEvidence({*carl, "signed", *second}, {.document = *second, .start = 6, .end = 10})
          .ok());
  ASSERT_TRUE(txn->DeleteEdge({*carl, "signed", *second}).ok());
  EXPECT_EQ(txn->in_flight_reads(), lookups);
  // Anna's edge to the new letter holds a new id too; her edge to the first letter does not,
  // and the batch in flight answers that it exists.
  ASSERT_TRUE(txn->UpsertEdge({*anna, "signed", *second}).ok());
  EXPECT_EQ(txn->in_flight_reads(), lookups);
  EXPECT_TRUE(*txn->EdgeExists({*anna, "signed", *first}));
  EXPECT_GT(txn->in_flight_reads(), lookups);

  Release();
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(*anna, Direction::kOut, "signed"), 2u);
  EXPECT_EQ(*view->Degree(*second, Direction::kIn, "signed"), 2u);
  EXPECT_EQ(view->Stats()->edge_count, 3u);
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
