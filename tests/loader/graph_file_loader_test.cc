#include "loader/graph_file_loader.h"

#include <fstream>
#include <limits>
#include <string>

#include "graph/checker.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace dossier::loader {
namespace {

class GraphFileLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto g = graph::Graph::Open({.path = dir_.Sub("db")});
    ASSERT_TRUE(g.ok()) << g.status();
    graph_ = std::move(*g);
  }

  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }

  testing::TempDir dir_;
  std::unique_ptr<graph::Graph> graph_;
};

TEST_F(GraphFileLoaderTest, LoadsCsvWithQuotingAndExtraColumns) {
  std::string nodes = Write("nodes.csv",
                            "id,type,name,country\r\n"
                            "1,Person,\"Zhumagulov, Almat\",KZ\r\n"
                            "2,Letter,\"The \"\"open\"\" letter\",\r\n"
                            "3,Organisation,Koshe Party,KZ\r\n");
  std::string edges = Write("edges.csv", "type,src,dst\nSIGNED,1,2\nMEMBER_OF,1,3\n");
  auto report = LoadGraphFiles(graph_.get(), {.nodes_path = nodes, .edges_path = edges});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->stats.nodes_added, 3u);
  EXPECT_EQ(report->stats.edges_added, 2u);
  auto view = graph_->NewReadView();
  auto almat = view->GetNodeByExternalId("1");
  EXPECT_EQ(almat->name, "Zhumagulov, Almat");
  EXPECT_EQ(std::get<std::string>(almat->properties.at("country")), "KZ");
  EXPECT_EQ(view->GetNodeByExternalId("2")->name, "The \"open\" letter");
  EXPECT_FALSE(view->GetNodeByExternalId("2")->properties.contains("country"));
  EXPECT_TRUE(graph::CheckGraph(*view).ok());
}

TEST_F(GraphFileLoaderTest, LoadsJsonLinesWithTypedProperties) {
  std::string nodes =
      Write("nodes.jsonl",
            "{\"id\":1,\"type\":\"Person\",\"name\":\"A\",\"properties\":{\"age\":40,\"mep\":true,"
            "\"groups\":[\"EPP\"]}}\n\n"
            "{\"id\":\"x\",\"type\":\"Letter\",\"name\":\"L\"}\n");
  std::string edges =
      Write("edges.jsonl",
            "{\"src\":1,\"dst\":\"x\",\"type\":\"SIGNED\",\"properties\":{\"weight\":0.5}}\n");
  auto report = LoadGraphFiles(graph_.get(), {.nodes_path = nodes, .edges_path = edges});
  ASSERT_TRUE(report.ok()) << report.status();
  auto view = graph_->NewReadView();
  auto a = view->GetNodeByExternalId("1");
  EXPECT_EQ(std::get<int64_t>(a->properties.at("age")), 40);
  EXPECT_EQ(std::get<bool>(a->properties.at("mep")), true);
  EXPECT_EQ(std::get<graph::StringList>(a->properties.at("groups")), graph::StringList{"EPP"});
  auto edge = view->GetEdge({a->id, "SIGNED", view->GetNodeByExternalId("x")->id});
  EXPECT_DOUBLE_EQ(std::get<double>(edge->properties.at("weight")), 0.5);
}

