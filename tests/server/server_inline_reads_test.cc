// Which calls `dossier serve` answers on gRPC's threads (server/inline_policy.h)
// and which wait for its worker pool, seen from a client: with the one worker
// busy and its queue full, bounded reads still answer (within the caps) and
// everything else gets RESOURCE_EXHAUSTED; --no-inline-reads queues them all.
#include <atomic>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "tests/server/letter_graph.h"
#include "tests/server/server_process.h"
#include "tests/testing/read_file.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

using Clock = std::chrono::steady_clock;

// One worker, one queue slot, 20 ms per traversal hit: a traversal of the
// 200-spoke hub holds the worker for 4 s.
class BusyPoolTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    // A short shutdown grace: TearDown stops the server with a call queued.
    std::vector<std::string> args = {"--testing-delay-per-hit-ms", "20", "--workers",       "1",
                                     "--max-queued-calls",         "1",  "--max-page-size", "10",
                                     "--shutdown-grace-seconds",   "1"};
    if (!GetParam()) args.push_back("--no-inline-reads");
    server_ = std::make_unique<ServerProcess>(dir_.Sub("db"), args, dir_.Sub("server.log"));
    ASSERT_TRUE(server_->ok()) << server_->error();
    stub_ = server_->Stub();
    ASSERT_TRUE(BuildLetterGraph(*stub_, "", 200, &graph_).ok());
  }
  void TearDown() override {
    for (auto& context : contexts_) context->TryCancel();
    for (std::thread& t : traversals_) t.join();
    if (server_ && server_->pid() > 0) {
      EXPECT_EQ(server_->Stop(), 0);
    }
  }

  // A slow traversal on the worker, then calls until one finds the queue
  // full (a probe that got queued instead just gives up at its deadline and
  // keeps the slot taken).
  void FillThePool() {
    StartTraversal();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    StartTraversal();
    const auto give_up = Clock::now() + std::chrono::seconds(2);
    while (Clock::now() < give_up) {
      v1::ShortestPathRequest request;
      request.set_from_id(graph_.id("hub"));
      request.set_to_id(graph_.id("spoke-1"));
      v1::ShortestPathResponse response;
      grpc::Status s = stub_->ShortestPath(Context("", 200).get(), request, &response);
      if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) return;
    }
    FAIL() << "the worker queue never filled up";
  }

  void StartTraversal() {
    contexts_.push_back(Context("", 30'000));
    grpc::ClientContext* context = contexts_.back().get();
    traversals_.emplace_back([this, context] {
      v1::TraverseRequest request;
      request.add_seed_ids(graph_.id("hub"));
      request.set_max_depth(1);
      auto reader = stub_->Traverse(context, request);
      v1::TraverseResponse message;
      while (reader->Read(&message)) {
      }
      reader->Finish();
    });
  }

  grpc::StatusCode ListNeighborsCode(const v1::ListNeighborsRequest& request,
                                     v1::ListNeighborsResponse* response) {
    return stub_->ListNeighbors(Context().get(), request, response).error_code();
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::GraphService::Stub> stub_;
  LetterGraph graph_;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts_;
  std::vector<std::thread> traversals_;
};

TEST_P(BusyPoolTest, BoundedReadsAnswerOnlyWhenInline) {
  FillThePool();
  const grpc::StatusCode expected =
      GetParam() ? grpc::StatusCode::OK : grpc::StatusCode::RESOURCE_EXHAUSTED;

  v1::GetNodeRequest get;
  get.set_id(graph_.id("hub"));
  get.set_include_degrees(true);
  v1::GetNodeResponse node;
  EXPECT_EQ(stub_->GetNode(Context().get(), get, &node).error_code(), expected);
  v1::GetStatsResponse stats;
  EXPECT_EQ(stub_->GetStats(Context().get(), v1::GetStatsRequest(), &stats).error_code(), expected);
  v1::FindNodesRequest find;
  find.set_query("Hub Network");
  v1::FindNodesResponse found;
  EXPECT_EQ(stub_->FindNodes(Context().get(), find, &found).error_code(), expected);
  v1::BatchGetNodesRequest batch;
  batch.add_ids(graph_.id("hub"));
  batch.add_ids(graph_.id("spoke-3"));
  v1::BatchGetNodesResponse nodes;
  EXPECT_EQ(stub_->BatchGetNodes(Context().get(), batch, &nodes).error_code(), expected);
  if (!GetParam()) return;
  EXPECT_EQ(node.node().key(), "hub");
  EXPECT_GT(node.degrees_size(), 0);
  EXPECT_GT(stats.node_count(), 200u);
  ASSERT_EQ(found.nodes_size(), 1);
  EXPECT_EQ(found.nodes(0).id(), graph_.id("hub"));
  EXPECT_EQ(nodes.nodes_size(), 2);
}

TEST_P(BusyPoolTest, InlineNeighbourPagesKeepTheServerPageCap) {
  FillThePool();
  v1::ListNeighborsRequest request;
  request.set_node_id(graph_.id("hub"));
  request.set_direction(v1::DIRECTION_INCOMING);
  request.add_edge_types("member_of");
  request.set_page_size(5000);  // Coerced to --max-page-size 10.
  v1::ListNeighborsResponse page;
  if (!GetParam()) {
    EXPECT_EQ(ListNeighborsCode(request, &page), grpc::StatusCode::RESOURCE_EXHAUSTED);
    return;
  }
  ASSERT_EQ(ListNeighborsCode(request, &page), grpc::StatusCode::OK);
  EXPECT_EQ(page.neighbors_size(), 10);
  EXPECT_FALSE(page.next_page_token().empty());
  request.set_page_token(page.next_page_token());
  v1::ListNeighborsResponse next;
  ASSERT_EQ(ListNeighborsCode(request, &next), grpc::StatusCode::OK);
  EXPECT_EQ(next.neighbors_size(), 10);
  EXPECT_NE(next.neighbors(0).node_id(), page.neighbors(0).node_id());
}

TEST_P(BusyPoolTest, UnboundedReadsWaitForThePool) {
  FillThePool();
  v1::ListNeighborsRequest filtered;  // A neighbour type filter may skip any number of edges.
  filtered.set_node_id(graph_.id("hub"));
  filtered.add_neighbor_types("Person");
  v1::ListNeighborsResponse page;
  EXPECT_EQ(ListNeighborsCode(filtered, &page), grpc::StatusCode::RESOURCE_EXHAUSTED);
  v1::FindNodesRequest prefix;
  prefix.set_query("Spoke");
  prefix.set_match(v1::NAME_MATCH_PREFIX);
  v1::FindNodesResponse found;
  EXPECT_EQ(stub_->FindNodes(Context().get(), prefix, &found).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  v1::BatchGetNodesRequest batch;
  for (int i = 0; i <= 100; ++i) batch.add_ids(graph_.id("spoke-" + std::to_string(i)));
  v1::BatchGetNodesResponse nodes;
  EXPECT_EQ(stub_->BatchGetNodes(Context().get(), batch, &nodes).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
}

TEST_P(BusyPoolTest, OversizedBatchesAreRefusedWhetherOrNotInline) {
  FillThePool();
  v1::BatchGetNodesRequest batch;  // Above --max-batch (1000): refused before any read.
  for (int i = 1; i <= 1001; ++i) batch.add_ids(i);
  v1::BatchGetNodesResponse nodes;
  EXPECT_EQ(stub_->BatchGetNodes(Context().get(), batch, &nodes).error_code(),
            GetParam() ? grpc::StatusCode::INVALID_ARGUMENT : grpc::StatusCode::RESOURCE_EXHAUSTED);
}

INSTANTIATE_TEST_SUITE_P(InlineOnAndOff, BusyPoolTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Inline" : "PoolOnly";
                         });

TEST(InlineReadTest, DeadlineShorterThanTheServerMarginIsRefusedByTheServer) {
  TempDir dir;
  ServerProcess server(dir.Sub("db"), {}, dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  auto stub = server.Stub();
  LetterGraph graph;
  ASSERT_TRUE(BuildLetterGraph(*stub, "", 3, &graph).ok());
  // The server stops 50 ms before the client's deadline; with 40 ms left it
  // refuses at once instead of starting work whose answer would come late.
  v1::GetNodeRequest request;
  request.set_id(graph.id("hub"));
  v1::GetNodeResponse response;
  EXPECT_EQ(stub->GetNode(Context("", 40).get(), request, &response).error_code(),
            grpc::StatusCode::DEADLINE_EXCEEDED);
  // Time enough: answered, and logged like any call.
  EXPECT_TRUE(stub->GetNode(Context().get(), request, &response).ok());
  EXPECT_EQ(server.Stop(), 0);
  const std::string log = ReadFile(server.log_path());
  EXPECT_NE(log.find("the deadline passed before the server could start the work"),
            std::string::npos)
      << log;
  bool logged_ok = false;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"dossier.v1.GraphService/GetNode\"") != std::string::npos &&
        line.find("\"code\":\"OK\"") != std::string::npos) {
      logged_ok = true;
    }
  }
  EXPECT_TRUE(logged_ok) << log;
}

}  // namespace
}  // namespace dossier::testing
