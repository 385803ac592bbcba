#include <cmath>
#include <optional>
#include <string>

#include "graph/graph.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

TEST_F(GraphTest, UpsertCreatesAndGetFindsByIdKeyAndExternalId) {
  auto txn = Begin();
  auto id = txn->UpsertNode({.type = kPerson,
                             .key = "helmut scholz",
                             .name = "Helmut Scholz",
                             .aliases = {"H. Scholz"},
                             .properties = {{"born", int64_t{1954}},
                                            {"mep", true},
                                            {"score", 0.5},
                                            {"seen", Timestamp{1602806400000000}},
                                            {"roles", StringList{"MEP", "signatory"}},
                                            {"group", std::string("GUE/NGL")}},
                             .external_id = "ext-1"});
  ASSERT_TRUE(id.ok()) << id.status();
  ASSERT_TRUE(txn->Commit().ok());

  auto view = graph_->NewReadView();
  auto node = view->GetNode(*id);
  ASSERT_TRUE(node.ok()) << node.status();
  EXPECT_EQ(node->type, "Person");
  EXPECT_EQ(node->name, "Helmut Scholz");
  EXPECT_EQ(node->aliases, std::vector<std::string>{"H. Scholz"});
  EXPECT_EQ(std::get<int64_t>(node->properties.at("born")), 1954);
  EXPECT_EQ(std::get<bool>(node->properties.at("mep")), true);
  EXPECT_DOUBLE_EQ(std::get<double>(node->properties.at("score")), 0.5);
  EXPECT_EQ(std::get<Timestamp>(node->properties.at("seen")).micros, 1602806400000000);
  EXPECT_EQ(std::get<StringList>(node->properties.at("roles")).size(), 2u);
  EXPECT_EQ(node->external_id, "ext-1");

  auto by_key = view->GetNodeByKey("Person", "helmut scholz");
  ASSERT_TRUE(by_key.ok());
  EXPECT_EQ(by_key->id, *id);
  auto by_ext = view->GetNodeByExternalId("ext-1");
  ASSERT_TRUE(by_ext.ok());
  EXPECT_EQ(by_ext->id, *id);

  EXPECT_TRUE(absl::IsNotFound(view->GetNode(*id + 100).status()));
  EXPECT_TRUE(absl::IsNotFound(view->GetNodeByKey("Person", "nobody").status()));
  EXPECT_TRUE(absl::IsNotFound(view->GetNodeByKey("NoSuchType", "x").status()));
  EXPECT_TRUE(absl::IsNotFound(view->GetNodeByExternalId("ext-2").status()));
  ExpectClean();
}

TEST_F(GraphTest, ReUpsertMergesAndKeepsTheSameId) {
  NodeId id = AddNode(kPerson, "Kassym-Jomart Tokayev", "tokayev");
  auto txn = Begin();
  auto again = txn->UpsertNode({.type = kPerson,
                                .key = "tokayev",
                                .name = "TOKAYEV Kassym-Jomart",
                                .aliases = {"Tokaev"},
                                .properties = {{"title", std::string("President")}}});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, id);
  ASSERT_TRUE(txn->Commit().ok());
  auto node = graph_->NewReadView()->GetNode(id);
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->name, "TOKAYEV Kassym-Jomart");
  // The old name stays as an alias, so it is still findable.
  EXPECT_EQ(node->aliases, (std::vector<std::string>{"Kassym-Jomart Tokayev", "Tokaev"}));
  EXPECT_EQ(std::get<std::string>(node->properties.at("title")), "President");
  auto stats = graph_->NewReadView()->Stats();
  EXPECT_EQ(stats->nodes_by_type.at("Person"), 1u);
  ExpectClean();
}