// JSON has one number type; a property stores a 64-bit signed integer or a double. An integer
// beyond the signed range is refused rather than wrapped (18446744073709551615 is not -1).
TEST_F(GraphFileLoaderTest, JsonIntegerPropertiesBeyondSignedRangeAreRefusedNotWrapped) {
  std::string nodes = Write("nodes.jsonl",
                            "{\"id\":1,\"type\":\"Person\",\"name\":\"A\",\"properties\":"
                            "{\"max\":9223372036854775807,\"min\":-9223372036854775808}}\n"
                            "{\"id\":2,\"type\":\"Person\",\"name\":\"B\",\"properties\":"
                            "{\"big\":18446744073709551615}}\n");
  auto report = LoadGraphFiles(graph_.get(), {.nodes_path = nodes});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find(
                "nodes.jsonl:2: property 'big': integer 18446744073709551615 is beyond the 64-bit "
                "signed range"),
            std::string::npos)
      << report.status();
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);

  report = LoadGraphFiles(graph_.get(), {.nodes_path = nodes, .skip_bad = true});
  ASSERT_TRUE(report.ok()) << report.status();
  auto a = graph_->NewReadView()->GetNodeByExternalId("1");
  ASSERT_TRUE(a.ok()) << a.status();
  EXPECT_EQ(std::get<int64_t>(a->properties.at("max")), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(std::get<int64_t>(a->properties.at("min")), std::numeric_limits<int64_t>::min());
  EXPECT_FALSE(graph_->NewReadView()->GetNodeByExternalId("2").ok());
}

TEST_F(GraphFileLoaderTest, BadRowsNameFileLineAndReasonAndWriteNothing) {
  std::string nodes = Write("nodes.csv", "id,type,name\n1,Person,A\n1,Person,Dup\n");
  auto report = LoadGraphFiles(graph_.get(), {.nodes_path = nodes});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("nodes.csv:3: duplicate node id '1'"), std::string::npos)
      << report.status();
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);

  std::string edges = Write("edges.csv", "src,dst,type\n1,2,KNOWS\n");
  std::string ok_nodes = Write("ok.csv", "id,type,name\n1,Person,A\n");
  report = LoadGraphFiles(graph_.get(), {.nodes_path = ok_nodes, .edges_path = edges});
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("edges.csv:2: edge target '2' is not a known node id"),
            std::string::npos)
      << report.status();

  std::string short_row = Write("short.csv", "id,type,name\n1,Person\n");
  report = LoadGraphFiles(graph_.get(), {.nodes_path = short_row});
  EXPECT_NE(report.status().message().find("short.csv:2: expected 3 fields, found 2"),
            std::string::npos)
      << report.status();
  std::string no_header = Write("noheader.csv", "ident,kind\n");
  report = LoadGraphFiles(graph_.get(), {.nodes_path = no_header});
  EXPECT_NE(report.status().message().find("lacks the column 'id'"), std::string::npos)
      << report.status();
  std::string bad_json = Write("bad.jsonl", "{\"id\":1,\"type\":\"P\",\"name\":\"A\"}\n{oops\n");
  report = LoadGraphFiles(graph_.get(), {.nodes_path = bad_json});
  EXPECT_NE(report.status().message().find("bad.jsonl:2: not a JSON object"), std::string::npos)
      << report.status();
  report = LoadGraphFiles(graph_.get(), {.nodes_path = dir_.Sub("nodes.txt")});
  EXPECT_TRUE(absl::IsInvalidArgument(report.status()));
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 0u);
}

TEST_F(GraphFileLoaderTest, SkipBadCountsAndContinues) {
  std::string nodes =
      Write("nodes.csv", "id,type,name\n1,Person,A\n1,Person,Dup\n2,Person,B\n3,Person\n");
  std::string edges = Write("edges.csv", "src,dst,type\n1,2,KNOWS\n1,9,KNOWS\n");
  auto report =
      LoadGraphFiles(graph_.get(), {.nodes_path = nodes, .edges_path = edges, .skip_bad = true});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->stats.nodes_added, 2u);
  EXPECT_EQ(report->stats.edges_added, 1u);
  EXPECT_EQ(report->skipped_by_reason.at("ALREADY_EXISTS"), 1u);
  EXPECT_EQ(report->skipped_by_reason.at("INVALID_ARGUMENT"), 1u);
  EXPECT_EQ(report->skipped_by_reason.at("NOT_FOUND"), 1u);
  ASSERT_EQ(report->first_skipped.size(), 3u);
  EXPECT_NE(report->first_skipped[0].find("nodes.csv:3"), std::string::npos);
  EXPECT_TRUE(graph::CheckGraph(*graph_->NewReadView()).ok());
}

}  // namespace
}  // namespace dossier::loader
