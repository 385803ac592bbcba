#include "loader/graph_file_loader.h"

#include <filesystem>
#include <fstream>
#include <limits>
#include <string_view>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "graph/absl_compat.h"
#include "graph/status_macros.h"
#include "graph/utf8.h"
#include "loader/csv_reader.h"
#include "nlohmann/json.hpp"

namespace dossier::loader {
namespace {

using graph::Properties;

// One row, normalised from either format.
struct Row {
  std::string_view a, b, c;  // id,type,name or src,dst,type
  Properties properties;
};

// Streams the rows of one file; `fn` returns the row's status.
class RowSource {
 public:
  virtual ~RowSource() = default;
  // False at the end. Malformed rows come back as a non-OK `row_status`.
  virtual absl::StatusOr<bool> Next(Row* row, absl::Status* row_status) = 0;
  virtual int64_t line() const = 0;
};

class CsvRowSource : public RowSource {
 public:
  static absl::StatusOr<std::unique_ptr<CsvRowSource>> Open(
      const std::string& path, const std::vector<std::string>& columns) {
    DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<csv::CsvReader> reader, csv::CsvReader::Open(path));
    std::vector<std::string_view> header;
    DOSSIER_ASSIGN_OR_RETURN(bool has_header, reader->Next(&header));
    if (!has_header)
      return absl::InvalidArgumentError(absl::StrCat(path, ": empty file, expected a header"));
    auto source = std::unique_ptr<CsvRowSource>(new CsvRowSource());
    source->path_ = path;
    source->reader_ = std::move(reader);
    source->width_ = header.size();
    for (const std::string& column : columns) {
      auto it = std::find(header.begin(), header.end(), column);
      if (it == header.end()) {
        return absl::InvalidArgumentError(absl::StrCat(path, ":1: header lacks the column '",
                                                       column, "' (needs ", columns[0], ",",
                                                       columns[1], ",", columns[2], ")"));
      }
      source->positions_.push_back(static_cast<size_t>(it - header.begin()));
    }
    for (size_t i = 0; i < header.size(); ++i) {
      if (std::find(source->positions_.begin(), source->positions_.end(), i) ==
          source->positions_.end()) {
        source->extra_.emplace_back(i, std::string(header[i]));
      }
    }
    return source;
  }

  absl::StatusOr<bool> Next(Row* row, absl::Status* row_status) override {
    DOSSIER_ASSIGN_OR_RETURN(bool more, reader_->Next(&fields_));
    if (!more) return false;
    *row_status = absl::OkStatus();
    if (fields_.size() != width_) {
      *row_status = absl::InvalidArgumentError(
          absl::StrCat("expected ", width_, " fields, found ", fields_.size()));
      return true;
    }
    row->a = fields_[positions_[0]];
    row->b = fields_[positions_[1]];
    row->c = fields_[positions_[2]];
    row->properties.clear();
    for (const auto& [index, name] : extra_) {
      if (!fields_[index].empty()) row->properties[name] = std::string(fields_[index]);
    }
    return true;
  }

  int64_t line() const override { return reader_->line(); }

 private:
  CsvRowSource() = default;
  std::string path_;
  std::unique_ptr<csv::CsvReader> reader_;
  size_t width_ = 0;
  std::vector<size_t> positions_;
  std::vector<std::pair<size_t, std::string>> extra_;
  std::vector<std::string_view> fields_;
};

absl::StatusOr<graph::PropertyValue> JsonToProperty(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>();
  // nlohmann keeps integers above INT64_MAX unsigned; get<int64_t>() would wrap them.
  if (v.is_number_unsigned() &&
      v.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    return absl::InvalidArgumentError(
        absl::StrCat("integer ", v.dump(), " is beyond the 64-bit signed range"));
  }
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number()) return v.get<double>();
  if (v.is_array()) {
    graph::StringList list;
    for (const auto& item : v) {
      if (!item.is_string())
        return absl::InvalidArgumentError("a list property may hold only strings");
      list.push_back(item.get<std::string>());
    }
    return list;
  }
  return absl::InvalidArgumentError(
      "a property must be a string, number, boolean or list of strings");
}

class JsonLinesRowSource : public RowSource {
 public:
  JsonLinesRowSource(std::ifstream in, std::vector<std::string> fields)
      : in_(std::move(in)), fields_(std::move(fields)) {}

  absl::StatusOr<bool> Next(Row* row, absl::Status* row_status) override {
    while (std::getline(in_, text_)) {
      ++line_;
      if (text_.find_first_not_of(" \t\r") == std::string::npos) continue;
      *row_status = Parse(row);
      return true;
    }
    if (in_.bad()) return absl::DataLossError("read error");
    return false;
  }

  int64_t line() const override { return line_; }

