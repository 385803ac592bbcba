#include <string>

#include "graph/graph.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

TEST_F(GraphTest, EdgesHaveMirrorsDegreesAndMergedProperties) {
  NodeId p = AddNode(kPerson, "Helmut Scholz");
  NodeId l = AddNode(kLetter, "Letter", "sha");
  NodeId g = AddNode(kOrganisation, "GUE/NGL");
  auto txn = Begin();
  ASSERT_TRUE(txn->UpsertEdge({p, "signed", l}, {{"affiliation", std::string("GUE/NGL")}}).ok());
  ASSERT_TRUE(
      txn->UpsertEdge({p, "signed", l}, {{"order", int64_t{1}}}).ok());  // Re-upsert merges.
  ASSERT_TRUE(txn->UpsertEdge({p, "member-of", g}).ok());
  ASSERT_TRUE(txn->Commit().ok());

  auto view = graph_->NewReadView();
  auto edge = view->GetEdge({p, "signed", l});
  ASSERT_TRUE(edge.ok());
  EXPECT_EQ(std::get<std::string>(edge->properties.at("affiliation")), "GUE/NGL");
  EXPECT_EQ(std::get<int64_t>(edge->properties.at("order")), 1);
  EXPECT_EQ(*view->Degree(p, Direction::kOut), 2u);
  EXPECT_EQ(*view->Degree(p, Direction::kOut, "signed"), 1u);
  EXPECT_EQ(*view->Degree(l, Direction::kIn, "signed"), 1u);
  EXPECT_EQ(*view->Degree(l, Direction::kOut), 0u);
  EXPECT_EQ(*view->Degree(p, Direction::kBoth, "no-such-type"), 0u);
  EXPECT_EQ(NeighborIds(l, Direction::kIn), std::vector<NodeId>{p});
  EXPECT_EQ(NeighborIds(p, Direction::kOut, {"member-of"}), std::vector<NodeId>{g});
  EXPECT_EQ(view->Stats()->edges_by_type.at("signed"), 1u);
  ExpectClean();
}

// An edge deleted and stated again in one batch: its mirror's delete and its new mirror are the
// same key of the same batch (the second must replace the first, not stand beside it).
TEST_F(GraphTest, AnEdgeDeletedAndRestatedInOneBatchKeepsItsMirror) {
  NodeId a = AddNode(kPerson, "A");
  NodeId b = AddNode(kPerson, "B");
  AddEdge(a, "knows", b);
  auto txn = Begin();
  ASSERT_TRUE(txn->DeleteEdge({a, "knows", b}).ok());
  ASSERT_TRUE(txn->UpsertEdge({a, "knows", b}).ok());
  ASSERT_TRUE(txn->DeleteEdge({a, "knows", b}).ok());
  ASSERT_TRUE(txn->UpsertEdge({a, "knows", b}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(NeighborIds(b, Direction::kIn), std::vector<NodeId>{a});
  EXPECT_EQ(*graph_->NewReadView()->Degree(b, Direction::kIn), 1u);
  ExpectClean();
}

TEST_F(GraphTest, EdgeToMissingNodeIsNotFound) {
  NodeId p = AddNode(kPerson, "A");
  auto txn = Begin();
  absl::Status s = txn->UpsertEdge({p, "signed", 999});
  EXPECT_TRUE(absl::IsNotFound(s)) << s;
  EXPECT_NE(s.message().find("target node 999"), std::string::npos);
  EXPECT_TRUE(absl::IsInvalidArgument(txn->UpsertEdge({p, "", p})));
}

TEST_F(GraphTest, SelfLoopsAndParallelEdgesOfDifferentTypes) {
  NodeId a = AddNode(kPerson, "A");
  NodeId b = AddNode(kPerson, "B");
  AddEdge(a, "knows", a);
  AddEdge(a, "knows", b);
  AddEdge(a, "sued", b);
  auto view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(a, Direction::kOut), 3u);
  EXPECT_EQ(*view->Degree(a, Direction::kIn), 1u);
  auto page = view->Neighbors({.node = a, .direction = Direction::kBoth});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->neighbors.size(), 4u);  // a->a, a->b knows, a->b sued (out), a<-a (in)
  EXPECT_EQ(page->neighbors[3].direction, Direction::kIn);
  ExpectClean();

  // Deleting the node removes the loop once, and both parallel edges.
  auto txn = Begin();
  ASSERT_TRUE(txn->DeleteNode(a).ok());
  ASSERT_TRUE(txn->Commit().ok());
  view = graph_->NewReadView();
  EXPECT_EQ(*view->Degree(b, Direction::kIn), 0u);
  EXPECT_EQ(view->Stats()->edge_count, 0u);
  ExpectClean();
}

