// ImportDocument through an in-process server with a small fake importer
// injected at the DocumentImporter hook, and many concurrent clients
// (traversals, imports, upserts) for a bounded time, after which the
// database checks clean.
#include <atomic>
#include <chrono>
#include <thread>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "graph/checker.h"
#include "gtest/gtest.h"
#include "server/dossier_server.h"
#include "tests/server/server_process.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

// Letters as "From: A\nTo: B\nMentions: C\n": a Letter node, Person nodes,
// signed / addressed_to / mentions edges with evidence.
absl::StatusOr<server::ImportOutcome> FakeImporter(graph::Graph& graph, std::string_view bytes,
                                                   std::string_view file_name) {
  auto txn = graph.BeginWrite();
  if (!txn.ok()) return txn.status();
  server::ImportOutcome outcome;
  absl::StatusOr<graph::NodeId> letter = (*txn)->UpsertNode(
      {.type = "Letter", .key = std::string(file_name), .name = std::string(file_name)});
  if (!letter.ok()) return letter.status();
  outcome.letter_id = *letter;
  size_t offset = 0;
  for (absl::string_view line :
       absl::StrSplit(absl::string_view(bytes.data(), bytes.size()), '\n')) {
    size_t colon = line.find(": ");
    if (colon == absl::string_view::npos) {
      if (!line.empty()) outcome.warnings.push_back("unreadable line: " + std::string(line));
      offset += line.size() + 1;
      continue;
    }
    std::string field(line.substr(0, colon)), name(line.substr(colon + 2));
    std::string key = name;
    auto existing = (*txn)->GetNodeByKey("Person", key);
    absl::StatusOr<graph::NodeId> person =
        (*txn)->UpsertNode({.type = "Person", .key = key, .name = name});
    if (!person.ok()) return person.status();
    (existing.ok() ? outcome.nodes_matched : outcome.nodes_created)++;
    graph::EdgeKey edge = field == "From" ? graph::EdgeKey{*person, "signed", *letter}
                          : field == "To" ? graph::EdgeKey{*letter, "addressed_to", *person}
                                          : graph::EdgeKey{*letter, "mentions", *person};
    if (absl::Status s = (*txn)->UpsertEdge(edge); !s.ok()) return s;
    ++outcome.edges_created;
    auto evidence = (*txn)->AddEvidence(edge, {.document = *letter,
                                               .start = offset,
                                               .end = offset + line.size(),
                                               .text = std::string(line),
                                               .rule = "fake"});
    if (!evidence.ok()) return evidence.status();
    ++outcome.evidence_added;
    offset += line.size() + 1;
  }
  if (outcome.edges_created == 0) return absl::InvalidArgumentError("the letter names nobody");
  if (absl::Status s = (*txn)->Commit(); !s.ok()) return s;
  return outcome;
}

class InProcessServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server::ServerConfig config;
    config.db = dir_.Sub("db");
    config.listen = "127.0.0.1:0";
    config.log_calls = false;
    config.worker_threads = 3;
    auto started = server::DossierServer::Start(config, FakeImporter);
    ASSERT_TRUE(started.ok()) << started.status();
    server_ = *std::move(started);
    stub_ = v1::GraphService::NewStub(
        grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  }
  grpc::Status Import(const std::string& name, const std::string& text,
                      v1::ImportDocumentResponse* out) {
    v1::ImportDocumentRequest request;
    request.set_file_name(name);
    request.set_content(text);
    return stub_->ImportDocument(Context().get(), request, out);
  }
  TempDir dir_;
  std::unique_ptr<server::DossierServer> server_;
  std::unique_ptr<v1::GraphService::Stub> stub_;
};

