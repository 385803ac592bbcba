// The light client's bookkeeping: gRPC frames as h2load sends them, and reading h2load's summary
// so that a gRPC error (HTTP 200 without the answer's DATA) is never counted as a call.
#include "bench/h2load_run.h"

#include "dossier/v1/graph_service.pb.h"
#include "gtest/gtest.h"

namespace dossier::bench {
namespace {

constexpr char kSummary[] =
    "finished in 8.00s, 4.00 req/s, 1.12KB/s\n"
    "requests: 32 total, 33 started, 32 done, 32 succeeded, 0 failed, 0 errored, 0 timeout\n"
    "status codes: 32 2xx, 0 3xx, 0 4xx, 0 5xx\n"
    "traffic: 4.62KB (4729) total, 675B (675) headers (space savings 95.83%), 3.22KB (3296) "
    "data\n";

H2loadRequest Request() {
  return {.method_path = "/dossier.v1.GraphService/ListNeighbors",
          .body = "",
          .response_data_bytes = 103};
}

std::string Log(int lines, int status = 200) {
  std::string log;
  for (int i = 0; i < lines; ++i) {
    log += "1795692461863626\t" + std::to_string(status) + "\t" + std::to_string(100 + i) + "\n";
  }
  return log;
}

TEST(H2loadRunTest, GrpcFrameIsAFlagALengthAndTheMessage) {
  v1::ListNeighborsRequest request;
  request.set_node_id(451062);
  request.add_edge_types("SIGNED");
  const std::string frame = GrpcFrame(request);
  const std::string payload = request.SerializeAsString();
  ASSERT_EQ(frame.size(), 5 + payload.size());
  EXPECT_EQ(frame[0], '\0');  // Not compressed.
  EXPECT_EQ(frame.substr(1, 4), std::string("\0\0\0", 3) + static_cast<char>(payload.size()));
  EXPECT_EQ(frame.substr(5), payload);
}

TEST(H2loadRunTest, ReadsCallsRateAndLatencies) {
  // 32 answers of 103 bytes = 3296 DATA bytes.
  absl::StatusOr<H2loadPoint> point = ParseH2loadOutput(kSummary, Log(32), Request(), 4);
  ASSERT_TRUE(point.ok()) << point.status();
  EXPECT_EQ(point->clients, 4);
  EXPECT_EQ(point->calls, 32);
  EXPECT_DOUBLE_EQ(point->seconds, 8.0);
  EXPECT_DOUBLE_EQ(point->calls_per_second, 4.0);
  EXPECT_EQ(point->latency.count, 32);
  EXPECT_DOUBLE_EQ(point->latency.median_ms, 0.115);  // 100..131 us, nearest rank.
  EXPECT_DOUBLE_EQ(point->latency.max_ms, 0.131);
}

TEST(H2loadRunTest, AnswersWithoutTheirDataAreGrpcErrors) {
  H2loadRequest bigger = Request();
  bigger.response_data_bytes = 120;  // 32 OK answers would be 3840 bytes, not 3296.
  absl::StatusOr<H2loadPoint> point = ParseH2loadOutput(kSummary, Log(32), bigger, 4);
  EXPECT_TRUE(absl::IsFailedPrecondition(point.status())) << point.status();
  EXPECT_NE(point.status().message().find("3296 DATA bytes"), std::string::npos) << point.status();
}

TEST(H2loadRunTest, FailedRequestsAndOtherHttpStatusesAreRefused) {
  std::string failed = kSummary;
  failed.replace(failed.find("0 failed"), 8, "2 failed");
  EXPECT_FALSE(ParseH2loadOutput(failed, Log(32), Request(), 4).ok());
  EXPECT_TRUE(
      absl::IsFailedPrecondition(ParseH2loadOutput(kSummary, Log(32, 503), Request(), 4).status()));
  EXPECT_TRUE(absl::IsInternal(ParseH2loadOutput("garbage", Log(1), Request(), 1).status()));
  EXPECT_TRUE(absl::IsInternal(ParseH2loadOutput(kSummary, "1\tx\t3\n", Request(), 4).status()));
}

}  // namespace
}  // namespace dossier::bench
