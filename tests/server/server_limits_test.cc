// Deadlines, cancellation, the bounded worker pool and graceful shutdown,
// against the real `dossier serve` slowed down by its testing-only
// --testing-delay-per-hit-ms flag so that timing is deterministic enough.
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

// 5 ms per hit: the 300-spoke hub takes 1.5 s to traverse in full.
class SlowServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(
        dir_.Sub("db"),
        std::vector<std::string>{"--testing-delay-per-hit-ms", "5", "--workers", "2"},
        dir_.Sub("server.log"));
    ASSERT_TRUE(server_->ok()) << server_->error();
    stub_ = server_->Stub();
    ASSERT_TRUE(BuildLetterGraph(*stub_, "", 300, &graph_).ok());
  }
  void TearDown() override {
    if (server_ && server_->pid() > 0) {
      EXPECT_EQ(server_->Stop(), 0);
    }
  }

  v1::TraverseRequest HubRequest() {
    v1::TraverseRequest request;
    request.add_seed_ids(graph_.id("hub"));
    request.set_max_depth(1);
    request.set_batch_size(10);
    return request;
  }

  TempDir dir_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<v1::GraphService::Stub> stub_;
  LetterGraph graph_;
};

TEST_F(SlowServerTest, TimeBudgetTruncatesAndReturnsWhatWasFound) {
  v1::TraverseRequest request = HubRequest();
  request.mutable_limits()->set_time_budget_ms(150);
  auto context = Context();
  auto reader = stub_->Traverse(context.get(), request);
  v1::TraverseResponse message, last;
  int hits = 0;
  while (reader->Read(&message)) {
    hits += message.hits_size();
    last = message;
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_TRUE(last.done());
  EXPECT_TRUE(last.summary().truncated());
  EXPECT_EQ(last.summary().reason(), v1::STOP_REASON_DEADLINE);
  EXPECT_GT(hits, 0);
  EXPECT_LT(hits, 301);
  EXPECT_EQ(last.summary().nodes_reported(), hits);
}

TEST_F(SlowServerTest, ClientDeadlineStopsTheWorkInTime) {
  auto start = Clock::now();
  auto context = Context("", /*timeout_ms=*/400);
  auto reader = stub_->Traverse(context.get(), HubRequest());
  v1::TraverseResponse message, last;
  while (reader->Read(&message)) last = message;
  grpc::Status status = reader->Finish();
  // Either the server stopped first (a truncated summary), or the deadline
  // hit in transit; never the full 1.5 s of work.
  if (status.ok()) {
    EXPECT_EQ(last.summary().reason(), v1::STOP_REASON_DEADLINE);
  } else {
    EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  }
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1200));
}

TEST_F(SlowServerTest, CancellationStopsTheWorker) {
  for (int i = 0; i < 2; ++i) {  // Both workers would be stuck if cancel did not stop them.
    auto context = Context();
    auto reader = stub_->Traverse(context.get(), HubRequest());
    v1::TraverseResponse message;
    ASSERT_TRUE(reader->Read(&message));
    EXPECT_EQ(message.hits_size(), 10);
    context->TryCancel();
    while (reader->Read(&message)) {
    }
    EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::CANCELLED);
  }
  // The workers are free again well before the 1.5 s the traversals needed.
  auto start = Clock::now();
  v1::GetStatsResponse stats;
  ASSERT_TRUE(stub_->GetStats(Context().get(), v1::GetStatsRequest(), &stats).ok());
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(700));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_NE(ReadFile(server_->log_path()).find("\"code\":\"CANCELLED\""), std::string::npos);
}

TEST_F(SlowServerTest, SlowReaderGetsEverything) {
  // Backpressure: the worker waits for the client instead of buffering.
  v1::TraverseRequest request = HubRequest();
  request.set_batch_size(100);
  auto context = Context();
  auto reader = stub_->Traverse(context.get(), request);
  v1::TraverseResponse message;
  int hits = 0;
  while (reader->Read(&message)) {
    hits += message.hits_size();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(hits, 301);
}

TEST_F(SlowServerTest, ShutdownDuringATraversalIsClean) {
  std::atomic<bool> finished{false};
  grpc::Status status;
  std::thread client([&] {
    auto context = Context();
    auto reader = stub_->Traverse(context.get(), HubRequest());
    v1::TraverseResponse message;
    while (reader->Read(&message)) {
    }
    status = reader->Finish();
    finished = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto start = Clock::now();
  EXPECT_EQ(server_->Stop(), 0);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(10));
  client.join();
  EXPECT_TRUE(finished);
  // The in-flight traversal either completed within the grace period or
  // was cancelled; the database closed cleanly either way.
  CommandResult check = RunDossier({"check", "--db", dir_.Sub("db")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST(BusyServerTest, FullQueueIsResourceExhausted) {
  TempDir dir;
  ServerProcess server(
      dir.Sub("db"),
      {"--testing-delay-per-hit-ms", "20", "--workers", "1", "--max-queued-calls", "1"},
      dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  auto stub = server.Stub();
  LetterGraph graph;
  ASSERT_TRUE(BuildLetterGraph(*stub, "", 20, &graph).ok());
  std::atomic<int> exhausted{0}, ok{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 6; ++i) {
    clients.emplace_back([&] {
      v1::TraverseRequest request;
      request.add_seed_ids(graph.id("hub"));
      request.set_max_depth(1);
      auto context = Context();
      auto reader = stub->Traverse(context.get(), request);
      v1::TraverseResponse message;
      while (reader->Read(&message)) {
      }
      grpc::Status s = reader->Finish();
      if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) ++exhausted;
      if (s.ok()) ++ok;
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_GE(exhausted.load(), 1);
  EXPECT_GE(ok.load(), 1);
  EXPECT_EQ(exhausted + ok, 6);
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace dossier::testing
