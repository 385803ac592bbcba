// `dossier query` against the real server, and every export format (from
// `dossier export` offline and `dossier query subgraph --format`) checked
// with pugixml / nlohmann: well-formed, every edge's endpoints present,
// attributes declared with types their values parse as.
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "pugixml.hpp"
#include "tests/server/letter_graph.h"
#include "tests/server/server_process.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

class CliExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(dir_->Sub("db"), {}, dir_->Sub("server.log"));
    ASSERT_TRUE(server_->ok()) << server_->error();
    graph_ = new LetterGraph();
    ASSERT_TRUE(BuildLetterGraph(*server_->Stub(), "", 30, graph_).ok());
  }
  static void TearDownTestSuite() {
    if (server_ != nullptr && server_->pid() > 0) {
      EXPECT_EQ(server_->Stop(), 0);
    }
    delete server_;
    delete graph_;
    delete dir_;
  }
  static CommandResult Query(std::vector<std::string> args) {
    args.insert(args.begin(), "query");
    args.push_back("--server");
    args.push_back(server_->address());
    return RunDossier(args);
  }
  static TempDir* dir_;
  static ServerProcess* server_;
  static LetterGraph* graph_;
};

TempDir* CliExportTest::dir_ = nullptr;
ServerProcess* CliExportTest::server_ = nullptr;
LetterGraph* CliExportTest::graph_ = nullptr;

