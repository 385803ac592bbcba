#include "bench/graph_generator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>

#include "bench/workload.h"
#include "bench/workload_sampler.h"
#include "gtest/gtest.h"
#include "loader/csv_reader.h"

namespace dossier::bench {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Generate(const GeneratorOptions& options, const std::string& name) {
  const std::string dir = ::testing::TempDir() + "/gen_" + name;
  std::filesystem::create_directories(dir);
  absl::StatusOr<GraphGenerator> g = GraphGenerator::Create(options);
  EXPECT_TRUE(g.ok()) << g.status();
  EXPECT_TRUE(g->WriteCsv(dir).ok());
  absl::StatusOr<WorkloadSample> w = SampleWorkload(*g, WorkloadSizes{}, options.seed);
  EXPECT_TRUE(w.ok());
  EXPECT_TRUE(WriteWorkloadFile(w->workload, dir + "/workload.json").ok());
  return dir;
}

TEST(GraphGeneratorTest, SameSeedSameBytesOtherSeedOtherBytes) {
  GeneratorOptions options{.nodes = 3000, .edges = 30000, .seed = 7};
  const std::string a = Generate(options, "a");
  const std::string b = Generate(options, "b");
  options.seed = 8;
  const std::string c = Generate(options, "c");
  for (const char* file : {"/nodes.csv", "/edges.csv", "/workload.json"}) {
    EXPECT_EQ(Slurp(a + file), Slurp(b + file)) << file;
    EXPECT_NE(Slurp(a + file), Slurp(c + file)) << file;
  }
}

TEST(GraphGeneratorTest, ShapeTypesAndEdges) {
  const std::string dir = Generate({.nodes = 20000, .edges = 200000, .seed = 3}, "shape");
  std::map<std::string, std::string> type_of;
  std::map<std::string, int> type_count;
  auto nodes = *csv::CsvReader::Open(dir + "/nodes.csv");
  std::vector<std::string_view> f;
  ASSERT_TRUE(*nodes->Next(&f));
  EXPECT_EQ(f, (std::vector<std::string_view>{"id", "type", "name"}));
  while (*nodes->Next(&f)) {
    ASSERT_EQ(f.size(), 3u);
    type_of[std::string(f[0])] = std::string(f[1]);
    ++type_count[std::string(f[1])];
  }
  EXPECT_EQ(type_of.size(), 20000u);
  EXPECT_EQ(type_count["Person"], 7000);
  EXPECT_EQ(type_count["Organisation"], 400);
  EXPECT_EQ(type_count["Letter"], 9600);
  EXPECT_EQ(type_count["Source"], 3000);

  const std::map<std::string, std::pair<std::string, std::string>> ends = {
      {"SIGNED", {"Person", "Letter"}},
      {"ADDRESSED_TO", {"Letter", "Person"}},
      {"CITED_IN", {"Source", "Letter"}},
      {"MEMBER_OF", {"Person", "Organisation"}},
      {"PERSECUTED_BY", {"Person", "Organisation"}}};
  std::set<std::tuple<std::string, std::string, std::string>> triples;
  std::map<std::string, int> degree;
  auto edges = *csv::CsvReader::Open(dir + "/edges.csv");
  ASSERT_TRUE(*edges->Next(&f));
  EXPECT_EQ(f, (std::vector<std::string_view>{"src", "dst", "type"}));
  int64_t count = 0;
  while (*edges->Next(&f)) {
    ASSERT_EQ(f.size(), 3u);
    auto it = ends.find(std::string(f[2]));
    ASSERT_NE(it, ends.end()) << f[2];
    EXPECT_EQ(type_of[std::string(f[0])], it->second.first) << f[2];
    EXPECT_EQ(type_of[std::string(f[1])], it->second.second) << f[2];
    EXPECT_TRUE(triples.emplace(f[0], f[2], f[1]).second) << "duplicate " << f[0] << " " << f[1];
    ++degree[std::string(f[0])];
    ++degree[std::string(f[1])];
    ++count;
  }
  // Duplicate rejection may drop a handful of the requested edges.
  EXPECT_GT(count, 199000);
  EXPECT_LE(count, 200000);
  // Power law: the busiest node has far more edges than the average (20).
  int max_degree = 0;
  for (const auto& [id, d] : degree) max_degree = std::max(max_degree, d);
  EXPECT_GT(max_degree, 1000);
}

TEST(GraphGeneratorTest, WorkloadCoversEveryQueryType) {
  const std::string dir = Generate({.nodes = 5000, .edges = 50000, .seed = 11}, "workload");
  absl::StatusOr<Workload> w = ReadWorkloadFile(dir + "/workload.json");
  ASSERT_TRUE(w.ok()) << w.status();
  WorkloadSizes sizes;
  EXPECT_EQ(w->q1.size(), static_cast<size_t>(sizes.q1));
  EXPECT_EQ(w->q6.size(), static_cast<size_t>(sizes.q6));
  EXPECT_EQ(w->q7.size(), 8u * sizes.q7_pages_per_supernode);
}

TEST(GraphGeneratorTest, RejectsTinySizes) {
  EXPECT_FALSE(GraphGenerator::Create({.nodes = 10, .edges = 10, .seed = 1}).ok());
}

}  // namespace
}  // namespace dossier::bench