TEST_F(InProcessServerTest, ImportDocumentThenAskARelationshipQuestion) {
  v1::ImportDocumentResponse imported;
  ASSERT_TRUE(Import("letter-1.txt",
                     "From: Helmut Scholz\nTo: Kassym-Jomart Tokayev\nMentions: Dulat Agadil\n",
                     &imported)
                  .ok());
  EXPECT_NE(imported.letter_id(), 0u);
  EXPECT_EQ(imported.nodes_created(), 3);
  EXPECT_EQ(imported.edges_created(), 3);
  EXPECT_EQ(imported.evidence_added(), 3);
  EXPECT_GT(imported.write_sequence(), 0u);
  ASSERT_TRUE(
      Import("letter-2.txt", "From: Dulat Agadil\nTo: Kassym-Jomart Tokayev\nnoise\n", &imported)
          .ok());
  EXPECT_EQ(imported.nodes_matched(), 2);
  ASSERT_EQ(imported.warnings_size(), 1);

  // How is Helmut Scholz connected to Dulat Agadil?
  v1::GetNodeRequest get;
  get.set_name("Helmut Scholz");
  v1::GetNodeResponse scholz, agadil;
  ASSERT_TRUE(stub_->GetNode(Context().get(), get, &scholz).ok());
  get.set_name("Dulat Agadil");
  ASSERT_TRUE(stub_->GetNode(Context().get(), get, &agadil).ok());
  v1::ShortestPathRequest path;
  path.set_from_id(scholz.node().id());
  path.set_to_id(agadil.node().id());
  path.set_include_evidence(true);
  v1::ShortestPathResponse found;
  ASSERT_TRUE(stub_->ShortestPath(Context().get(), path, &found).ok());
  ASSERT_EQ(found.length(), 2);
  EXPECT_EQ(found.paths(0).edges(0).type(), "signed");
  EXPECT_EQ(found.paths(0).edges(1).type(), "mentions");
  EXPECT_EQ(found.paths(0).edges(1).evidence(0).text(), "Mentions: Dulat Agadil");
  EXPECT_GE(found.read_sequence(), imported.write_sequence());

  // Importer errors reach the client as they are.
  grpc::Status s = Import("empty.txt", "nothing useful", &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Import("", "From: X", &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  s = Import("x.txt", "", &imported);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(InProcessServerTest, ManyClientsAtOnceThenCheckClean) {
  v1::ImportDocumentResponse imported;
  ASSERT_TRUE(
      Import("seed.txt", "From: Person 0\nTo: Person 1\nMentions: Person 2\n", &imported).ok());
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  std::atomic<int> errors{0}, calls{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      auto stub = v1::GraphService::NewStub(
          grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
      for (int i = 0; std::chrono::steady_clock::now() < until && i < 2000; ++i) {
        grpc::Status s;
        if (c % 4 == 0) {  // Imports naming shared people: upserts must not duplicate them.
          v1::ImportDocumentRequest request;
          request.set_file_name("letter-" + std::to_string(c) + "-" + std::to_string(i) + ".txt");
          request.set_content("From: Person " + std::to_string(i % 7) + "\nTo: Person " +
                              std::to_string((i + 3) % 11) + "\nMentions: Person " +
                              std::to_string(c) + "\n");
          v1::ImportDocumentResponse response;
          s = stub->ImportDocument(Context().get(), request, &response);
        } else if (c % 4 == 1) {
          v1::TraverseRequest request;
          request.add_seed_ids(imported.letter_id());
          request.set_max_depth(3);
          request.set_batch_size(8);
          auto context = Context();
          auto reader = stub->Traverse(context.get(), request);
          v1::TraverseResponse message;
          while (reader->Read(&message)) {
          }
          s = reader->Finish();
        } else if (c % 4 == 2) {
          v1::FindNodesRequest request;
          request.set_query("Person");
          request.set_match(v1::NAME_MATCH_TOKEN);
          v1::FindNodesResponse response;
          s = stub->FindNodes(Context().get(), request, &response);
        } else {
          v1::SubgraphRequest request;
          request.add_seed_ids(imported.letter_id());
          request.set_depth(2);
          v1::SubgraphResponse response;
          s = stub->Subgraph(Context().get(), request, &response);
        }
        ++calls;
        if (!s.ok()) {
          ++errors;
          ADD_FAILURE() << s.error_code() << ": " << s.error_message();
          return;
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(calls.load(), 50);
  ASSERT_TRUE(server_->Shutdown().ok());
  server_.reset();
  CommandResult check = RunDossier({"check", "--db", dir_.Sub("db")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find(": ok"), std::string::npos) << check.out;
}

}  // namespace
}  // namespace dossier::testing
