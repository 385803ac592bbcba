// `dossier load`'s files against the write path. A random graph (tests/testing/random_graph.h)
// is written as CSV by CsvWriter, its columns in a shuffled order and its properties as text
// columns, or as JSON Lines with typed properties and integer-looking ids sometimes as JSON
// numbers; LoadGraphFiles reads it into one database, the same graph goes through
// WriteTransaction into another, and every read must agree by external id.
#include <algorithm>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "loader/csv_writer.h"
#include "loader/graph_file_loader.h"
#include "nlohmann/json.hpp"
#include "tests/testing/random_graph.h"
#include "tests/testing/temp_dir.h"

namespace dossier::loader {
namespace {

using graph::Properties;
using graph::PropertyValue;
using graph::StringList;
using graph::random_graphs::GenEdge;
using graph::random_graphs::GenGraph;
using graph::random_graphs::GenNode;
using graph::random_graphs::IdStyle;

// CSV has text only: every property as the text a CSV cell holds (lists have no such text and
// are left out), so that the write path is given what the file says.
GenGraph AsText(GenGraph g) {
  auto text = [](Properties* properties) {
    Properties out;
    for (const auto& [name, value] : *properties) {
      if (const auto* s = std::get_if<std::string>(&value)) out[name] = *s;
      if (const auto* i = std::get_if<int64_t>(&value)) out[name] = absl::StrCat(*i);
      if (const auto* d = std::get_if<double>(&value)) out[name] = absl::StrCat(*d);
      if (const auto* b = std::get_if<bool>(&value)) out[name] = std::string(*b ? "true" : "false");
    }
    *properties = std::move(out);
  };
  for (GenNode& n : g.nodes) text(&n.properties);
  for (GenEdge& e : g.edges) text(&e.properties);
  return g;
}

// Writes a CSV file whose columns are `required` and every property name, in an order of the
// seed's choosing.
template <typename Row>
void WriteCsv(const std::string& path, std::vector<std::string> required,
              const std::vector<Row>& rows,
              const std::function<std::vector<std::string>(const Row&)>& required_values,
              uint32_t seed) {
  std::set<std::string> property_names;
  for (const Row& row : rows) {
    for (const auto& [name, value] : row.properties) property_names.insert(name);
  }
  std::vector<std::string> columns = required;
  columns.insert(columns.end(), property_names.begin(), property_names.end());
  std::shuffle(columns.begin(), columns.end(), std::mt19937(seed));
  absl::StatusOr<std::unique_ptr<csv::CsvWriter>> writer = csv::CsvWriter::Open(path);
  ASSERT_TRUE(writer.ok()) << writer.status();
  for (const std::string& column : columns) (*writer)->Field(column);
  (*writer)->EndRecord();
  for (const Row& row : rows) {
    const std::vector<std::string> values = required_values(row);
    for (const std::string& column : columns) {
      auto at = std::find(required.begin(), required.end(), column);
      if (at != required.end()) {
        (*writer)->Field(values[at - required.begin()]);
      } else if (auto it = row.properties.find(column); it != row.properties.end()) {
        (*writer)->Field(std::get<std::string>(it->second));
      } else {
        (*writer)->Field("");  // No such property: an empty cell.
      }
    }
    (*writer)->EndRecord();
  }
  ASSERT_TRUE((*writer)->Close().ok());
}

nlohmann::json JsonValue(const PropertyValue& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* i = std::get_if<int64_t>(&value)) return *i;
  if (const auto* d = std::get_if<double>(&value)) return *d;
  if (const auto* b = std::get_if<bool>(&value)) return *b;
  if (const auto* l = std::get_if<StringList>(&value)) return *l;
  ADD_FAILURE() << "a property the generator does not make";
  return nullptr;
}

// An id such as "12" may be written as the number 12; "007" may not.
nlohmann::json JsonId(const std::string& id, std::mt19937* rng) {
  const bool canonical =
      !id.empty() && id.size() < 19 &&
      std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
      (id.size() == 1 || id[0] != '0');
  if (canonical && (*rng)() % 2 == 0) return std::stoll(id);
  return id;
}

template <typename Row>
void WriteJsonLines(const std::string& path, const std::vector<Row>& rows,
                    const std::function<nlohmann::json(const Row&)>& fields) {
  std::ofstream out(path, std::ios::binary);
  for (const Row& row : rows) {
    nlohmann::json line = fields(row);
    if (!row.properties.empty()) {
      nlohmann::json properties = nlohmann::json::object();
      for (const auto& [name, value] : row.properties) properties[name] = JsonValue(value);
      line["properties"] = std::move(properties);
    }
    out << line.dump() << "\n";
  }
}

struct Case {
  const char* name;
  IdStyle style;
  bool json_lines;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class FileLoadDifferentialTest : public ::testing::TestWithParam<Case> {
 protected:
  std::unique_ptr<graph::Graph> Open(const std::string& name) {
    auto g = graph::Graph::Open({.path = dir_.Sub(name)});
    EXPECT_TRUE(g.ok()) << g.status();
    return g.ok() ? std::move(*g) : nullptr;
  }
  testing::TempDir dir_;
};

TEST_P(FileLoadDifferentialTest, LoadedFilesReadAsTheWritePathWritesThem) {
  const Case& c = GetParam();
  const uint32_t seed = static_cast<uint32_t>(std::hash<std::string>{}(c.name));
  GenGraph g = graph::random_graphs::Generate(seed, c.style, 300, 1500);
  if (!c.json_lines) g = AsText(std::move(g));
  const std::string nodes = dir_.Sub(c.json_lines ? "nodes.jsonl" : "nodes.csv");
  const std::string edges = dir_.Sub(c.json_lines ? "edges.jsonl" : "edges.csv");
  if (c.json_lines) {
    std::mt19937 rng(seed);
    WriteJsonLines<GenNode>(nodes, g.nodes, [&](const GenNode& n) {
      return nlohmann::json{{"id", JsonId(n.id, &rng)}, {"type", n.type}, {"name", n.name}};
    });
    WriteJsonLines<GenEdge>(edges, g.edges, [&](const GenEdge& e) {
      return nlohmann::json{
          {"src", JsonId(e.src, &rng)}, {"dst", JsonId(e.dst, &rng)}, {"type", e.type}};
    });
  } else {
    ASSERT_NO_FATAL_FAILURE(WriteCsv<GenNode>(
        nodes, {"id", "type", "name"}, g.nodes,
        [](const GenNode& n) {
          return std::vector<std::string>{n.id, n.type, n.name};
        },
        seed));
    ASSERT_NO_FATAL_FAILURE(WriteCsv<GenEdge>(
        edges, {"src", "dst", "type"}, g.edges,
        [](const GenEdge& e) {
          return std::vector<std::string>{e.src, e.dst, e.type};
        },
        seed + 1));
  }
  std::unique_ptr<graph::Graph> loaded = Open("loaded");
  std::unique_ptr<graph::Graph> written = Open("written");
  ASSERT_TRUE(loaded && written);
  absl::StatusOr<LoadReport> report =
      LoadGraphFiles(loaded.get(), {.nodes_path = nodes, .edges_path = edges});
  ASSERT_TRUE(report.ok()) << report.status();
  EXPECT_EQ(report->node_rows, g.nodes.size());
  EXPECT_EQ(report->edge_rows, g.edges.size());
  ASSERT_NO_FATAL_FAILURE(graph::random_graphs::WriteThroughTransactions(written.get(), g));
  graph::random_graphs::ExpectSameReads(g, *loaded, *written);
}

INSTANTIATE_TEST_SUITE_P(Files, FileLoadDifferentialTest,
                         ::testing::Values(Case{"csv_contiguous", IdStyle::kContiguous, false},
                                           Case{"csv_strings", IdStyle::kStrings, false},
                                           Case{"csv_mixed", IdStyle::kMixed, false},
                                           Case{"jsonl_contiguous", IdStyle::kContiguous, true},
                                           Case{"jsonl_mixed", IdStyle::kMixed, true}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace dossier::loader
