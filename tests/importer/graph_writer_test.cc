// The importer's graph side: letters in, a traceable graph out, atomically.
#include "importer/graph_writer.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <thread>

#include "graph/checker.h"
#include "graph/graph.h"
#include "gtest/gtest.h"
#include "importer/name_normalizer.h"
#include "importer/url_extractor.h"
#include "nlohmann/json.hpp"
#include "tests/importer/importer_test_util.h"
#include "tests/testing/temp_dir.h"

namespace dossier::importer {
namespace {

using graph::Direction;
using graph::NodeId;
using testing::LettersDir;
using testing::ReadFileOrDie;
using testing::TestGazetteer;

class GraphWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto g = graph::Graph::Open({.path = dir_.Sub("db")});
    ASSERT_TRUE(g.ok()) << g.status();
    graph_ = std::move(*g);
  }

  ImportResult ImportOrDie(const std::string& text, const std::string& file,
                           ImportOptions options = {}) {
    LetterImporter importer(graph_.get(), &TestGazetteer(), options);
    auto result = importer.Import(text, file);
    EXPECT_TRUE(result.ok()) << result.status();
    return result.ok() ? *result : ImportResult{};
  }

  ImportResult ImportCorpus(const std::string& base) {
    return ImportOrDie(ReadFileOrDie(LettersDir() + "/" + base + ".txt"),
                       "/letters/" + base + ".txt");
  }

  void ExpectClean() {
    graph::CheckReport report = graph::CheckGraph(*graph_->NewReadView());
    for (const auto& v : report.violations) ADD_FAILURE() << v.invariant << ": " << v.detail;
  }

  // Evidence of the edge `from -[type]-> to` stated by `letter`.
  std::vector<graph::Evidence> EvidenceOf(NodeId from, const std::string& type, NodeId to,
                                          NodeId letter) {
    std::vector<graph::Evidence> out;
    auto all = graph_->NewReadView()->ListEvidence({from, type, to});
    if (!all.ok()) return out;
    for (auto& e : *all) {
      if (e.document == letter) out.push_back(e);
    }
    return out;
  }

  std::optional<NodeId> PersonOrOrg(const std::string& name) {
    auto view = graph_->NewReadView();
    if (auto p = view->GetNodeByKey(graph::kPerson, NormalizePersonKey(name)); p.ok()) return p->id;
    if (auto o = view->GetNodeByKey(graph::kOrganisation, NormalizeOrgKey(name)); o.ok())
      return o->id;
    auto found = view->FindNodes({.query = name});
    if (found.ok() && !found->nodes.empty()) return found->nodes.front().id;
    return std::nullopt;
  }

  dossier::testing::TempDir dir_;
  std::unique_ptr<graph::Graph> graph_;
};

std::string Prop(const graph::Properties& p, const std::string& name) {
  auto it = p.find(name);
  if (it == p.end()) return "";
  const std::string* s = std::get_if<std::string>(&it->second);
  return s ? *s : "";
}