TEST_F(GraphTest, ReplaceModeDropsOldAliasesAndProperties) {
  auto txn = Begin();
  auto id = txn->UpsertNode({.type = kOrganisation,
                             .key = "epp",
                             .name = "EPP",
                             .aliases = {"European People's Party"},
                             .properties = {{"kind", std::string("group")}}});
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(txn->UpsertNode({.type = kOrganisation, .key = "epp", .name = "EPP Group"},
                              UpsertMode::kReplace)
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto node = graph_->NewReadView()->GetNode(*id);
  EXPECT_TRUE(node->aliases.empty());
  EXPECT_TRUE(node->properties.empty());
  auto found = graph_->NewReadView()->FindNodes({.query = "European People's Party"});
  EXPECT_TRUE(found->nodes.empty());
  ExpectClean();
}

TEST_F(GraphTest, AccumulateModeKeepsTheFirstNameAndUnionsStringLists) {
  auto txn = Begin();
  bool created = false;
  auto id = txn->UpsertNode({.type = kPerson,
                             .key = "tokayev",
                             .name = "Kassym-Jomart Tokayev",
                             .aliases = {"Tokaev"},
                             .properties = {{"roles", StringList{"President", "", "President"}},
                                            {"honorifics", StringList{""}},
                                            {"title", std::string("President")}}},
                            UpsertMode::kAccumulate, &created);
  ASSERT_TRUE(id.ok()) << id.status();
  EXPECT_TRUE(created);
  // Found again by key without reading the record; an unknown key or type is no node.
  auto found = txn->FindNodeIdByKey(kPerson, "tokayev");
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(*found, std::optional<NodeId>(*id));
  EXPECT_EQ(*txn->FindNodeIdByKey(kPerson, "nobody"), std::nullopt);
  EXPECT_EQ(*txn->FindNodeIdByKey("NoSuchType", "tokayev"), std::nullopt);

  auto again = txn->UpsertNode({.type = kPerson,
                                .key = "tokayev",
                                .name = "TOKAYEV Kassym-Jomart",
                                .aliases = {"K. Tokayev", "Tokaev"},
                                .properties = {{"roles", StringList{"Head of State", "President"}},
                                               {"title", std::string("Head of State")}}},
                               UpsertMode::kAccumulate, &created);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, *id);
  EXPECT_FALSE(created);
  // A spelling the node already holds adds nothing.
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "tokayev", .name = "Kassym-Jomart Tokayev"},
                              UpsertMode::kAccumulate)
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());

  auto node = graph_->NewReadView()->GetNode(*id);
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->name, "Kassym-Jomart Tokayev");
  EXPECT_EQ(node->aliases,
            (std::vector<std::string>{"Tokaev", "K. Tokayev", "TOKAYEV Kassym-Jomart"}));
  EXPECT_EQ(std::get<StringList>(node->properties.at("roles")),
            (StringList{"President", "Head of State"}));
  // A list left empty once cleaned is not stored; other values are overwritten.
  EXPECT_EQ(node->properties.count("honorifics"), 0u);
  EXPECT_EQ(std::get<std::string>(node->properties.at("title")), "Head of State");
  // Every spelling is findable.
  for (const char* name : {"TOKAYEV Kassym-Jomart", "K. Tokayev", "Tokaev"}) {
    auto by_name = graph_->NewReadView()->FindNodes({.query = name});
    ASSERT_TRUE(by_name.ok());
    ASSERT_EQ(by_name->nodes.size(), 1u) << name;
    EXPECT_EQ(by_name->nodes[0].id, *id);
  }
  ExpectClean();
}