TEST_F(GraphTest, DeleteEdgeRemovesMirrorEvidenceAndCounters) {
  NodeId p = AddNode(kPerson, "P");
  NodeId l = AddNode(kLetter, "L");
  AddEdge(p, "signed", l);
  auto txn = Begin();
  ASSERT_TRUE(txn->AddEvidence({p, "signed", l}, {.document = l, .start = 0, .end = 1}).ok());
  ASSERT_TRUE(txn->DeleteEdge({p, "signed", l}).ok());
  EXPECT_TRUE(absl::IsNotFound(txn->DeleteEdge({p, "signed", l})));
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_TRUE(absl::IsNotFound(view->GetEdge({p, "signed", l}).status()));
  EXPECT_EQ(view->Stats()->evidence_count, 0u);
  EXPECT_TRUE(view->Degrees(p)->empty());
  ExpectClean();
}

TEST_F(GraphTest, EvidenceValidationAndListing) {
  NodeId p = AddNode(kPerson, "P");
  NodeId l = AddNode(kLetter, "L");
  auto txn = Begin();
  EXPECT_TRUE(absl::IsNotFound(
      txn->AddEvidence({p, "signed", l}, {.document = l, .start = 0, .end = 1}).status()));
  ASSERT_TRUE(txn->UpsertEdge({p, "signed", l}).ok());
  EXPECT_TRUE(absl::IsInvalidArgument(
      txn->AddEvidence({p, "signed", l}, {.document = l, .start = 9, .end = 1}).status()));
  EXPECT_TRUE(absl::IsNotFound(
      txn->AddEvidence({p, "signed", l}, {.document = 12345, .start = 0, .end = 1}).status()));
  auto e1 =
      txn->AddEvidence({p, "signed", l}, {.document = l,
                                          .start = 10,
                                          .end = 20,
                                          .text = "P, GROUP",
                                          .footnote = 2,
                                          .rule = "signature-line",
                                          .properties = {{"affiliation", std::string("GROUP")}}});
  auto e2 = txn->AddEvidence({p, "signed", l}, {.document = l, .start = 40, .end = 41});
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_NE(*e1, *e2);
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  auto evidence = view->ListEvidence({p, "signed", l});
  ASSERT_TRUE(evidence.ok());
  ASSERT_EQ(evidence->size(), 2u);
  EXPECT_EQ((*evidence)[0].text, "P, GROUP");
  EXPECT_EQ((*evidence)[0].footnote, 2);
  EXPECT_EQ(std::get<std::string>((*evidence)[0].properties.at("affiliation")), "GROUP");
  EXPECT_EQ(*view->ListDocumentEdges(l), (std::vector<EdgeKey>{{p, "signed", l}}));
  EXPECT_EQ(view->Stats()->evidence_count, 2u);
  ExpectClean();
}