TEST_F(GraphWriterTest, SeedLetterBecomesExactlyTheExpectedGraph) {
  const std::string base = "ep-kazakhstan-2020-10-16";
  ImportResult result = ImportCorpus(base);
  nlohmann::json expected =
      nlohmann::json::parse(ReadFileOrDie(LettersDir() + "/" + base + ".expected.json"));
  auto view = graph_->NewReadView();
  auto letter = view->GetNode(result.letter);
  ASSERT_TRUE(letter.ok());
  EXPECT_EQ(Prop(letter->properties, "date"), expected["date"].get<std::string>());
  EXPECT_EQ(Prop(letter->properties, "place"), expected["place"].get<std::string>());
  EXPECT_EQ(Prop(letter->properties, "sha256"), result.sha256);
  EXPECT_EQ(letter->key, result.sha256);
  EXPECT_EQ(Prop(letter->properties, "text"), ReadFileOrDie(LettersDir() + "/" + base + ".txt"));

  for (const auto& s : expected["signatories"]) {
    std::string name = s["name"].get<std::string>();
    auto person = view->GetNodeByKey(graph::kPerson, NormalizePersonKey(name));
    ASSERT_TRUE(person.ok()) << "signatory " << name;
    auto evidence = EvidenceOf(person->id, "signed", result.letter, result.letter);
    ASSERT_FALSE(evidence.empty()) << "signed edge of " << name;
    EXPECT_EQ(Prop(evidence[0].properties, "affiliation"), s["affiliation"].get<std::string>())
        << name;
  }
  for (const char* field : {"addressees", "copied_to"}) {
    const std::string edge = std::string(field) == "addressees" ? "addressed-to" : "copied-to";
    for (const auto& a : expected[field]) {
      std::string name = a["name"].get<std::string>();
      std::optional<NodeId> node = PersonOrOrg(name);
      ASSERT_TRUE(node.has_value()) << field << " " << name;
      auto evidence = EvidenceOf(result.letter, edge, *node, result.letter);
      ASSERT_FALSE(evidence.empty()) << edge << " " << name;
      if (a.contains("title") && a["title"].is_string()) {
        bool titled = false;
        for (const auto& e : evidence)
          titled = titled || Prop(e.properties, "title") == a["title"].get<std::string>();
        EXPECT_TRUE(titled) << edge << " " << name << " lacks title " << a["title"];
      }
    }
  }
  for (const auto& p : expected["persons_persecuted"]) {
    std::string name = p["name"].get<std::string>();
    auto person = view->GetNodeByKey(graph::kPerson, NormalizePersonKey(name));
    ASSERT_TRUE(person.ok()) << "victim " << name;
    auto out = view->Neighbors(
        {.node = person->id, .direction = Direction::kOut, .edge_types = {"persecuted-by"}});
    ASSERT_TRUE(out.ok());
    EXPECT_FALSE(out->neighbors.empty()) << "persecuted-by edge of " << name;
  }
  for (const auto& url : expected["cited_urls"]) {
    auto source = view->GetNodeByKey(graph::kSource, NormalizeUrlKey(url.get<std::string>()));
    ASSERT_TRUE(source.ok()) << url;
    EXPECT_TRUE(view->GetEdge({source->id, "cited-in", result.letter}).ok()) << url;
  }
  // No spurious persons: every Person node is someone the analyst lists.
  std::set<std::string> allowed;
  for (const char* field : {"signatories", "addressees", "copied_to", "persons_persecuted",
                            "persons_mentioned_other"}) {
    for (const auto& e : expected[field]) {
      if (e["name"].is_string()) allowed.insert(NormalizePersonKey(e["name"].get<std::string>()));
    }
  }
  ASSERT_TRUE(view->ForEachNode([&](const graph::Node& n) {
                    if (n.type == graph::kPerson) {
                      EXPECT_TRUE(allowed.contains(n.key)) << "spurious person " << n.name;
                    }
                    return true;
                  })
                  .ok());
  ExpectClean();
}

TEST_F(GraphWriterTest, EveryEvidenceSpanQuotesTheLetterAndNamesItsEndpoints) {
  std::map<NodeId, std::string> texts;
  for (const std::string& base : testing::CorpusLetters()) {
    ImportResult r = ImportCorpus(base);
    texts[r.letter] = ReadFileOrDie(LettersDir() + "/" + base + ".txt");
  }
  auto view = graph_->NewReadView();
  int checked = 0;
  ASSERT_TRUE(view->ForEachEdge(true,
                                [&](const graph::Edge& edge) {
                                  for (const graph::Evidence& e : edge.evidence) {
                                    const std::string& text = texts.at(e.document);
                                    EXPECT_LE(e.end, text.size());
                                    EXPECT_EQ(text.substr(e.start, e.end - e.start), e.text)
                                        << edge.type;
                                    bool implied = std::get<bool>(e.properties.at("implied"));
                                    for (NodeId end : {edge.src, edge.dst}) {
                                      if (end == e.document || implied) continue;
                                      // Some surface form of the endpoint stands in the span.
                                      auto mentions = view->ListMentions(end);
                                      auto node = view->GetNode(end);
                                      bool named =
                                          text.substr(e.start, e.end - e.start).find(node->name) !=
                                          std::string::npos;
                                      for (const auto& m : *mentions) {
                                        named = named || (m.document == e.document &&
                                                          m.start >= e.start && m.end <= e.end);
                                      }
                                      if (node->type == graph::kSource)
                                        named = true;  // URLs are checked by span below.
                                      EXPECT_TRUE(named) << edge.type << " evidence '" << e.text
                                                         << "' does not name " << node->name;
                                    }
                                    ++checked;
                                  }
                                  return true;
                                })
                  .ok());
  EXPECT_GT(checked, 500);
}