// A spec restated word for word is answered from memory (WriteTransaction::Impl::Restated): the
// answer must stay what merging it again would give after whatever changed the node meanwhile.
TEST_F(GraphTest, AccumulateModeRestatedSpecsStayExactAfterChangesDeletesAndRollbacks) {
  const NodeSpec party{.type = kOrganisation,
                       .key = "koshe",
                       .name = "Koshe Party",
                       .properties = {{"type", std::string("party")}, {"weight", 0.0}}};
  auto txn = Begin();
  bool created = false;
  auto first = txn->UpsertNode(party, UpsertMode::kAccumulate, &created);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(created);
  for (int i = 0; i < 2; ++i) {  // The first restatement is checked, the second remembered.
    EXPECT_EQ(*txn->UpsertNode(party, UpsertMode::kAccumulate, &created), *first);
    EXPECT_FALSE(created);
  }
  // Another letter overwrites a value: the first spec changes the node back.
  NodeSpec ngo = party;
  ngo.properties["type"] = std::string("ngo");
  ASSERT_TRUE(txn->UpsertNode(ngo, UpsertMode::kAccumulate).ok());
  ASSERT_TRUE(txn->UpsertNode(party, UpsertMode::kAccumulate).ok());
  EXPECT_EQ(std::get<std::string>(txn->GetNode(*first)->properties.at("type")), "party");
  ASSERT_TRUE(txn->UpsertNode(party, UpsertMode::kAccumulate).ok());  // Remembered again.
  // -0.0 equals 0.0 but is stored otherwise: not a restatement.
  NodeSpec negative_zero = party;
  negative_zero.properties["weight"] = -0.0;
  ASSERT_TRUE(txn->UpsertNode(negative_zero, UpsertMode::kAccumulate).ok());
  EXPECT_TRUE(std::signbit(std::get<double>(txn->GetNode(*first)->properties.at("weight"))));
  ASSERT_TRUE(txn->UpsertNode(party, UpsertMode::kAccumulate).ok());
  ASSERT_TRUE(txn->UpsertNode(party, UpsertMode::kAccumulate).ok());
  EXPECT_FALSE(std::signbit(std::get<double>(txn->GetNode(*first)->properties.at("weight"))));
  // Merged by another mode, then restated.
  ASSERT_TRUE(txn->UpsertNode({.type = kOrganisation, .key = "koshe", .name = "Koshe"}).ok());
  ASSERT_TRUE(txn->UpsertNode(party, UpsertMode::kAccumulate).ok());
  EXPECT_EQ(txn->GetNode(*first)->name, "Koshe");
  EXPECT_EQ(txn->GetNode(*first)->aliases, (std::vector<std::string>{"Koshe Party"}));
  // Deleted, then restated: a new node.
  ASSERT_TRUE(txn->DeleteNode(*first).ok());
  auto second = txn->UpsertNode(party, UpsertMode::kAccumulate, &created);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_TRUE(created);
  EXPECT_NE(*second, *first);
  // Made and restated in a unit that fails: rolled back, the next statement makes it again.
  ASSERT_TRUE(txn->DeleteNode(*second).ok());
  NodeId in_unit = kNoNode;
  absl::Status failed = txn->RunAtomically([&]() -> absl::Status {
    in_unit = *txn->UpsertNode(party, UpsertMode::kAccumulate);
    for (int i = 0; i < 2; ++i)
      EXPECT_EQ(*txn->UpsertNode(party, UpsertMode::kAccumulate), in_unit);
    return absl::InternalError("the unit fails");
  });
  EXPECT_FALSE(failed.ok());
  auto third = txn->UpsertNode(party, UpsertMode::kAccumulate, &created);
  ASSERT_TRUE(third.ok()) << third.status();
  EXPECT_TRUE(created);
  EXPECT_TRUE(txn->GetNode(*third).ok());
  ASSERT_TRUE(txn->Commit().ok());
  ExpectClean();
}

TEST_F(GraphTest, AccumulateModeNamesANodeStoredWithoutAName) {
  auto txn = Begin();
  auto id = txn->UpsertNode({.type = kOrganisation, .key = "ngo-7"});
  ASSERT_TRUE(id.ok()) << id.status();
  ASSERT_TRUE(txn->UpsertNode({.type = kOrganisation, .key = "ngo-7", .name = "Kazakhstan Watch"},
                              UpsertMode::kAccumulate)
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto node = graph_->NewReadView()->GetNode(*id);
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->name, "Kazakhstan Watch");
  EXPECT_TRUE(node->aliases.empty());
  ExpectClean();
}

TEST_F(GraphTest, ExternalIdsAreUniqueAndImmutable) {
  auto txn = Begin();
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson, .key = "a", .name = "A", .external_id = "1"}).ok());
  auto dup = txn->UpsertNode({.type = kPerson, .key = "b", .name = "B", .external_id = "1"});
  EXPECT_TRUE(absl::IsAlreadyExists(dup.status())) << dup.status();
  auto change = txn->UpsertNode({.type = kPerson, .key = "a", .name = "A", .external_id = "2"});
  EXPECT_TRUE(absl::IsFailedPrecondition(change.status())) << change.status();
  ASSERT_TRUE(txn->Commit().ok());
  ExpectClean();
}