// The one-step form stores exactly what UpsertEdge then AddEvidence store, says whether the
// edge is new, and refuses bad evidence before writing the edge.
TEST_F(GraphTest, UpsertEdgeWithEvidenceStoresWhatTheTwoStepsStore) {
  NodeId letter = AddNode(kLetter, "L");
  NodeId one_step = AddNode(kPerson, "One Step");
  NodeId two_steps = AddNode(kPerson, "Two Steps");
  NodeId org = AddNode(kOrganisation, "Org");
  const Properties implied = {{"implied", true}};
  auto evidence = [&](uint64_t start) {
    return Evidence{.document = letter,
                    .start = start,
                    .end = start + 5,
                    .text = "quote",
                    .rule = "rule",
                    .properties = {{"implied", true}}};
  };
  auto txn = Begin();
  bool created = false;
  ASSERT_TRUE(
      txn->UpsertEdgeWithEvidence({one_step, "member-of", org}, implied, evidence(1), &created)
          .ok());
  EXPECT_TRUE(created);
  ASSERT_TRUE(
      txn->UpsertEdgeWithEvidence({one_step, "member-of", org}, {}, evidence(7), &created).ok());
  EXPECT_FALSE(created);
  ASSERT_TRUE(txn->UpsertEdge({two_steps, "member-of", org}, implied).ok());
  ASSERT_TRUE(txn->AddEvidence({two_steps, "member-of", org}, evidence(1)).ok());
  ASSERT_TRUE(txn->UpsertEdge({two_steps, "member-of", org}, {}).ok());
  ASSERT_TRUE(txn->AddEvidence({two_steps, "member-of", org}, evidence(7)).ok());

  // Refused evidence leaves no edge behind; neither does a missing node or document.
  EXPECT_TRUE(absl::IsInvalidArgument(
      txn->UpsertEdgeWithEvidence({one_step, "knows", org}, {},
                                  {.document = letter, .start = 9, .end = 1})
          .status()));
  EXPECT_TRUE(
      absl::IsNotFound(txn->UpsertEdgeWithEvidence({one_step, "knows", org}, {},
                                                   {.document = 12345, .start = 0, .end = 1})
                           .status()));
  EXPECT_TRUE(
      absl::IsNotFound(txn->UpsertEdgeWithEvidence({one_step, "knows", 54321}, {},
                                                   {.document = letter, .start = 0, .end = 1})
                           .status()));
  EXPECT_FALSE(*txn->EdgeExists({one_step, "knows", org}));
  ASSERT_TRUE(txn->Commit().ok());
  ExpectClean();

  auto view = graph_->NewReadView();
  auto a = view->GetEdge({one_step, "member-of", org}, /*with_evidence=*/true);
  auto b = view->GetEdge({two_steps, "member-of", org}, /*with_evidence=*/true);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->properties, b->properties);
  ASSERT_EQ(a->evidence.size(), 2u);
  ASSERT_EQ(b->evidence.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(a->evidence[i].start, b->evidence[i].start);
    EXPECT_EQ(a->evidence[i].text, b->evidence[i].text);
    EXPECT_EQ(a->evidence[i].properties, b->evidence[i].properties);
  }
  EXPECT_EQ(*view->Degree(one_step, Direction::kOut, "member-of"), 1u);
  EXPECT_EQ(view->Stats()->evidence_count, 4u);

  // Both edges count as stated by the letter: removing it removes them and what they supported.
  txn = Begin();
  auto removed = txn->RemoveDocument(letter);
  ASSERT_TRUE(removed.ok()) << removed.status();
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(removed->edges_removed, 2u);
  EXPECT_EQ(removed->nodes_removed, 3u);
  ExpectClean();
}

