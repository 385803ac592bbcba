// Every RPC of dossier.v1.GraphService against the real `dossier serve`
// binary on a free loopback port, with a graph written through the API.
#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/server/letter_graph.h"
#include "tests/server/server_process.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

constexpr int kSpokes = 300;
constexpr int kServerMaxNodes = 200;

class ServerApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(
        dir_->Sub("db"), {"--max-nodes", std::to_string(kServerMaxNodes), "--max-page-size", "100"},
        dir_->Sub("server.log"));
    ASSERT_TRUE(server_->ok()) << server_->error();
    stub_ = server_->Stub().release();
    graph_ = new LetterGraph();
    grpc::Status s = BuildLetterGraph(*stub_, "", kSpokes, graph_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  static void TearDownTestSuite() {
    delete stub_;
    if (server_ != nullptr) {
      EXPECT_EQ(server_->Stop(), 0);
    }
    delete server_;
    delete graph_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(server_ != nullptr && server_->ok()); }

  static uint64_t Id(const std::string& key) { return graph_->id(key); }

  static TempDir* dir_;
  static ServerProcess* server_;
  static v1::GraphService::Stub* stub_;
  static LetterGraph* graph_;
};

TempDir* ServerApiTest::dir_ = nullptr;
ServerProcess* ServerApiTest::server_ = nullptr;
v1::GraphService::Stub* ServerApiTest::stub_ = nullptr;
LetterGraph* ServerApiTest::graph_ = nullptr;

// ---- GetNode / BatchGetNodes --------------------------------------------------------

TEST_F(ServerApiTest, GetNodeByIdKeyAndName) {
  v1::GetNodeRequest request;
  request.set_id(Id("helmut-scholz"));
  request.set_include_degrees(true);
  v1::GetNodeResponse response;
  ASSERT_TRUE(stub_->GetNode(Context().get(), request, &response).ok());
  EXPECT_EQ(response.node().name(), "Helmut Scholz");
  EXPECT_EQ(response.node().type(), "Person");
  EXPECT_GE(response.read_sequence(), graph_->last_write_sequence);
  ASSERT_EQ(response.degrees_size(), 2);  // signed out, member_of out.

  request.Clear();
  request.mutable_key()->set_type("Organisation");
  request.mutable_key()->set_key("koshe-party");
  ASSERT_TRUE(stub_->GetNode(Context().get(), request, &response).ok());
  EXPECT_EQ(response.node().id(), Id("koshe-party"));

  request.Clear();
  request.set_name("  dulat   AGADIL ");  // Normalised match.
  ASSERT_TRUE(stub_->GetNode(Context().get(), request, &response).ok());
  EXPECT_EQ(response.node().id(), Id("dulat-agadil"));
  EXPECT_EQ(response.node().properties().at("born").int_value(), 1965);
  EXPECT_TRUE(response.node().properties().at("deceased").bool_value());

  request.set_name("KNB");  // An alias.
  ASSERT_TRUE(stub_->GetNode(Context().get(), request, &response).ok());
  EXPECT_EQ(response.node().id(), Id("knb"));
}