TEST_F(CliExportTest, NodeByNameAndId) {
  CommandResult r = Query({"node", "Dulat Agadil"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("dulat-agadil"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("born"), std::string::npos);
  EXPECT_NE(r.out.find("out persecuted_by"), std::string::npos) << r.out;
  r = Query({"node", std::to_string(graph_->id("knb")), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["node"]["id"], std::to_string(graph_->id("knb")));  // uint64 as a JSON string.
  EXPECT_EQ(j["node"]["name"], "National Security Committee");
}

TEST_F(CliExportTest, AmbiguousAndUnknownNames) {
  CommandResult r = Query({"node", "Aigul Bekova"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find(std::to_string(graph_->id("aigul-bekova-almaty"))), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(std::to_string(graph_->id("aigul-bekova-astana"))), std::string::npos)
      << r.err;
  r = Query({"node", "Helmut Sch"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("did you mean: Helmut Scholz"), std::string::npos) << r.err;
}

TEST_F(CliExportTest, NeighborsPathFind) {
  CommandResult r = Query({"neighbors", "Helmut Scholz", "--type", "signed"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Letter of 12 January 2022"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Bundestag"), std::string::npos) << r.out;

  r = Query({"path", "Helmut Scholz", "Kassym-Jomart Tokayev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("(2 hops)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-[signed]->"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("-[addressed_to]->"), std::string::npos) << r.out;

  r = Query({"find", "Abish"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Abish Kekilbayev"), std::string::npos) << r.out;
  r = Query({"find", "Spoke Person", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["nodes"].size(), 30u);

  r = Query({"subgraph", "Koshe Party", "--depth", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("National Security Committee"), std::string::npos) << r.out;
  r = Query({"stats"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Letter"), std::string::npos);
}

// ---- Format validation ---------------------------------------------------------------

bool ParsesAs(const std::string& type, const std::string& value) {
  char* end = nullptr;
  if (type == "long" || type == "int" || type == "integer") {
    std::strtoll(value.c_str(), &end, 10);
    return !value.empty() && *end == '\0';
  }
  if (type == "double" || type == "float") {
    std::strtod(value.c_str(), &end);
    return !value.empty() && *end == '\0';
  }
  if (type == "boolean") return value == "true" || value == "false";
  return true;
}

void ValidateGraphMl(const std::string& text, size_t min_nodes) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(text.c_str());
  ASSERT_TRUE(parsed) << parsed.description();
  pugi::xml_node root = doc.child("graphml");
  ASSERT_TRUE(root);
  std::map<std::string, std::string> key_types;
  for (pugi::xml_node key : root.children("key")) {
    ASSERT_TRUE(key.attribute("attr.type")) << key.attribute("id").value();
    key_types[key.attribute("id").value()] = key.attribute("attr.type").value();
  }
  pugi::xml_node graph = root.child("graph");
  EXPECT_STREQ(graph.attribute("edgedefault").value(), "directed");
  std::set<std::string> nodes;
  for (pugi::xml_node n : graph.children("node")) nodes.insert(n.attribute("id").value());
  EXPECT_GE(nodes.size(), min_nodes);
  size_t edges = 0;
  for (pugi::xml_node e : graph.children("edge")) {
    ++edges;
    EXPECT_TRUE(nodes.count(e.attribute("source").value())) << e.attribute("source").value();
    EXPECT_TRUE(nodes.count(e.attribute("target").value())) << e.attribute("target").value();
  }
  EXPECT_GT(edges, 0u);
  for (pugi::xpath_node d : doc.select_nodes("//data")) {
    std::string key = d.node().attribute("key").value();
    ASSERT_TRUE(key_types.count(key)) << "undeclared key " << key;
    EXPECT_TRUE(ParsesAs(key_types[key], d.node().text().get()))
        << key << "=" << d.node().text().get();
  }
}

void ValidateGexf(const std::string& text, size_t min_nodes) {
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_string(text.c_str());
  ASSERT_TRUE(parsed) << parsed.description();
  pugi::xml_node root = doc.child("gexf");
  ASSERT_TRUE(root);
  EXPECT_STREQ(root.attribute("version").value(), "1.3");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://gexf.net/1.3");
  pugi::xml_node graph = root.child("graph");
  std::map<std::string, std::map<std::string, std::string>> types;  // class -> id -> type
  for (pugi::xml_node attrs : graph.children("attributes")) {
    for (pugi::xml_node a : attrs.children("attribute")) {
      types[attrs.attribute("class").value()][a.attribute("id").value()] =
          a.attribute("type").value();
    }
  }
  std::set<std::string> nodes;
  for (pugi::xml_node n : graph.child("nodes").children("node")) {
    nodes.insert(n.attribute("id").value());
    EXPECT_TRUE(n.attribute("label"));
    for (pugi::xml_node v : n.child("attvalues").children("attvalue")) {
      std::string id = v.attribute("for").value();
      ASSERT_TRUE(types["node"].count(id)) << id;
      EXPECT_TRUE(ParsesAs(types["node"][id], v.attribute("value").value()));
    }
  }
  EXPECT_GE(nodes.size(), min_nodes);
  size_t edges = 0;
  for (pugi::xml_node e : graph.child("edges").children("edge")) {
    ++edges;
    EXPECT_TRUE(nodes.count(e.attribute("source").value()));
    EXPECT_TRUE(nodes.count(e.attribute("target").value()));
    for (pugi::xml_node v : e.child("attvalues").children("attvalue")) {
      std::string id = v.attribute("for").value();
      ASSERT_TRUE(types["edge"].count(id)) << id;
      EXPECT_TRUE(ParsesAs(types["edge"][id], v.attribute("value").value()));
    }
  }
  EXPECT_GT(edges, 0u);
}

void ValidateCytoscape(const std::string& text, size_t min_nodes) {
  nlohmann::json j = nlohmann::json::parse(text);
  std::set<std::string> nodes;
  for (const auto& n : j["elements"]["nodes"]) {
    ASSERT_TRUE(n["data"]["id"].is_string());
    nodes.insert(n["data"]["id"]);
  }
  EXPECT_GE(nodes.size(), min_nodes);
  ASSERT_FALSE(j["elements"]["edges"].empty());
  std::set<std::string> edge_ids;
  for (const auto& e : j["elements"]["edges"]) {
    EXPECT_TRUE(nodes.count(e["data"]["source"]));
    EXPECT_TRUE(nodes.count(e["data"]["target"]));
    EXPECT_TRUE(edge_ids.insert(e["data"]["id"]).second);
    EXPECT_TRUE(e["data"]["label"].is_string());
  }
}

void ValidateDot(const std::string& text, size_t min_nodes) {
  EXPECT_EQ(text.rfind("digraph dossier {", 0), 0u);
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
  std::set<std::string> nodes;
  std::istringstream lines(text);
  std::string line;
  size_t edges = 0;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string a, arrow, b;
    words >> a >> arrow;
    if (arrow == "->") {
      words >> b;
      ++edges;
      EXPECT_TRUE(nodes.count(a)) << line;
      EXPECT_TRUE(nodes.count(b)) << line;
    } else if (!a.empty() && std::isdigit(static_cast<unsigned char>(a[0]))) {
      nodes.insert(a);
    }
  }
  EXPECT_GE(nodes.size(), min_nodes);
  EXPECT_GT(edges, 0u);
  // Balanced quotes on every line (escaping is right).
  std::istringstream again(text);
  while (std::getline(again, line)) {
    size_t quotes = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\')
        ++i;
      else if (line[i] == '"')
        ++quotes;
    }
    EXPECT_EQ(quotes % 2, 0u) << line;
  }
}

void Validate(const std::string& format, const std::string& text, size_t min_nodes) {
  if (format == "graphml") ValidateGraphMl(text, min_nodes);
  if (format == "gexf") ValidateGexf(text, min_nodes);
  if (format == "cytoscape") ValidateCytoscape(text, min_nodes);
  if (format == "dot") ValidateDot(text, min_nodes);
  if (format == "json") {
    nlohmann::json j = nlohmann::json::parse(text);
    EXPECT_GE(j["nodes"].size(), min_nodes);
  }
}

TEST_F(CliExportTest, SubgraphFormatsAreValid) {
  for (const char* format : {"json", "graphml", "gexf", "cytoscape", "dot"}) {
    SCOPED_TRACE(format);
    CommandResult r = Query({"subgraph", "Koshe Party", "--depth", "2", "--format", format});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    Validate(format, r.out, 5);
  }
}

TEST_F(CliExportTest, OfflineExportFormatsAreValid) {
  // Last test of the suite: stops the server to export the database offline.
  ASSERT_EQ(server_->Stop(), 0);
  for (const char* format : {"json", "graphml", "gexf", "cytoscape", "dot"}) {
    SCOPED_TRACE(format);
    std::string out = dir_->Sub(std::string("export.") + format);
    CommandResult r =
        RunDossier({"export", "--db", dir_->Sub("db"), "--format", format, "-o", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    Validate(format, text.str(), 13 + 30);
  }
  CommandResult bad = RunDossier({"export", "--db", dir_->Sub("db"), "--format", "svg"});
  EXPECT_NE(bad.exit_code, 0);
}

}  // namespace
}  // namespace dossier::testing
