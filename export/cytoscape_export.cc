#include "export/cytoscape_export.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "export/json_export.h"

namespace dossier::exporter {

using nlohmann::json;

absl::Status ExportCytoscape(const GraphSource& source, std::ostream& out) {
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  out << "{\"elements\":{\"nodes\":[";
  bool first = true;
  absl::Status s = source.ForEachNode([&](const graph::Node& n) {
    json data = {{"id", std::to_string(n.id)},
                 {"label", n.name.empty() ? n.key : n.name},
                 {"type", n.type},
                 {"key", n.key},
                 {"aliases", n.aliases},
                 {"properties", PropertiesToJson(n.properties)}};
    out << (first ? "\n" : ",\n") << dump({{"group", "nodes"}, {"data", std::move(data)}});
    first = false;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "\n],\"edges\":[";
  first = true;
  s = source.ForEachEdge([&](const graph::Edge& e) {
    json edge = EdgeToJson(e);
    json data = {{"id", absl::StrCat("e", e.src, "-", e.type, "-", e.dst)},
                 {"source", std::to_string(e.src)},
                 {"target", std::to_string(e.dst)},
                 {"label", e.type},
                 {"type", e.type},
                 {"properties", std::move(edge["properties"])},
                 {"evidence", std::move(edge["evidence"])}};
    out << (first ? "\n" : ",\n") << dump({{"group", "edges"}, {"data", std::move(data)}});
    first = false;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "\n]}}\n";
  out.flush();
  if (!out) return absl::DataLossError("writing the Cytoscape.js export failed");
  return absl::OkStatus();
}

}  // namespace dossier::exporter