TEST_F(GraphTest, InvalidInputIsRejectedWithTheFieldNamed) {
  auto txn = Begin();
  auto empty_type = txn->UpsertNode({.type = "", .key = "k", .name = "n"});
  EXPECT_TRUE(absl::IsInvalidArgument(empty_type.status()));
  EXPECT_NE(empty_type.status().message().find("node type"), std::string::npos);
  auto empty_key = txn->UpsertNode({.type = kPerson, .key = "", .name = "n"});
  EXPECT_TRUE(absl::IsInvalidArgument(empty_key.status()));
  auto bad_utf8 = txn->UpsertNode({.type = kPerson, .key = "k", .name = "bad\xff name"});
  EXPECT_TRUE(absl::IsInvalidArgument(bad_utf8.status()));
  EXPECT_NE(bad_utf8.status().message().find("node name"), std::string::npos);
  EXPECT_NE(bad_utf8.status().message().find("offset 3"), std::string::npos);
  auto bad_prop = txn->UpsertNode(
      {.type = kPerson, .key = "k", .name = "n", .properties = {{"x", std::string("\xc3")}}});
  EXPECT_TRUE(absl::IsInvalidArgument(bad_prop.status()));
  EXPECT_EQ(bad_prop.status().message(),
            "node property.x is not valid UTF-8 (first bad byte at offset 0)");
  auto bad_prop_name = txn->UpsertNode(
      {.type = kPerson, .key = "k", .name = "n", .properties = {{"ro\xffle", std::string("v")}}});
  EXPECT_EQ(bad_prop_name.status().message(),
            "node property name is not valid UTF-8 (first bad byte at offset 2)");
  auto bad_list_item =
      txn->UpsertNode({.type = kPerson,
                       .key = "k",
                       .name = "n",
                       .properties = {{"tags", StringList{"fine", "also fine", "bro\xe2\x82"}}}});
  EXPECT_EQ(bad_list_item.status().message(),
            "node property.tags is not valid UTF-8 (first bad byte at offset 3)");
  auto control = txn->UpsertNode({.type = "Per\nson", .key = "k", .name = "n"});
  EXPECT_TRUE(absl::IsInvalidArgument(control.status()));
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
  ExpectClean();
}

TEST_F(GraphTest, AbortedTransactionLeavesNothing) {
  {
    auto txn = Begin();
    ASSERT_TRUE(txn->UpsertNode({.type = "Ghost", .key = "g", .name = "Ghost"}).ok());
    // Destroyed without Commit.
  }
  auto view = graph_->NewReadView();
  EXPECT_EQ(view->Stats()->node_count, 0u);
  EXPECT_TRUE(view->FindNodes({.query = "Ghost"})->nodes.empty());
  // The interned type was rolled back and ids are reused.
  NodeId id = AddNode("Ghost", "Real");
  EXPECT_EQ(id, 1u);
  ExpectClean();
}

TEST_F(GraphTest, TransactionReadsItsOwnWrites) {
  auto txn = Begin();
  auto id = txn->UpsertNode({.type = kPerson, .key = "dulat agadil", .name = "Dulat Agadil"});
  ASSERT_TRUE(id.ok());
  auto node = txn->GetNodeByKey(kPerson, "dulat agadil");
  ASSERT_TRUE(node.ok());
  EXPECT_EQ(node->id, *id);
  auto ids = txn->FindByExactName("DULAT agadil", kPerson);
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, std::vector<NodeId>{*id});
  EXPECT_TRUE(txn->FindByExactName("Dulat Agadil", kOrganisation)->empty());
  // Not visible outside until commit.
  EXPECT_TRUE(absl::IsNotFound(graph_->NewReadView()->GetNode(*id).status()));
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_TRUE(graph_->NewReadView()->GetNode(*id).ok());
}

