#include "export/export_format.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "export/cytoscape_export.h"
#include "export/dot_export.h"
#include "export/gexf_export.h"
#include "export/graphml_export.h"
#include "export/json_export.h"

namespace dossier::exporter {

const std::vector<std::string>& ExportFormatNames() {
  static const auto* names =
      new std::vector<std::string>{"json", "graphml", "gexf", "cytoscape", "dot"};
  return *names;
}

absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "json") return ExportFormat::kJson;
  if (name == "graphml") return ExportFormat::kGraphMl;
  if (name == "gexf") return ExportFormat::kGexf;
  if (name == "cytoscape") return ExportFormat::kCytoscape;
  if (name == "dot") return ExportFormat::kDot;
  return absl::InvalidArgumentError(absl::StrCat("unknown export format \"", std::string(name),
                                                 "\" (", absl::StrJoin(ExportFormatNames(), ", "),
                                                 ")"));
}

absl::Status ExportJsonFrom(const GraphSource& source, std::ostream& out) {
  using nlohmann::json;
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  out << "{\"nodes\":[";
  bool first = true;
  absl::Status s = source.ForEachNode([&](const graph::Node& node) {
    out << (first ? "\n" : ",\n") << dump(NodeToJson(node));
    first = false;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "\n],\"edges\":[";
  first = true;
  s = source.ForEachEdge([&](const graph::Edge& edge) {
    out << (first ? "\n" : ",\n") << dump(EdgeToJson(edge));
    first = false;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "\n]}\n";
  out.flush();
  if (!out) return absl::DataLossError("writing the export failed");
  return absl::OkStatus();
}

absl::Status ExportGraph(ExportFormat format, const GraphSource& source, std::ostream& out) {
  switch (format) {
    case ExportFormat::kJson:
      return ExportJsonFrom(source, out);
    case ExportFormat::kGraphMl:
      return ExportGraphMl(source, out);
    case ExportFormat::kGexf:
      return ExportGexf(source, out);
    case ExportFormat::kCytoscape:
      return ExportCytoscape(source, out);
    case ExportFormat::kDot:
      return ExportDot(source, out);
  }
  return absl::InvalidArgumentError("unknown export format");
}

}  // namespace dossier::exporter