TEST_F(GraphWriterTest, ReimportChangesNothing) {
  ImportResult first = ImportCorpus("ep-kazakhstan-2020-10-16");
  auto before = graph_->NewReadView()->Stats();
  uint64_t sequence = graph_->LatestSequence();
  ImportResult again = ImportCorpus("ep-kazakhstan-2020-10-16");
  EXPECT_TRUE(again.unchanged);
  EXPECT_EQ(again.letter, first.letter);
  EXPECT_EQ(graph_->LatestSequence(), sequence);
  auto after = graph_->NewReadView()->Stats();
  EXPECT_EQ(after->node_count, before->node_count);
  EXPECT_EQ(after->evidence_count, before->evidence_count);
}

TEST_F(GraphWriterTest, AChangedFileReplacesWhatItsOldVersionStatedOnly) {
  const std::string v1 =
      "Open letter\n\nBrussels, 3 March 2021\n\nDear Minister,\n\n"
      "We are alarmed that Aset Qaliyev was imprisoned by the authorities of Kazakhstan. "
      "Berik Tolegenov was detained by the police.\n\nYours sincerely,\n\nAnna Weber, EPP\n";
  const std::string v2 =
      "Open letter\n\nBrussels, 4 March 2021\n\nDear Minister,\n\n"
      "We are alarmed that Aset Qaliyev was imprisoned by the authorities of Kazakhstan.\n\n"
      "Yours sincerely,\n\nAnna Weber, EPP\n";
  const std::string other =
      "Statement\n\nParis, 5 March 2021\n\nBerik Tolegenov was detained by the police.\n\n"
      "Sincerely,\n\nMarie Dupont, RENEW\n";
  ImportResult a = ImportOrDie(v1, "/letters/weber.txt");
  ASSERT_FALSE(a.unchanged);
  auto berik =
      graph_->NewReadView()->GetNodeByKey(graph::kPerson, NormalizePersonKey("Berik Tolegenov"));
  ASSERT_TRUE(berik.ok());
  ImportResult b = ImportOrDie(v2, "/letters/weber.txt");
  EXPECT_EQ(b.replaced, a.letter);
  auto view = graph_->NewReadView();
  EXPECT_TRUE(absl::IsNotFound(view->GetNode(a.letter).status()));
  // Berik was only in the old version: gone with it.
  EXPECT_TRUE(absl::IsNotFound(view->GetNode(berik->id).status()));
  EXPECT_TRUE(view->GetNodeByKey(graph::kPerson, NormalizePersonKey("Aset Qaliyev")).ok());
  EXPECT_EQ(view->Stats()->nodes_by_type.at("Letter"), 1u);
  ExpectClean();

  // With another letter stating it, a replaced version no longer takes Berik away.
  ImportResult c = ImportOrDie(other, "/letters/dupont.txt");
  ImportOrDie(v1, "/letters/weber.txt");
  ImportOrDie(v2, "/letters/weber.txt");
  view = graph_->NewReadView();
  auto berik_again = view->GetNodeByKey(graph::kPerson, NormalizePersonKey("Berik Tolegenov"));
  ASSERT_TRUE(berik_again.ok());
  EXPECT_TRUE(view->GetEdge({berik_again->id, "mentioned-in", c.letter}).ok());
  ExpectClean();
}

