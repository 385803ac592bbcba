#include "bench/workload.h"

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace dossier::bench {
namespace {

Workload Sample() {
  Workload w;
  w.cap = 500;
  w.max_depth = 4;
  w.page_size = 10;
  w.q1 = {"1", "42", "not-a-number", "007"};
  w.q2 = {"Anna Petrova", "Zoë \"Z\" Müller"};
  w.q3 = {{"5", "SIGNED"}};
  w.q4 = {"6"};
  w.q5 = {"7", "8"};
  w.q6 = {{"1", "2"}, {"x", "9"}};
  w.q7 = {{"12", "Organisation", false, "MEMBER_OF", 3}, {"13", "Source", true, "CITED_IN", 0}};
  return w;
}

TEST(WorkloadTest, RoundTrip) {
  const Workload w = Sample();
  absl::StatusOr<Workload> back = ParseWorkload(WorkloadToJson(w));
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, w);
  EXPECT_EQ(WorkloadToJson(*back), WorkloadToJson(w));
}

TEST(WorkloadTest, IntegerIdsAreWrittenAsNumbers) {
  const std::string json = WorkloadToJson(Sample());
  EXPECT_TRUE(absl::StrContains(json, "\"Q1\":[1,42,\"not-a-number\",\"007\"]")) << json;
}

TEST(WorkloadTest, ParsesTheIssuesFormat) {
  absl::StatusOr<Workload> w = ParseWorkload(R"({"cap":10000,"max_depth":6,"page_size":100,
      "Q1":[1,"2"],"Q2":["A B"],"Q3":[[3,"SIGNED"]],"Q4":[4],"Q5":[5],"Q6":[[6,7]],
      "Q7":[[8,"Person","in","ADDRESSED_TO",2]],"note":"ignored"})");
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->q1, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(w->q6[0], (PathQuery{"6", "7"}));
  EXPECT_EQ(w->q7[0], (PageQuery{"8", "Person", false, "ADDRESSED_TO", 2}));
}

TEST(WorkloadTest, MissingListsAreEmpty) {
  absl::StatusOr<Workload> w = ParseWorkload(R"({"Q1":[1]})");
  ASSERT_TRUE(w.ok()) << w.status();
  EXPECT_EQ(w->cap, 10000);
  EXPECT_TRUE(w->q7.empty());
}

TEST(WorkloadTest, ErrorsNameTheEntry) {
  auto error = [](const char* json) { return std::string(ParseWorkload(json).status().message()); };
  EXPECT_TRUE(absl::StrContains(error("[1]"), "expected a JSON object"));
  EXPECT_TRUE(absl::StrContains(error("{"), "not valid JSON"));
  EXPECT_TRUE(absl::StrContains(error(R"({"Q6":[[1,2],[3]]})"), "Q6[1]"));
  EXPECT_TRUE(absl::StrContains(error(R"({"Q7":[[1,"Person","up","X",0]]})"), "direction"));
  EXPECT_TRUE(absl::StrContains(error(R"({"Q7":[[1,"Person","in","X",-1]]})"), "page"));
  EXPECT_TRUE(absl::StrContains(error(R"({"Q1":[1.5]})"), "Q1[0]"));
  EXPECT_TRUE(absl::StrContains(error(R"({"cap":0})"), "cap"));
}

}  // namespace
}  // namespace dossier::bench