// Two letters state the same edge; removing one keeps the edge, removing both
// removes it and the nodes only they supported.
TEST_F(GraphTest, RemoveDocumentKeepsWhatOtherDocumentsSupport) {
  NodeId letter1 = AddNode(kLetter, "L1");
  NodeId letter2 = AddNode(kLetter, "L2");
  NodeId victim = AddNode(kPerson, "Dulat Agadil");
  NodeId state = AddNode(kOrganisation, "Kazakhstan");
  NodeId only1 = AddNode(kPerson, "Only In One");
  NodeId manual = AddNode(kPerson, "Added By Hand");
  AddEdge(manual, "knows", victim);  // No provenance: never removed by documents.
  auto txn = Begin();
  for (NodeId letter : {letter1, letter2}) {
    ASSERT_TRUE(txn->UpsertEdge({victim, "persecuted-by", state}).ok());
    ASSERT_TRUE(txn->AddEvidence({victim, "persecuted-by", state},
                                 {.document = letter, .start = 1, .end = 2})
                    .ok());
    ASSERT_TRUE(txn->UpsertEdge({victim, "mentioned-in", letter}).ok());
    ASSERT_TRUE(txn->AddEvidence({victim, "mentioned-in", letter},
                                 {.document = letter, .start = 1, .end = 2})
                    .ok());
    ASSERT_TRUE(txn->AddMention({.node = victim,
                                 .document = letter,
                                 .start = 1,
                                 .end = 2,
                                 .surface = "Dulat Agadil"})
                    .ok());
  }
  ASSERT_TRUE(txn->UpsertEdge({only1, "mentioned-in", letter1}).ok());
  ASSERT_TRUE(txn->AddEvidence({only1, "mentioned-in", letter1},
                               {.document = letter1, .start = 3, .end = 4})
                  .ok());
  ASSERT_TRUE(txn->AddMention({.node = only1, .document = letter1, .start = 3, .end = 4}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  ExpectClean();
  EXPECT_EQ(graph_->NewReadView()->ListMentions(victim)->size(), 2u);

  txn = Begin();
  auto removed = txn->RemoveDocument(letter1);
  ASSERT_TRUE(removed.ok()) << removed.status();
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(removed->evidence_removed, 3u);
  EXPECT_EQ(removed->mentions_removed, 2u);
  EXPECT_EQ(removed->edges_removed, 2u);  // victim->letter1 and only1->letter1
  EXPECT_EQ(removed->nodes_removed, 1u);  // only1
  auto view = graph_->NewReadView();
  EXPECT_TRUE(view->GetEdge({victim, "persecuted-by", state}).ok());
  EXPECT_EQ(view->ListEvidence({victim, "persecuted-by", state})->size(), 1u);
  EXPECT_TRUE(absl::IsNotFound(view->GetNode(only1).status()));
  EXPECT_TRUE(view->GetNode(letter1).ok());  // The caller decides about the document itself.
  EXPECT_EQ(view->ListMentions(victim)->size(), 1u);
  ExpectClean();

  // Deleting the second letter node takes its support with it.
  txn = Begin();
  ASSERT_TRUE(txn->DeleteNode(letter2).ok());
  ASSERT_TRUE(txn->Commit().ok());
  view = graph_->NewReadView();
  EXPECT_TRUE(absl::IsNotFound(view->GetEdge({victim, "persecuted-by", state}).status()));
  // victim still has the hand-made edge, so it stays; state lost its last support.
  EXPECT_TRUE(view->GetNode(victim).ok());
  EXPECT_TRUE(absl::IsNotFound(view->GetNode(state).status()));
  EXPECT_TRUE(view->GetNode(manual).ok());
  ExpectClean();
}

TEST_F(GraphTest, DeleteNodeWithManyEdgesIsAtomicAndComplete) {
  NodeId hub = AddNode(kOrganisation, "Hub");
  constexpr int kSpokes = 100'000;
  {
    auto txn = Begin();
    for (int i = 0; i < kSpokes; ++i) {
      auto id = txn->UpsertNode({.type = kPerson, .key = "p" + std::to_string(i), .name = "P"});
      ASSERT_TRUE(id.ok());
      ASSERT_TRUE(txn->UpsertEdge({*id, "member-of", hub}).ok());
    }
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto before = graph_->NewReadView();
  EXPECT_EQ(*before->Degree(hub, Direction::kIn, "member-of"), static_cast<uint64_t>(kSpokes));
  {
    auto txn = Begin();
    ASSERT_TRUE(txn->DeleteNode(hub).ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  // The snapshot taken before the delete still sees every edge: no half state.
  EXPECT_EQ(*before->Degree(hub, Direction::kIn, "member-of"), static_cast<uint64_t>(kSpokes));
  auto after = graph_->NewReadView();
  EXPECT_TRUE(absl::IsNotFound(after->GetNode(hub).status()));
  EXPECT_EQ(after->Stats()->edge_count, 0u);
  EXPECT_EQ(after->Stats()->nodes_by_type.at("Person"), static_cast<uint64_t>(kSpokes));
  EXPECT_TRUE(after->Degrees(2)->empty());
  ExpectClean();
}

// A node's delete scans its edges: the stored ones merged with what the same transaction wrote
// and deleted just before.
TEST_F(GraphTest, DeleteNodeSeesThisTransactionsOwnEdgeWritesAndDeletes) {
  NodeId a = AddNode(kPerson, "A");
  NodeId stored_kept = AddNode(kPerson, "Stored kept");
  NodeId stored_deleted = AddNode(kPerson, "Stored deleted");
  NodeId added = AddNode(kPerson, "Added in the transaction");
  AddEdge(a, "knows", stored_kept);
  AddEdge(a, "knows", stored_deleted);
  AddEdge(stored_kept, "knows", a);
  {
    auto txn = Begin();
    ASSERT_TRUE(txn->DeleteEdge({a, "knows", stored_deleted}).ok());
    ASSERT_TRUE(txn->UpsertEdge({a, "knows", added}).ok());
    ASSERT_TRUE(txn->UpsertEdge({added, "knows", a}).ok());
    ASSERT_TRUE(txn->DeleteNode(a).ok());
    // The deleted edge is not deleted twice (its counters would go negative at commit).
    ASSERT_TRUE(txn->Commit().ok());
  }
  auto view = graph_->NewReadView();
  EXPECT_TRUE(absl::IsNotFound(view->GetNode(a).status()));
  EXPECT_EQ(view->Stats()->edge_count, 0u);
  EXPECT_TRUE(view->Degrees(10)->empty());
  ExpectClean();
}

// An operation that fails half way is undone alone: the transaction's earlier writes stay and
// later ones build on them.
TEST_F(GraphTest, AnOperationFailingHalfWayIsUndoneAloneInItsTransaction) {
  NodeId a = AddNode(kPerson, "A");
  auto txn = Begin();
  ASSERT_TRUE(
      txn->UpsertNode({.type = kPerson, .key = "owner", .name = "Owner", .external_id = "x1"})
          .ok());
  ASSERT_TRUE(txn->UpsertEdge({a, "knows", a}).ok());
  // A new node whose external id is taken: its key index entry and its count were written
  // before the clash was found, and must go with it.
  auto clash =
      txn->UpsertNode({.type = kPerson, .key = "late", .name = "Late", .external_id = "x1"});
  EXPECT_TRUE(absl::IsAlreadyExists(clash.status())) << clash.status();
  EXPECT_TRUE(absl::IsNotFound(txn->GetNodeByKey(kPerson, "late").status()));
  auto late = txn->UpsertNode({.type = kPerson, .key = "late", .name = "Late"});
  ASSERT_TRUE(late.ok());
  ASSERT_TRUE(txn->UpsertEdge({*late, "knows", a}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  EXPECT_EQ(view->Stats()->node_count, 3u);
  EXPECT_EQ(view->Stats()->edge_count, 2u);
  EXPECT_EQ(view->GetNodeByKey(kPerson, "late")->id, *late);
  ExpectClean();
}

// A unit of several operations (an imported letter among others in one commit) is undone
// whole when it fails, including a new type it interned and the ids and counters it used; the
// transaction's other units stay and it still commits. Units nest.
TEST_F(GraphTest, RunAtomicallyUndoesAFailedUnitWholeAndKeepsTheOthers) {
  auto txn = Begin();
  NodeId kept = 0;
  ASSERT_TRUE(txn->RunAtomically([&]() -> absl::Status {
                   auto id = txn->UpsertNode({.type = kPerson, .key = "kept", .name = "Kept"});
                   if (!id.ok()) return id.status();
                   kept = *id;
                   return txn->UpsertEdge({kept, "knows", kept});
                 })
                  .ok());
  absl::Status failed = txn->RunAtomically([&]() -> absl::Status {
    auto ghost = txn->UpsertNode({.type = "Ghost", .key = "g", .name = "Ghost"});
    if (!ghost.ok()) return ghost.status();
    if (auto s = txn->UpsertEdge({kept, "haunts", *ghost}); !s.ok()) return s;
    // A nested unit that succeeds is still undone with the unit around it.
    if (auto s = txn->RunAtomically([&] {
          return txn->UpsertEdge({*ghost, "knows", kept});
        });
        !s.ok()) {
      return s;
    }
    return absl::DataLossError("the unit gives up");
  });
  EXPECT_TRUE(absl::IsDataLoss(failed)) << failed;
  EXPECT_TRUE(absl::IsNotFound(txn->GetNodeByKey("Ghost", "g").status()));
  EXPECT_FALSE(*txn->EdgeExists({kept, "haunts", kept + 1}));
  // The ids the failed unit took are given again.
  auto next = txn->UpsertNode({.type = kPerson, .key = "next", .name = "Next"});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, kept + 1);
  ASSERT_TRUE(txn->Commit().ok());
  auto view = graph_->NewReadView();
  auto stats = view->Stats();
  EXPECT_EQ(stats->node_count, 2u);
  EXPECT_EQ(stats->edge_count, 1u);
  EXPECT_FALSE(stats->nodes_by_type.contains("Ghost"));
  EXPECT_FALSE(stats->edges_by_type.contains("haunts"));
  EXPECT_EQ(*view->Degree(kept, Direction::kOut, "knows"), 1u);
  EXPECT_EQ(*view->Degree(kept, Direction::kIn, "knows"), 1u);
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
