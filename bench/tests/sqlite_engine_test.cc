// The SQLite engine on a graph small enough to answer by hand:
//
//   1 Anna Petrova (P) -SIGNED-> 4 (L) <-SIGNED- 2 Ivan Ivanov (P)
//   4 -ADDRESSED_TO-> 3 Anna Petrova (P) -SIGNED-> 5 (L) -ADDRESSED_TO-> 10 (P)
//   7 (S) -CITED_IN-> 4;  1, 2, 3, 10 -MEMBER_OF-> 6 (O);  8 (P) -PERSECUTED_BY-> 6
//   10 -SIGNED-> 9 (L)
#include "bench/sqlite_engine.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace dossier::bench {
namespace {

using Ids = std::vector<std::string>;

class SqliteEngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    // One directory per test process: ctest runs these tests in parallel, and two of them
    // loading the same database files at once failed at random.
    dir_ = ::testing::TempDir() + "/sqlite_engine_test_" + GetParam() + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name() + "_" +
           std::to_string(getpid());
    std::filesystem::create_directories(dir_);
    Write("nodes.csv",
          "id,type,name\n1,Person,Anna Petrova\n2,Person,Ivan Ivanov\n3,Person,Anna Petrova\n"
          "4,Letter,Letter A\n5,Letter,Letter B\n6,Organisation,\"Ministry, \"\"X\"\"\"\n"
          "7,Source,Report\n8,Person,Lonely\n10,Person,Ten\n9,Letter,Letter C\n");
    Write("edges.csv",
          "src,dst,type\n1,4,SIGNED\n2,4,SIGNED\n4,3,ADDRESSED_TO\n3,5,SIGNED\n"
          "5,10,ADDRESSED_TO\n7,4,CITED_IN\n1,6,MEMBER_OF\n2,6,MEMBER_OF\n3,6,MEMBER_OF\n"
          "10,6,MEMBER_OF\n8,6,PERSECUTED_BY\n10,9,SIGNED\n");
    EngineConfig config{.work_dir = dir_, .options = {{"sqlite.q4", GetParam()}}};
    absl::StatusOr<std::unique_ptr<SqliteEngine>> engine = SqliteEngine::Create(config);
    ASSERT_TRUE(engine.ok()) << engine.status();
    engine_ = *std::move(engine);
    absl::Status s = engine_->Load(dir_ + "/nodes.csv", dir_ + "/edges.csv");
    ASSERT_TRUE(s.ok()) << s;
  }

  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name, std::ios::binary) << text;
  }

  std::string dir_;
  std::unique_ptr<SqliteEngine> engine_;
};

TEST_P(SqliteEngineTest, Q1NodeById) {
  EXPECT_EQ(**engine_->NodeById("6"), (NodeInfo{"Organisation", "Ministry, \"X\""}));
  EXPECT_EQ(*engine_->NodeById("99"), std::nullopt);
  EXPECT_EQ(*engine_->NodeById("abc"), std::nullopt);
  EXPECT_EQ(*engine_->NodeById("06"), std::nullopt);  // Not the id "6".
}

TEST_P(SqliteEngineTest, Q2PersonsNamedIsExactAndPersonsOnly) {
  EXPECT_EQ(*engine_->PersonsNamed("Anna Petrova"), (Ids{"1", "3"}));
  EXPECT_EQ(*engine_->PersonsNamed("anna petrova"), Ids{});
  EXPECT_EQ(*engine_->PersonsNamed("Letter A"), Ids{});
}

TEST_P(SqliteEngineTest, Q3OutNeighbors) {
  EXPECT_EQ(*engine_->OutNeighbors("1", "SIGNED"), (Ids{"4"}));
  EXPECT_EQ(*engine_->OutNeighbors("10", "MEMBER_OF"), (Ids{"6"}));
  EXPECT_EQ(*engine_->OutNeighbors("8", "SIGNED"), Ids{});
}

TEST_P(SqliteEngineTest, Q4TwoHopsBothDirections) {
  // 1 hop: 4, 6. 2 hops: 2, 3, 7 (via 4) and 10, 8 (via 6).
  EXPECT_EQ(*engine_->CountWithin2Hops("1"), 7);
  // 8 -> 6 -> {1, 2, 3, 10}.
  EXPECT_EQ(*engine_->CountWithin2Hops("8"), 5);
  EXPECT_EQ(*engine_->CountWithin2Hops("404"), 0);
}

TEST_P(SqliteEngineTest, Q5ThreeHopsCapped) {
  // Adds 5 (via 3 and 10) and 9 (via 10).
  EXPECT_EQ(*engine_->CountWithin3Hops("1", 10000), 9);
  EXPECT_EQ(*engine_->CountWithin3Hops("1", 5), 5);
}

TEST_P(SqliteEngineTest, Q6ShortestDirectedPath) {
  EXPECT_EQ(*engine_->ShortestPath("1", "10", 6), 4);  // 1 -> 4 -> 3 -> 5 -> 10
  EXPECT_EQ(*engine_->ShortestPath("1", "3", 6), 2);
  EXPECT_EQ(*engine_->ShortestPath("1", "10", 3), -1);  // Too far.
  EXPECT_EQ(*engine_->ShortestPath("10", "1", 6), -1);  // Directed: no way back.
  EXPECT_EQ(*engine_->ShortestPath("1", "1", 6), 0);
  EXPECT_EQ(*engine_->ShortestPath("1", "6", 6), 1);
}

TEST_P(SqliteEngineTest, Q7PagesInNumericIdOrder) {
  PageQuery members{"6", "Organisation", false, "MEMBER_OF", 0};
  EXPECT_EQ(*engine_->NeighborPage(members, 2), (Ids{"1", "2"}));
  members.page = 1;
  EXPECT_EQ(*engine_->NeighborPage(members, 2), (Ids{"3", "10"}));  // 10 after 3.
  members.page = 2;
  EXPECT_EQ(*engine_->NeighborPage(members, 2), Ids{});
  EXPECT_EQ(*engine_->NeighborPage({"4", "Letter", true, "ADDRESSED_TO", 0}, 100), (Ids{"3"}));
}

INSTANTIATE_TEST_SUITE_P(TwoHopMethods, SqliteEngineTest, ::testing::Values("bfs", "cte"));

TEST(SqliteEngineLoadTest, RejectsNonIntegerIdsAndDuplicateEdges) {
  const std::string dir = ::testing::TempDir() + "/sqlite_engine_bad_" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/nodes.csv") << "id,type,name\n1,Person,A\nx7,Person,B\n";
  std::ofstream(dir + "/nodes_ok.csv") << "id,type,name\n1,Person,A\n2,Person,B\n";
  std::ofstream(dir + "/edges.csv") << "src,dst,type\n1,2,KNOWS\n1,2,KNOWS\n";
  auto engine = *SqliteEngine::Create({.work_dir = dir, .options = {}});
  absl::Status s = engine->Load(dir + "/nodes.csv", dir + "/edges.csv");
  EXPECT_TRUE(absl::StrContains(s.message(), "nodes.csv:3:")) << s;
  s = engine->Load(dir + "/nodes_ok.csv", dir + "/edges.csv");
  EXPECT_TRUE(absl::StrContains(s.message(), "appears twice")) << s;
}

}  // namespace
}  // namespace dossier::bench
