#include "export/json_export.h"

#include <string>

#include "absl/time/time.h"

namespace dossier::exporter {

using nlohmann::json;

json PropertyValueToJson(const graph::PropertyValue& value) {
  struct Visitor {
    json operator()(const std::string& v) const { return v; }
    json operator()(int64_t v) const { return v; }
    json operator()(double v) const { return v; }
    json operator()(bool v) const { return v; }
    json operator()(const graph::Timestamp& v) const {
      return absl::FormatTime(absl::RFC3339_full, absl::FromUnixMicros(v.micros),
                              absl::UTCTimeZone());
    }
    json operator()(const graph::StringList& v) const { return v; }
  };
  return std::visit(Visitor{}, value);
}

json PropertiesToJson(const graph::Properties& properties) {
  json out = json::object();
  for (const auto& [name, value] : properties) out[name] = PropertyValueToJson(value);
  return out;
}

json NodeToJson(const graph::Node& node) {
  json j = {{"id", std::to_string(node.id)},
            {"type", node.type},
            {"key", node.key},
            {"name", node.name},
            {"aliases", node.aliases},
            {"properties", PropertiesToJson(node.properties)}};
  if (!node.external_id.empty()) j["external_id"] = node.external_id;
  return j;
}

json EdgeToJson(const graph::Edge& edge) {
  json evidence = json::array();
  for (const graph::Evidence& e : edge.evidence) {
    evidence.push_back({{"document", std::to_string(e.document)},
                        {"start", e.start},
                        {"end", e.end},
                        {"text", e.text},
                        {"footnote", e.footnote},
                        {"rule", e.rule},
                        {"properties", PropertiesToJson(e.properties)}});
  }
  return {{"source", std::to_string(edge.src)},
          {"target", std::to_string(edge.dst)},
          {"type", edge.type},
          {"properties", PropertiesToJson(edge.properties)},
          {"evidence", std::move(evidence)}};
}

absl::Status ExportJson(const graph::ReadView& view, std::ostream& out) {
  out << "{\"nodes\":[";
  bool first = true;
  absl::Status s = view.ForEachNode([&](const graph::Node& node) {
    out << (first ? "\n" : ",\n")
        << NodeToJson(node).dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "\n],\"edges\":[";
  first = true;
  s = view.ForEachEdge(true, [&](const graph::Edge& edge) {
    out << (first ? "\n" : ",\n")
        << EdgeToJson(edge).dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "\n]}\n";
  out.flush();
  if (!out) return absl::DataLossError("writing the export failed");
  return absl::OkStatus();
}

}  // namespace dossier::exporter
