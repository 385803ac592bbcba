// A node stated by a document (NodeSpec::document_derived) is marked when it is upserted, as its
// first mention or evidence would mark it: the same stored bytes, one write fewer.
#include <memory>
#include <string>

#include "graph/key_codec.h"
#include "graph/record_codec.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class DocumentDerivedTest : public ::testing::Test {
 protected:
  std::unique_ptr<Graph> Open(const std::string& name) {
    GraphOptions options;
    options.path = dir_.Sub(name);
    options.block_cache_bytes = 8 << 20;
    options.write_buffer_bytes = 4 << 20;
    auto graph = Graph::Open(options);
    EXPECT_TRUE(graph.ok()) << graph.status();
    return graph.ok() ? std::move(*graph) : nullptr;
  }

  // Whether the stored record of `id` is marked as stated by a document.
  static bool Marked(Graph& graph, NodeId id) {
    std::string value;
    rocksdb::Status read = graph.store()->db()->Get(
        rocksdb::ReadOptions(), graph.store()->cf(kNodesCf), NodeKey(id), &value);
    EXPECT_TRUE(read.ok()) << read.ToString();
    absl::StatusOr<internal::NodeRecord> record = DecodeNodeRecord(value);
    EXPECT_TRUE(record.ok()) << record.status();
    return record.ok() && record->document_derived();
  }

  // A letter, and a person it mentions and gives evidence about, as the importer writes them;
  // `stated` says whether the upserts carry the mark themselves.
  static void StateLetter(Graph& graph, bool stated) {
    auto txn = graph.BeginWrite();
    ASSERT_TRUE(txn.ok()) << txn.status();
    auto letter = (*txn)->UpsertNode(
        {.type = kLetter, .key = "l1", .name = "Letter", .document_derived = stated});
    ASSERT_TRUE(letter.ok()) << letter.status();
    for (int round = 0; round < 2; ++round) {  // The second round restates what is stored.
      auto person = (*txn)->UpsertNode(
          {.type = kPerson, .key = "p1", .name = "Anna Example", .document_derived = stated},
          UpsertMode::kAccumulate);
      ASSERT_TRUE(person.ok()) << person.status();
      ASSERT_TRUE((*txn)
                      ->AddMention({.node = *person,
                                    .document = *letter,
                                    .start = 0,
                                    .end = 12,
                                    .surface = "Anna Example"})
                      .ok());
      ASSERT_TRUE((*txn)
                      ->UpsertEdgeWithEvidence({*person, "signed", *letter}, {},
                                               {.document = *letter,
                                                .start = 0,
                                                .end = 12,
                                                .text = "Anna Example",
                                                .rule = "test"})
                      .ok());
    }
    ASSERT_TRUE((*txn)->Commit().ok());
  }

  testing::TempDir dir_;
};

TEST_F(DocumentDerivedTest, MarkedAtTheUpsertLeavesWhatTheMentionLeaves) {
  std::unique_ptr<Graph> by_mention = Open("by-mention");
  std::unique_ptr<Graph> by_upsert = Open("by-upsert");
  ASSERT_NE(by_mention, nullptr);
  ASSERT_NE(by_upsert, nullptr);
  StateLetter(*by_mention, /*stated=*/false);
  StateLetter(*by_upsert, /*stated=*/true);
  const auto expected = DumpFamilies(*by_mention);
  EXPECT_EQ(DumpFamilies(*by_upsert), expected);
  EXPECT_FALSE(expected.at("mentions").empty());
}

TEST_F(DocumentDerivedTest, AnUpsertSetsTheMarkAndNeverClearsIt) {
  std::unique_ptr<Graph> graph = Open("db");
  ASSERT_NE(graph, nullptr);
  auto txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok());
  auto plain = (*txn)->UpsertNode({.type = kPerson, .key = "plain", .name = "Plain Person"});
  auto marked = (*txn)->UpsertNode(
      {.type = kPerson, .key = "marked", .name = "Marked Person", .document_derived = true});
  auto later = (*txn)->UpsertNode({.type = kPerson, .key = "later", .name = "Later Person"});
  ASSERT_TRUE(plain.ok() && marked.ok() && later.ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  EXPECT_FALSE(Marked(*graph, *plain));
  EXPECT_TRUE(Marked(*graph, *marked));
  EXPECT_FALSE(Marked(*graph, *later));

  txn = graph->BeginWrite();
  ASSERT_TRUE(txn.ok());
  for (UpsertMode mode : {UpsertMode::kMerge, UpsertMode::kReplace, UpsertMode::kAccumulate}) {
    ASSERT_TRUE(
        (*txn)->UpsertNode({.type = kPerson, .key = "marked", .name = "Marked"}, mode).ok());
  }
  ASSERT_TRUE(
      (*txn)
          ->UpsertNode({.type = kPerson, .key = "later", .name = "Later", .document_derived = true})
          .ok());
  ASSERT_TRUE((*txn)->Commit().ok());
  EXPECT_TRUE(Marked(*graph, *marked));
  EXPECT_TRUE(Marked(*graph, *later));
  EXPECT_FALSE(Marked(*graph, *plain));
}

}  // namespace
}  // namespace dossier::graph