 private:
  absl::Status Parse(Row* row) {
    size_t bad = 0;
    if (!IsValidUtf8(text_, &bad)) {
      return absl::InvalidArgumentError(absl::StrCat("invalid UTF-8 at column ", bad + 1));
    }
    object_ = nlohmann::json::parse(text_, nullptr, /*allow_exceptions=*/false);
    if (object_.is_discarded() || !object_.is_object()) {
      return absl::InvalidArgumentError("not a JSON object");
    }
    std::string_view* targets[3] = {&row->a, &row->b, &row->c};
    for (size_t i = 0; i < 3; ++i) {
      auto it = object_.find(fields_[i]);
      if (it == object_.end() || !(it->is_string() || it->is_number_integer())) {
        return absl::InvalidArgumentError(
            absl::StrCat("field '", fields_[i], "' is missing or not a string"));
      }
      if (it->is_number_integer()) *it = it->dump();  // Ids may be written as numbers.
      *targets[i] = it->get_ref<const std::string&>();
    }
    row->properties.clear();
    if (auto props = object_.find("properties"); props != object_.end()) {
      if (!props->is_object()) return absl::InvalidArgumentError("'properties' is not an object");
      for (const auto& [name, value] : props->items()) {
        absl::StatusOr<graph::PropertyValue> converted = JsonToProperty(value);
        if (!converted.ok()) {
          return absl::InvalidArgumentError(
              absl::StrCat("property '", name, "': ", converted.status().message()));
        }
        row->properties[name] = std::move(*converted);
      }
    }
    return absl::OkStatus();
  }

  std::ifstream in_;
  std::vector<std::string> fields_;
  std::string text_;
  nlohmann::json object_;
  int64_t line_ = 0;
};

absl::StatusOr<std::unique_ptr<RowSource>> OpenRows(const std::string& path,
                                                    const std::vector<std::string>& columns) {
  if (absl::EndsWith(path, ".jsonl") || absl::EndsWith(path, ".ndjson")) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return absl::NotFoundError(absl::StrCat("cannot open ", path));
    return std::unique_ptr<RowSource>(new JsonLinesRowSource(std::move(in), columns));
  }
  if (!absl::EndsWith(path, ".csv")) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": unknown format; use .csv or .jsonl"));
  }
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<CsvRowSource> csv, CsvRowSource::Open(path, columns));
  return std::unique_ptr<RowSource>(std::move(csv));
}

// Feeds one file's rows to `add`; a failing row aborts or is counted.
absl::Status FeedFile(const std::string& path, const std::vector<std::string>& columns,
                      const LoadRequest& request, const graph::BulkLoader& loader,
                      LoadReport* report, uint64_t* rows,
                      const std::function<absl::Status(const Row&)>& add) {
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<RowSource> source, OpenRows(path, columns));
  Row row;
  while (true) {
    absl::Status row_status;
    absl::StatusOr<bool> more = source->Next(&row, &row_status);
    if (!more.ok()) {
      // Already "file:line: ..." from the CSV reader; JSON Lines adds its own.
      if (absl::StartsWith(more.status().message(), path)) return more.status();
      return absl::Status(more.status().code(),
                          absl::StrCat(path, ":", source->line(), ": ", more.status().message()));
    }
    if (!*more) return absl::OkStatus();
    ++*rows;
    if (row_status.ok()) row_status = add(row);
    if (row_status.ok()) continue;
    std::string located = absl::StrCat(path, ":", source->line(), ": ", row_status.message());
    // An error that stops the load (its memory budget) is not a bad row.
    if (!request.skip_bad || loader.stopped()) return absl::Status(row_status.code(), located);
    ++report->skipped_by_reason[absl::StatusCodeToString(row_status.code())];
    if (report->first_skipped.size() < 20) report->first_skipped.push_back(std::move(located));
  }
}

}  // namespace

absl::StatusOr<LoadReport> LoadGraphFiles(graph::Graph* graph, const LoadRequest& request) {
  if (request.nodes_path.empty() && request.edges_path.empty()) {
    return absl::InvalidArgumentError("nothing to load: give --nodes and/or --edges");
  }
  graph::BulkLoadOptions options;
  options.memory_budget_bytes = request.memory_budget_bytes;
  options.progress = request.progress;
  if (!request.edges_path.empty()) {
    // No row is shorter than "1,2,T\n".
    std::error_code ec;
    const uintmax_t bytes = std::filesystem::file_size(request.edges_path, ec);
    if (!ec) options.expected_edges = bytes / 6;
  }
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<graph::BulkLoader> loader,
                           graph::BulkLoader::Begin(graph, options));
  LoadReport report;
  if (!request.nodes_path.empty()) {
    DOSSIER_RETURN_IF_ERROR(FeedFile(
        request.nodes_path, {"id", "type", "name"}, request, *loader, &report, &report.node_rows,
        [&](const Row& r) { return loader->AddNode(r.a, r.b, r.c, r.properties); }));
  }
  if (!request.edges_path.empty()) {
    DOSSIER_RETURN_IF_ERROR(FeedFile(
        request.edges_path, {"src", "dst", "type"}, request, *loader, &report, &report.edge_rows,
        [&](const Row& r) { return loader->AddEdge(r.a, r.b, r.c, r.properties); }));
  }
  DOSSIER_ASSIGN_OR_RETURN(report.stats, loader->Commit());
  return report;
}

}  // namespace dossier::loader