TEST_F(GraphWriterTest, OnePersonAcrossLettersAndSpellings) {
  ImportCorpus("ep-kazakhstan-2020-10-16");
  const std::string follow_up =
      "Letter to the President\n\nStrasbourg, 1 December 2020\n\n"
      "To: H.E. Kassym-Jomart Tokaev, President of the Republic of Kazakhstan\n\n"
      "Your Excellency,\n\nWe recall the death of DULAT Agadil in detention.\n\n"
      "Yours sincerely,\n\nHelmut Scholz, GUE/NGL\n";
  ImportResult r = ImportOrDie(follow_up, "/letters/follow-up.txt");
  auto view = graph_->NewReadView();
  auto tokayev = view->GetNodeByKey(graph::kPerson, NormalizePersonKey("Kassym-Jomart Tokayev"));
  ASSERT_TRUE(tokayev.ok());
  EXPECT_TRUE(view->GetEdge({r.letter, "addressed-to", tokayev->id}).ok());
  // The first letter's spelling stays the name; the second's is kept as an alias.
  EXPECT_EQ(tokayev->name, "Kassym-Jomart Tokayev");
  EXPECT_NE(std::find(tokayev->aliases.begin(), tokayev->aliases.end(), "Kassym-Jomart Tokaev"),
            tokayev->aliases.end());
  // Its three persons and three organisations were all known from the first letter: merged, not
  // added. The letter is new.
  EXPECT_EQ(r.nodes_merged, 6u);
  EXPECT_EQ(r.nodes_added, 1u);
  auto scholz = view->GetNodeByKey(graph::kPerson, NormalizePersonKey("Helmut Scholz"));
  ASSERT_TRUE(scholz.ok());
  EXPECT_EQ(*view->Degree(scholz->id, Direction::kOut, "signed"), 2u);
  auto found =
      view->FindNodes({.query = "Scholz", .match = graph::NameMatch::kToken, .types = {"Person"}});
  EXPECT_EQ(found->nodes.size(), 1u);
  ExpectClean();
}

TEST_F(GraphWriterTest, AFailureMidLetterLeavesNothingOfIt) {
  ImportCorpus("ohs-network-ilabour-three");
  auto before = graph_->NewReadView()->Stats();
  ImportOptions failing;
  failing.fail_after_operations_for_testing = 60;
  LetterImporter importer(graph_.get(), &TestGazetteer(), failing);
  auto result = importer.Import(ReadFileOrDie(LettersDir() + "/ep-kazakhstan-2020-10-16.txt"),
                                "/letters/ep.txt");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("injected failure"), std::string::npos);
  auto after = graph_->NewReadView()->Stats();
  EXPECT_EQ(after->node_count, before->node_count);
  EXPECT_EQ(after->edge_count, before->edge_count);
  EXPECT_EQ(after->evidence_count, before->evidence_count);
  ExpectClean();
  // And the same letter imports normally afterwards.
  EXPECT_FALSE(ImportCorpus("ep-kazakhstan-2020-10-16").unchanged);
}