TEST_F(ServerApiTest, GetNodeErrors) {
  v1::GetNodeRequest request;
  v1::GetNodeResponse response;
  grpc::Status s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();

  request.set_id(0);
  s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("id"), std::string::npos);

  request.set_id(987654321);
  s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  request.set_name("Nobody At All");
  s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);

  request.set_name("Aigul Bekova");  // Two people share the name.
  s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find(std::to_string(Id("aigul-bekova-almaty"))), std::string::npos);
  EXPECT_NE(s.error_message().find(std::to_string(Id("aigul-bekova-astana"))), std::string::npos);

  request.mutable_key()->set_type("Person");
  request.mutable_key()->set_key("no-such-key");
  s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(ServerApiTest, InvalidUtf8IsInvalidArgument) {
  v1::GetNodeRequest request;
  request.set_name(std::string("Bad \xC3\x28 name"));
  v1::GetNodeResponse response;
  grpc::Status s = stub_->GetNode(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();

  v1::FindNodesRequest find;
  find.set_query(std::string("\xFF\xFE"));
  v1::FindNodesResponse found;
  s = stub_->FindNodes(Context().get(), find, &found);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << s.error_message();
}

TEST_F(ServerApiTest, BatchGetNodes) {
  v1::BatchGetNodesRequest request;
  request.add_ids(Id("knb"));
  request.add_ids(Id("helmut-scholz"));
  v1::BatchGetNodesResponse response;
  ASSERT_TRUE(stub_->BatchGetNodes(Context().get(), request, &response).ok());
  ASSERT_EQ(response.nodes_size(), 2);
  EXPECT_EQ(response.nodes(0).key(), "knb");
  EXPECT_EQ(response.nodes(1).key(), "helmut-scholz");
  EXPECT_GT(response.read_sequence(), 0u);

  request.add_ids(123456789);
  grpc::Status s = stub_->BatchGetNodes(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_NE(s.error_message().find("123456789"), std::string::npos);

  request.Clear();
  s = stub_->BatchGetNodes(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  for (int i = 0; i < 1001; ++i) request.add_ids(Id("knb"));
  s = stub_->BatchGetNodes(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// ---- FindNodes ---------------------------------------------------------------------------

TEST_F(ServerApiTest, FindNodesMatchesAndFilters) {
  v1::FindNodesRequest request;
  v1::FindNodesResponse response;
  request.set_query("Abish");
  request.set_match(v1::NAME_MATCH_TOKEN);
  ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
  ASSERT_EQ(response.nodes_size(), 1);
  EXPECT_EQ(response.nodes(0).key(), "abish-kekilbayev");

  request.set_match(v1::NAME_MATCH_PREFIX);
  ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
  std::set<std::string> keys;
  for (const auto& n : response.nodes()) keys.insert(n.key());
  EXPECT_EQ(keys, (std::set<std::string>{"abish-kekilbayev"}));  // Whole-name prefix only.
  request.set_query("Mar");
  ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
  ASSERT_EQ(response.nodes_size(), 1);
  EXPECT_EQ(response.nodes(0).key(), "marat-abishev");

  request.set_query("Koshe Party");
  request.set_match(v1::NAME_MATCH_EXACT);
  request.add_types("Person");
  ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
  EXPECT_EQ(response.nodes_size(), 0);
  request.clear_types();
  request.add_types("Organisation");
  ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
  EXPECT_EQ(response.nodes_size(), 1);
}

TEST_F(ServerApiTest, FindNodesPaginates) {
  v1::FindNodesRequest request;
  request.set_query("Spoke Person");
  request.set_match(v1::NAME_MATCH_PREFIX);
  request.set_page_size(40);
  std::set<uint64_t> seen;
  int pages = 0;
  do {
    v1::FindNodesResponse response;
    ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
    EXPECT_LE(response.nodes_size(), 40);
    for (const auto& n : response.nodes()) EXPECT_TRUE(seen.insert(n.id()).second);
    request.set_page_token(response.next_page_token());
    ++pages;
  } while (!request.page_token().empty() && pages < 100);
  EXPECT_EQ(seen.size(), static_cast<size_t>(kSpokes));
  EXPECT_EQ(pages, (kSpokes + 39) / 40);

  // The server's page cap (100 here) wins over a huge page_size.
  request.clear_page_token();
  request.set_page_size(1'000'000);
  v1::FindNodesResponse response;
  ASSERT_TRUE(stub_->FindNodes(Context().get(), request, &response).ok());
  EXPECT_EQ(response.nodes_size(), 100);
  EXPECT_FALSE(response.next_page_token().empty());
}

TEST_F(ServerApiTest, FindNodesErrors) {
  v1::FindNodesRequest request;
  v1::FindNodesResponse response;
  request.set_query("Abish");
  request.set_page_size(-1);
  EXPECT_EQ(stub_->FindNodes(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_page_size(10);
  request.set_match(static_cast<v1::NameMatch>(42));
  EXPECT_EQ(stub_->FindNodes(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_match(v1::NAME_MATCH_PREFIX);
  request.set_page_token("not-a-token");
  EXPECT_EQ(stub_->FindNodes(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.clear_page_token();
  request.set_query("");
  EXPECT_EQ(stub_->FindNodes(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// ---- ListNeighbors -------------------------------------------------------------------------

TEST_F(ServerApiTest, ListNeighborsFiltersAndDegrees) {
  v1::ListNeighborsRequest request;
  request.set_node_id(Id("koshe-party"));
  request.set_direction(v1::DIRECTION_INCOMING);
  request.add_edge_types("member_of");
  request.set_include_nodes(true);
  request.set_include_degrees(true);
  v1::ListNeighborsResponse response;
  ASSERT_TRUE(stub_->ListNeighbors(Context().get(), request, &response).ok());
  std::set<std::string> names;
  for (const auto& n : response.neighbors()) {
    names.insert(n.node().name());
    EXPECT_EQ(n.direction(), v1::DIRECTION_INCOMING);
    EXPECT_EQ(n.edge_type(), "member_of");
  }
  EXPECT_EQ(names, (std::set<std::string>{"Dulat Agadil", "Abish Kekilbayev", "Aigul Bekova"}));
  ASSERT_EQ(response.degrees_size(), 1);
  EXPECT_EQ(response.degrees(0).count(), 3u);
  EXPECT_GT(response.read_sequence(), 0u);

  // Both directions from a letter, only Person neighbours.
  request.Clear();
  request.set_node_id(Id("letter-2022-01"));
  request.add_neighbor_types("Person");
  ASSERT_TRUE(stub_->ListNeighbors(Context().get(), request, &response).ok());
  EXPECT_EQ(response.neighbors_size(), 3);  // Scholz (in), Tokayev and Agadil (out).
}

TEST_F(ServerApiTest, ListNeighborsPaginatesAndValidates) {
  v1::ListNeighborsRequest request;
  request.set_node_id(Id("hub"));
  request.set_page_size(64);
  std::set<uint64_t> seen;
  do {
    v1::ListNeighborsResponse response;
    ASSERT_TRUE(stub_->ListNeighbors(Context().get(), request, &response).ok());
    for (const auto& n : response.neighbors()) seen.insert(n.node_id());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(seen.size(), static_cast<size_t>(kSpokes));

  // skip reaches page k directly: the same neighbours as walking there.
  std::vector<uint64_t> walked;
  request.Clear();
  request.set_node_id(Id("hub"));
  request.set_page_size(10);
  do {
    v1::ListNeighborsResponse response;
    ASSERT_TRUE(stub_->ListNeighbors(Context().get(), request, &response).ok());
    for (const auto& n : response.neighbors()) walked.push_back(n.node_id());
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  ASSERT_GT(walked.size(), 35u);
  request.set_skip(30);
  {
    v1::ListNeighborsResponse response;
    ASSERT_TRUE(stub_->ListNeighbors(Context().get(), request, &response).ok());
    ASSERT_EQ(response.neighbors_size(), 10);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(response.neighbors(i).node_id(), walked[30 + i]);
  }
  request.set_skip(-1);
  {
    v1::ListNeighborsResponse response;
    grpc::Status status = stub_->ListNeighbors(Context().get(), request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_NE(status.error_message().find("skip"), std::string::npos) << status.error_message();
  }

  v1::ListNeighborsResponse response;
  request.Clear();
  request.set_node_id(Id("hub"));
  request.set_direction(static_cast<v1::Direction>(9));
  EXPECT_EQ(stub_->ListNeighbors(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_direction(v1::DIRECTION_BOTH);
  request.set_node_id(0);
  EXPECT_EQ(stub_->ListNeighbors(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_node_id(99999999);
  EXPECT_EQ(stub_->ListNeighbors(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  request.set_node_id(Id("hub"));
  request.add_edge_types("");
  EXPECT_EQ(stub_->ListNeighbors(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// ---- Traverse -----------------------------------------------------------------------------

struct Streamed {
  grpc::Status status;
  std::vector<v1::TraverseResponse> messages;
  int hits = 0;
  const v1::TraverseResponse& last() const { return messages.back(); }
};

Streamed RunTraverse(v1::GraphService::Stub& stub, const v1::TraverseRequest& request) {
  Streamed out;
  auto context = Context();
  auto reader = stub.Traverse(context.get(), request);
  v1::TraverseResponse message;
  while (reader->Read(&message)) {
    out.hits += message.hits_size();
    out.messages.push_back(message);
  }
  out.status = reader->Finish();
  return out;
}

TEST_F(ServerApiTest, TraverseStreamsBatchesWithSummary) {
  v1::TraverseRequest request;
  request.add_seed_ids(Id("helmut-scholz"));
  request.set_max_depth(3);
  request.set_batch_size(2);
  request.set_include_nodes(true);
  Streamed result = RunTraverse(*stub_, request);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  ASSERT_GE(result.messages.size(), 2u);
  for (size_t i = 0; i < result.messages.size(); ++i) {
    EXPECT_LE(result.messages[i].hits_size(), 2);
    EXPECT_EQ(result.messages[i].read_sequence(), result.messages[0].read_sequence());
    EXPECT_EQ(result.messages[i].done(), i + 1 == result.messages.size());
  }
  EXPECT_GT(result.messages[0].read_sequence(), 0u);
  const v1::TraversalSummary& summary = result.last().summary();
  EXPECT_FALSE(summary.truncated());
  EXPECT_EQ(summary.reason(), v1::STOP_REASON_COMPLETE);
  EXPECT_EQ(summary.nodes_reported(), result.hits);
  // Scholz -> letter, Bundestag -> Tokayev, Agadil -> KNB, Koshe, letter 2023 ...
  std::set<std::string> names;
  for (const auto& m : result.messages) {
    for (const auto& h : m.hits()) {
      names.insert(h.node().name());
      if (h.depth() == 0) {
        EXPECT_EQ(h.via_node_id(), 0u);
      }
      if (h.depth() > 0) {
        EXPECT_NE(h.via_node_id(), 0u);
      }
    }
  }
  EXPECT_TRUE(names.count("Kassym-Jomart Tokayev"));
  EXPECT_TRUE(names.count("National Security Committee"));
}

TEST_F(ServerApiTest, TraverseFiltersByEdgeAndNodeType) {
  v1::TraverseRequest request;
  request.add_seed_ids(Id("helmut-scholz"));
  request.set_max_depth(4);
  request.add_edge_types("signed");
  request.add_edge_types("addressed_to");
  request.set_direction(v1::DIRECTION_OUTGOING);
  request.set_min_depth(1);
  Streamed result = RunTraverse(*stub_, request);
  ASSERT_TRUE(result.status.ok());
  EXPECT_EQ(result.hits, 2);  // The letter and Tokayev.
}

TEST_F(ServerApiTest, TraverseNodeCapTruncates) {
  v1::TraverseRequest request;
  request.add_seed_ids(Id("hub"));
  request.set_max_depth(1);
  request.mutable_limits()->set_max_nodes(10);
  Streamed result = RunTraverse(*stub_, request);
  ASSERT_TRUE(result.status.ok());
  EXPECT_EQ(result.hits, 10);
  EXPECT_TRUE(result.last().summary().truncated());
  EXPECT_EQ(result.last().summary().reason(), v1::STOP_REASON_NODE_CAP);
}

TEST_F(ServerApiTest, ServerCapWinsOverHugeRequest) {
  v1::TraverseRequest request;
  request.add_seed_ids(Id("hub"));
  request.set_max_depth(1'000'000);
  request.mutable_limits()->set_max_nodes(int64_t{1} << 60);
  request.set_batch_size(1'000'000);
  Streamed result = RunTraverse(*stub_, request);
  ASSERT_TRUE(result.status.ok()) << result.status.error_message();
  EXPECT_EQ(result.hits, kServerMaxNodes);
  EXPECT_TRUE(result.last().summary().truncated());
  EXPECT_EQ(result.last().summary().reason(), v1::STOP_REASON_NODE_CAP);
}

TEST_F(ServerApiTest, TraverseWorkCapTruncates) {
  v1::TraverseRequest request;
  request.add_seed_ids(Id("hub"));
  request.set_max_depth(2);
  request.mutable_limits()->set_max_work(20);
  Streamed result = RunTraverse(*stub_, request);
  ASSERT_TRUE(result.status.ok());
  EXPECT_TRUE(result.last().summary().truncated());
  EXPECT_EQ(result.last().summary().reason(), v1::STOP_REASON_WORK_CAP);
  EXPECT_LE(result.last().summary().edges_examined(), 20);
}

TEST_F(ServerApiTest, TraverseErrors) {
  v1::TraverseRequest request;
  EXPECT_EQ(RunTraverse(*stub_, request).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  request.add_seed_ids(Id("hub"));
  request.mutable_limits()->set_max_nodes(-5);
  EXPECT_EQ(RunTraverse(*stub_, request).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  request.clear_limits();
  request.set_max_depth(-1);
  EXPECT_EQ(RunTraverse(*stub_, request).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_max_depth(1);
  request.set_min_depth(3);
  EXPECT_EQ(RunTraverse(*stub_, request).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_min_depth(0);
  request.set_direction(static_cast<v1::Direction>(-3));
  EXPECT_EQ(RunTraverse(*stub_, request).status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  request.set_direction(v1::DIRECTION_BOTH);
  request.add_seed_ids(55555555);
  EXPECT_EQ(RunTraverse(*stub_, request).status.error_code(), grpc::StatusCode::NOT_FOUND);
}

// ---- ShortestPath ---------------------------------------------------------------------------

TEST_F(ServerApiTest, ShortestPathBetweenSignatoryAndPresident) {
  v1::ShortestPathRequest request;
  request.set_from_id(Id("helmut-scholz"));
  request.set_to_id(Id("kassym-jomart-tokayev"));
  request.set_include_nodes(true);
  request.set_include_evidence(true);
  v1::ShortestPathResponse response;
  ASSERT_TRUE(stub_->ShortestPath(Context().get(), request, &response).ok());
  ASSERT_EQ(response.paths_size(), 1);
  EXPECT_EQ(response.length(), 2);
  const v1::Path& path = response.paths(0);
  ASSERT_EQ(path.node_ids_size(), 3);
  EXPECT_EQ(path.node_ids(1), Id("letter-2022-01"));
  EXPECT_EQ(path.edges(0).type(), "signed");
  EXPECT_EQ(path.edges(1).type(), "addressed_to");
  ASSERT_EQ(path.edges(0).evidence_size(), 1);
  EXPECT_EQ(path.edges(0).evidence(0).document_id(), Id("letter-2022-01"));
  EXPECT_EQ(response.nodes_size(), 3);
  EXPECT_GT(response.read_sequence(), 0u);
}

TEST_F(ServerApiTest, AllShortestPathsAndNoPath) {
  v1::ShortestPathRequest request;
  request.set_from_id(Id("dulat-agadil"));
  request.set_to_id(Id("kassym-jomart-tokayev"));
  request.set_max_paths(10);
  v1::ShortestPathResponse response;
  ASSERT_TRUE(stub_->ShortestPath(Context().get(), request, &response).ok());
  EXPECT_EQ(response.length(), 2);  // Via the 2022 letter only.
  EXPECT_EQ(response.paths_size(), 1);

  request.set_from_id(Id("abish-kekilbayev"));
  ASSERT_TRUE(stub_->ShortestPath(Context().get(), request, &response).ok());
  EXPECT_EQ(response.length(), 2);  // Abish signed 2023 -> Tokayev.

  request.set_from_id(Id("spoke-1"));
  request.set_to_id(Id("helmut-scholz"));
  request.set_max_depth(3);
  ASSERT_TRUE(stub_->ShortestPath(Context().get(), request, &response).ok());
  EXPECT_EQ(response.paths_size(), 0);
  EXPECT_EQ(response.length(), -1);

  request.set_max_depth(-2);
  EXPECT_EQ(stub_->ShortestPath(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_max_depth(3);
  request.set_to_id(0);
  EXPECT_EQ(stub_->ShortestPath(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_to_id(77777777);
  EXPECT_EQ(stub_->ShortestPath(Context().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// ---- Subgraph ----------------------------------------------------------------------------

TEST_F(ServerApiTest, SubgraphIsClosedOverItsNodes) {
  v1::SubgraphRequest request;
  request.add_seed_ids(Id("koshe-party"));
  request.set_depth(2);
  request.set_include_evidence(true);
  v1::SubgraphResponse response;
  ASSERT_TRUE(stub_->Subgraph(Context().get(), request, &response).ok());
  std::set<uint64_t> ids;
  for (const auto& n : response.nodes()) ids.insert(n.id());
  EXPECT_TRUE(ids.count(Id("koshe-party")));
  EXPECT_TRUE(ids.count(Id("knb")));  // Agadil -> KNB at depth 2.
  EXPECT_FALSE(response.edges().empty());
  bool any_evidence = false;
  for (const auto& e : response.edges()) {
    EXPECT_TRUE(ids.count(e.source_id())) << e.source_id();
    EXPECT_TRUE(ids.count(e.target_id())) << e.target_id();
    any_evidence |= e.evidence_size() > 0;
  }
  EXPECT_TRUE(any_evidence);
  EXPECT_FALSE(response.summary().truncated());

  request.set_depth(-1);
  EXPECT_EQ(stub_->Subgraph(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_depth(1);
  request.set_max_edges(-1);
  EXPECT_EQ(stub_->Subgraph(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  request.set_max_edges(5);
  request.clear_seed_ids();
  request.add_seed_ids(Id("hub"));
  ASSERT_TRUE(stub_->Subgraph(Context().get(), request, &response).ok());
  EXPECT_EQ(response.edges_size(), 5);
  EXPECT_TRUE(response.summary().truncated());
}

// ---- GetStats and read sequences ----------------------------------------------------------

TEST_F(ServerApiTest, StatsCountWhatWasWritten) {
  v1::GetStatsResponse stats;
  ASSERT_TRUE(stub_->GetStats(Context().get(), v1::GetStatsRequest(), &stats).ok());
  EXPECT_GE(stats.nodes_by_type().at("Letter"), 2u);
  EXPECT_GE(stats.nodes_by_type().at("Person"), static_cast<uint64_t>(kSpokes));
  EXPECT_GE(stats.edges_by_type().at("member_of"), static_cast<uint64_t>(kSpokes));
  EXPECT_GE(stats.evidence_count(), 10u);
  EXPECT_GE(stats.read_sequence(), graph_->last_write_sequence);
}

// ---- Mutations -----------------------------------------------------------------------------

TEST_F(ServerApiTest, UpsertAndDeleteRoundTrip) {
  v1::UpsertNodesRequest upsert;
  v1::Node* n = upsert.add_nodes();
  n->set_type("Person");
  n->set_key("temp-person");
  n->set_name("Temporary Person");
  (*n->mutable_properties())["note"].set_string_value("first");
  v1::UpsertNodesResponse stored;
  ASSERT_TRUE(stub_->UpsertNodes(Context().get(), upsert, &stored).ok());
  uint64_t id = stored.nodes(0).id();
  ASSERT_NE(id, 0u);
  uint64_t write_sequence = stored.write_sequence();

  // Replace drops the old property.
  upsert.set_mode(v1::UPSERT_MODE_REPLACE);
  upsert.mutable_nodes(0)->clear_properties();
  ASSERT_TRUE(stub_->UpsertNodes(Context().get(), upsert, &stored).ok());
  EXPECT_EQ(stored.nodes(0).id(), id);
  EXPECT_TRUE(stored.nodes(0).properties().empty());
  EXPECT_GT(stored.write_sequence(), write_sequence);

  v1::GetNodeRequest get;
  get.set_id(id);
  v1::GetNodeResponse got;
  ASSERT_TRUE(stub_->GetNode(Context().get(), get, &got).ok());
  EXPECT_GE(got.read_sequence(), stored.write_sequence());

  // An edge to the KNB, then delete it twice.
  {
    auto context = Context();
    v1::UpsertEdgesResponse totals;
    auto writer = stub_->UpsertEdges(context.get(), &totals);
    v1::UpsertEdgesRequest message;
    v1::Edge* e = message.add_edges();
    e->set_source_id(id);
    e->set_type("persecuted_by");
    e->set_target_id(Id("knb"));
    ASSERT_TRUE(writer->Write(message));
    writer->WritesDone();
    ASSERT_TRUE(writer->Finish().ok());
    EXPECT_EQ(totals.edges_upserted(), 1);
  }
  v1::DeleteEdgeRequest del_edge;
  del_edge.set_source_id(id);
  del_edge.set_type("persecuted_by");
  del_edge.set_target_id(Id("knb"));
  v1::DeleteEdgeResponse del_edge_response;
  ASSERT_TRUE(stub_->DeleteEdge(Context().get(), del_edge, &del_edge_response).ok());
  EXPECT_EQ(stub_->DeleteEdge(Context().get(), del_edge, &del_edge_response).error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::DeleteNodeRequest del;
  del.set_node_id(id);
  v1::DeleteNodeResponse del_response;
  ASSERT_TRUE(stub_->DeleteNode(Context().get(), del, &del_response).ok());
  EXPECT_EQ(stub_->DeleteNode(Context().get(), del, &del_response).error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(stub_->GetNode(Context().get(), get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  del.set_node_id(0);
  EXPECT_EQ(stub_->DeleteNode(Context().get(), del, &del_response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

// Accumulate keeps the first name and unions string lists, as the importer states known people.
TEST_F(ServerApiTest, UpsertAccumulatesAnotherDocumentsFacts) {
  v1::UpsertNodesRequest upsert;
  upsert.set_mode(v1::UPSERT_MODE_ACCUMULATE);
  v1::Node* n = upsert.add_nodes();
  n->set_type("Person");
  n->set_key("accumulated-person");
  n->set_name("Zhanbolat Mamay");
  auto* roles = (*n->mutable_properties())["roles"].mutable_string_list_value();
  roles->add_values("journalist");
  v1::UpsertNodesResponse stored;
  ASSERT_TRUE(stub_->UpsertNodes(Context().get(), upsert, &stored).ok());
  const uint64_t id = stored.nodes(0).id();

  n->set_name("MAMAY Zhanbolat");
  roles->clear_values();
  roles->add_values("party leader");
  roles->add_values("journalist");
  ASSERT_TRUE(stub_->UpsertNodes(Context().get(), upsert, &stored).ok());
  const v1::Node& node = stored.nodes(0);
  EXPECT_EQ(node.id(), id);
  EXPECT_EQ(node.name(), "Zhanbolat Mamay");
  EXPECT_EQ(std::vector<std::string>(node.aliases().begin(), node.aliases().end()),
            std::vector<std::string>{"MAMAY Zhanbolat"});
  const auto& values = node.properties().at("roles").string_list_value().values();
  EXPECT_EQ(std::vector<std::string>(values.begin(), values.end()),
            (std::vector<std::string>{"journalist", "party leader"}));
}

TEST_F(ServerApiTest, MutationErrors) {
  v1::UpsertNodesRequest upsert;
  v1::UpsertNodesResponse stored;
  EXPECT_EQ(stub_->UpsertNodes(Context().get(), upsert, &stored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);  // Empty.
  v1::Node* n = upsert.add_nodes();
  n->set_type("Person");  // No key.
  grpc::Status s = stub_->UpsertNodes(Context().get(), upsert, &stored);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("nodes[0]"), std::string::npos) << s.error_message();
  n->set_key("k");
  upsert.set_mode(static_cast<v1::UpsertMode>(7));
  EXPECT_EQ(stub_->UpsertNodes(Context().get(), upsert, &stored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  upsert.set_mode(v1::UPSERT_MODE_MERGE);
  (*n->mutable_properties())["empty"];  // A property without a value.
  EXPECT_EQ(stub_->UpsertNodes(Context().get(), upsert, &stored).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);

  // A stream whose second message fails keeps the first.
  auto context = Context();
  v1::UpsertEdgesResponse totals;
  auto writer = stub_->UpsertEdges(context.get(), &totals);
  v1::UpsertEdgesRequest good;
  v1::Edge* e = good.add_edges();
  e->set_source_id(Id("marat-abishev"));
  e->set_type("member_of");
  e->set_target_id(Id("koshe-party"));
  ASSERT_TRUE(writer->Write(good));
  v1::UpsertEdgesRequest bad;
  e = bad.add_edges();
  e->set_source_id(Id("marat-abishev"));
  e->set_type("knows");
  e->set_target_id(88888888);  // No such node.
  writer->Write(bad);
  writer->WritesDone();
  s = writer->Finish();
  EXPECT_EQ(s.error_code(), grpc::StatusCode::NOT_FOUND) << s.error_message();
  EXPECT_NE(s.error_message().find("stream message 2"), std::string::npos) << s.error_message();

  v1::ListNeighborsRequest neighbors;
  neighbors.set_node_id(Id("marat-abishev"));
  neighbors.add_edge_types("member_of");
  v1::ListNeighborsResponse listed;
  ASSERT_TRUE(stub_->ListNeighbors(Context().get(), neighbors, &listed).ok());
  EXPECT_EQ(listed.neighbors_size(), 1);

  v1::DeleteEdgeRequest del_edge;
  del_edge.set_source_id(Id("marat-abishev"));
  del_edge.set_type("member_of");
  del_edge.set_target_id(Id("koshe-party"));
  v1::DeleteEdgeResponse deleted;
  ASSERT_TRUE(stub_->DeleteEdge(Context().get(), del_edge, &deleted).ok());
}

// ---- Observability -------------------------------------------------------------------------

TEST_F(ServerApiTest, MetricsAndCallLogs) {
  // Calls of each kind first: ctest runs every test in its own process.
  v1::GetStatsResponse stats;
  ASSERT_TRUE(stub_->GetStats(Context().get(), v1::GetStatsRequest(), &stats).ok());
  v1::GetNodeRequest get;
  v1::GetNodeResponse got;
  get.set_id(987654321);
  EXPECT_EQ(stub_->GetNode(Context().get(), get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  get.set_id(0);
  EXPECT_EQ(stub_->GetNode(Context().get(), get, &got).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
  v1::TraverseRequest traverse;
  traverse.add_seed_ids(Id("hub"));
  traverse.set_max_depth(1);
  EXPECT_TRUE(RunTraverse(*stub_, traverse).status.ok());
  std::string metrics = HttpGet(server_->metrics_address(), "/metrics");
  EXPECT_NE(metrics.find(
                "dossier_rpc_calls_total{code=\"OK\",method=\"dossier.v1.GraphService/GetStats\"}"),
            std::string::npos)
      << metrics.substr(0, 2000);
  EXPECT_NE(metrics.find("dossier_rpc_calls_total{code=\"NOT_FOUND\""), std::string::npos);
  EXPECT_NE(metrics.find(
                "dossier_rpc_latency_seconds_bucket{method=\"dossier.v1.GraphService/Traverse\""),
            std::string::npos);

  std::ifstream log(server_->log_path());
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("\"method\":\"dossier.v1.GraphService/GetStats\""), std::string::npos);
  EXPECT_NE(text.str().find("\"code\":\"INVALID_ARGUMENT\""), std::string::npos);
  EXPECT_NE(text.str().find("\"latency_ms\":"), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