TEST_F(GraphTest, FindsUnicodeNamesCaseAndDiacriticsInsensitively) {
  NodeId rasa = AddNode(kPerson, "Rasa Juknevičienė");
  NodeId ivan = AddNode(kPerson, "Ivan Sinčić");
  NodeId fionnuala = AddNode(kPerson, "Fionnuala Ní Aoláin");
  NodeId tokayev = AddNode(kPerson, "Касым-Жомарт Токаев");
  NodeId nienass = AddNode(kPerson, "Niklas Nienaß");
  auto view = graph_->NewReadView();
  auto find = [&](const std::string& q, NameMatch m) {
    std::vector<NodeId> ids;
    auto page = view->FindNodes({.query = q, .match = m});
    EXPECT_TRUE(page.ok()) << page.status();
    for (const Node& n : page->nodes) ids.push_back(n.id);
    return ids;
  };
  EXPECT_EQ(find("rasa jukneviciene", NameMatch::kExact), std::vector<NodeId>{rasa});
  EXPECT_EQ(find("RASA JUKNEVIČIENĖ", NameMatch::kExact), std::vector<NodeId>{rasa});
  EXPECT_EQ(find("ivan sincic", NameMatch::kExact), std::vector<NodeId>{ivan});
  EXPECT_EQ(find("Fionnuala Ni Aolain", NameMatch::kExact), std::vector<NodeId>{fionnuala});
  EXPECT_EQ(find("aolain", NameMatch::kToken), std::vector<NodeId>{fionnuala});
  EXPECT_EQ(find("tokaev", NameMatch::kToken), std::vector<NodeId>{tokayev});
  EXPECT_EQ(find("Kasym", NameMatch::kPrefix), std::vector<NodeId>{tokayev});
  EXPECT_EQ(find("nienass", NameMatch::kToken), std::vector<NodeId>{nienass});
  EXPECT_EQ(find("Jukn", NameMatch::kPrefix),
            std::vector<NodeId>{});  // Prefix of the full name only.
  EXPECT_EQ(find("Rasa", NameMatch::kPrefix), std::vector<NodeId>{rasa});
  EXPECT_TRUE(absl::IsInvalidArgument(view->FindNodes({.query = " - "}).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(
      view->FindNodes({.query = "two words", .match = NameMatch::kToken}).status()));
}

TEST_F(GraphTest, FindFiltersByTypeAndPaginatesWithoutRepeats) {
  std::vector<NodeId> people;
  for (int i = 0; i < 25; ++i) {
    people.push_back(AddNode(kPerson, "Abish " + std::to_string(100 + i)));
  }
  AddNode(kOrganisation, "Abish Foundation");
  // Name and alias both match the prefix: listed once.
  auto txn = Begin();
  ASSERT_TRUE(txn->UpsertNode({.type = kPerson,
                               .key = "dual",
                               .name = "Abish Dual",
                               .aliases = {"Abish Dual Alias"}})
                  .ok());
  ASSERT_TRUE(txn->Commit().ok());

  auto view = graph_->NewReadView();
  std::vector<NodeId> seen;
  std::string token;
  int pages = 0;
  do {
    auto page = view->FindNodes({.query = "abish",
                                 .match = NameMatch::kPrefix,
                                 .types = {"Person"},
                                 .page_size = 7,
                                 .page_token = token});
    ASSERT_TRUE(page.ok()) << page.status();
    for (const Node& n : page->nodes) {
      EXPECT_EQ(n.type, "Person");
      seen.push_back(n.id);
    }
    token = page->next_page_token;
    ++pages;
  } while (!token.empty());
  EXPECT_EQ(seen.size(), 26u);
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(std::unique(seen.begin(), seen.end()), seen.end());
  EXPECT_EQ(pages, 4);

  // A token from one query does not fit another.
  auto first = view->FindNodes({.query = "abish", .match = NameMatch::kPrefix, .page_size = 2});
  auto misuse = view->FindNodes(
      {.query = "other", .match = NameMatch::kPrefix, .page_token = first->next_page_token});
  EXPECT_TRUE(absl::IsInvalidArgument(misuse.status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(view->FindNodes({.query = "abish", .page_token = "%%%"}).status()));
  EXPECT_TRUE(
      absl::IsInvalidArgument(view->FindNodes({.query = "abish", .page_size = -1}).status()));
}

TEST_F(GraphTest, DataSurvivesReopen) {
  NodeId a = AddNode(kPerson, "Helmut Scholz");
  NodeId l = AddNode(kLetter, "Letter", "sha-1");
  AddEdge(a, "signed", l);
  {
    auto txn = Begin();
    ASSERT_TRUE(
        txn->AddEvidence(
               {a, "signed", l},
               {.document = l, .start = 5, .end = 18, .text = "Helmut Scholz", .rule = "sig"})
            .ok());
    ASSERT_TRUE(txn->Commit().ok());
  }
  ASSERT_TRUE(graph_->Close().ok());
  Reopen();
  auto view = graph_->NewReadView();
  EXPECT_EQ(view->GetNode(a)->name, "Helmut Scholz");
  auto edge = view->GetEdge({a, "signed", l}, true);
  ASSERT_TRUE(edge.ok()) << edge.status();
  ASSERT_EQ(edge->evidence.size(), 1u);
  EXPECT_EQ(edge->evidence[0].start, 5u);
  EXPECT_EQ(edge->evidence[0].rule, "sig");
  EXPECT_EQ(view->FindNodes({.query = "scholz", .match = NameMatch::kToken})->nodes.size(), 1u);
  EXPECT_EQ(*view->Degree(a, Direction::kOut, "signed"), 1u);
  // New ids continue after the old ones.
  NodeId b = AddNode(kPerson, "Brando Benifei");
  EXPECT_GT(b, l);
  ExpectClean();
}

}  // namespace
}  // namespace dossier::graph