// Several letters in one commit (as `dossier import` batches them): a letter that fails half way
// leaves nothing of itself, the letters before and after it in the same transaction are
// committed, and the graph equals the one built a commit per letter.
TEST_F(GraphWriterTest, LettersSharingATransactionFailAlone) {
  const std::vector<std::string> bases = {"ohs-network-ilabour-three", "ep-kazakhstan-2020-10-16",
                                          "chevening-scholars-joint-statement-to-fcdo"};
  ImportOptions failing;
  failing.fail_after_operations_for_testing = 60;
  LetterImporter importer(graph_.get(), &TestGazetteer());
  LetterImporter failing_importer(graph_.get(), &TestGazetteer(), failing);
  auto txn = graph_->BeginWrite();
  ASSERT_TRUE(txn.ok()) << txn.status();
  for (size_t i = 0; i < bases.size(); ++i) {
    const std::string bytes = ReadFileOrDie(LettersDir() + "/" + bases[i] + ".txt");
    const std::string file = "/letters/" + bases[i] + ".txt";
    const LetterImporter& chosen = i == 1 ? failing_importer : importer;
    auto result = chosen.Extract(bytes, file);
    ASSERT_TRUE(result.ok()) << result.status();
    absl::Status written = chosen.WriteInto(txn->get(), bytes, file, &*result);
    if (i == 1) {
      EXPECT_NE(written.message().find("injected failure"), std::string::npos) << written;
    } else {
      EXPECT_TRUE(written.ok()) << written;
    }
  }
  ASSERT_TRUE((*txn)->Commit().ok());
  ExpectClean();

  // The same two letters, a commit each, into a second database.
  dossier::testing::TempDir other_dir;
  auto other = graph::Graph::Open({.path = other_dir.Sub("db")});
  ASSERT_TRUE(other.ok()) << other.status();
  LetterImporter other_importer(other->get(), &TestGazetteer());
  for (size_t i : {0, 2}) {
    ASSERT_TRUE(other_importer
                    .Import(ReadFileOrDie(LettersDir() + "/" + bases[i] + ".txt"),
                            "/letters/" + bases[i] + ".txt")
                    .ok());
  }
  auto grouped = graph_->NewReadView()->Stats();
  auto single = (*other)->NewReadView()->Stats();
  EXPECT_EQ(grouped->nodes_by_type, single->nodes_by_type);
  EXPECT_EQ(grouped->edges_by_type, single->edges_by_type);
  EXPECT_EQ(grouped->evidence_count, single->evidence_count);
  EXPECT_EQ(grouped->nodes_by_type.at("Letter"), 2u);
  // The failed letter was never written: importing it now adds it.
  EXPECT_FALSE(ImportCorpus(bases[1]).unchanged);
}

TEST_F(GraphWriterTest, ConcurrentImportsNeverDuplicateAPerson) {
  std::vector<std::thread> threads;
  std::vector<std::string> bases = testing::CorpusLetters();
  std::atomic<int> failures{0};
  for (int copy = 0; copy < 2; ++copy) {
    for (const std::string& base : bases) {
      threads.emplace_back([&, base, copy] {
        LetterImporter importer(graph_.get(), &TestGazetteer());
        // Two copies of every letter race, under two file names.
        auto r = importer.Import(ReadFileOrDie(LettersDir() + "/" + base + ".txt"),
                                 "/copy" + std::to_string(copy) + "/" + base + ".txt");
        if (!r.ok()) ++failures;
      });
    }
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto view = graph_->NewReadView();
  std::set<std::string> keys;
  ASSERT_TRUE(view->ForEachNode([&](const graph::Node& n) {
                    if (n.type == graph::kPerson) {
                      EXPECT_TRUE(keys.insert(n.key).second) << n.key;
                    }
                    return true;
                  })
                  .ok());
  EXPECT_EQ(view->Stats()->nodes_by_type.at("Letter"), bases.size());
  ExpectClean();
}

TEST_F(GraphWriterTest, BadInputIsRejectedWithNothingWritten) {
  LetterImporter importer(graph_.get(), &TestGazetteer());
  auto invalid = importer.Import("Dear Sir,\n\nbad \xff byte", "/letters/bad.txt");
  ASSERT_FALSE(invalid.ok());
  EXPECT_NE(invalid.status().message().find("byte offset 15"), std::string::npos)
      << invalid.status();
  EXPECT_FALSE(importer.Import("", "/letters/empty.txt").ok());
  EXPECT_FALSE(importer.Import(std::string("PK\0\x03", 4), "/letters/zip.txt").ok());
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
  // No recognisable structure: a Letter with warnings.
  auto odd = importer.Import("just some words without any structure", "/letters/odd.txt");
  ASSERT_TRUE(odd.ok()) << odd.status();
  EXPECT_FALSE(odd->warnings.empty());
  EXPECT_EQ(graph_->NewReadView()->Stats()->nodes_by_type.at("Letter"), 1u);
}

TEST_F(GraphWriterTest, DryRunWritesNothing) {
  LetterImporter importer(graph_.get(), &TestGazetteer(), {.dry_run = true});
  auto r =
      importer.Import(ReadFileOrDie(LettersDir() + "/ep-kazakhstan-2020-10-16.txt"), "/l/ep.txt");
  ASSERT_TRUE(r.ok());
  EXPECT_GT(r->persons, 50u);
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
}

}  // namespace
}  // namespace dossier::importer
