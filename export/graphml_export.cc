#include "export/graphml_export.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "export/property_schema.h"

namespace dossier::exporter {
namespace {

// Key ids per property name: "<prefix>p<i>" so that any property name works.
std::map<std::string, std::string> DeclareKeys(std::ostream& out, const char* domain,
                                               const char* prefix, const PropertySchema& schema) {
  std::map<std::string, std::string> ids;
  int i = 0;
  for (const auto& [name, type] : schema.attributes()) {
    std::string id = absl::StrCat(prefix, "p", i++);
    out << "  <key id=\"" << id << "\" for=\"" << domain << "\" attr.name=\"" << XmlEscape(name)
        << "\" attr.type=\"" << AttrTypeName(type) << "\"/>\n";
    ids.emplace(name, std::move(id));
  }
  return ids;
}

void Data(std::ostream& out, const std::string& key, std::string_view value) {
  out << "      <data key=\"" << key << "\">" << XmlEscape(value) << "</data>\n";
}

}  // namespace

absl::Status ExportGraphMl(const GraphSource& source, std::ostream& out) {
  PropertySchema node_schema;
  PropertySchema edge_schema;
  absl::Status s = CollectSchemas(source, &node_schema, &edge_schema);
  if (!s.ok()) return s;

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"key\" for=\"node\" attr.name=\"key\" attr.type=\"string\"/>\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
         "  <key id=\"external_id\" for=\"node\" attr.name=\"external_id\" attr.type=\"string\"/>\n"
         "  <key id=\"edge_type\" for=\"edge\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"evidence_count\" for=\"edge\" attr.name=\"evidence_count\" "
         "attr.type=\"int\"/>\n";
  std::map<std::string, std::string> node_keys = DeclareKeys(out, "node", "n", node_schema);
  std::map<std::string, std::string> edge_keys = DeclareKeys(out, "edge", "e", edge_schema);
  out << "  <graph id=\"dossier\" edgedefault=\"directed\">\n";
  s = source.ForEachNode([&](const graph::Node& n) {
    out << "    <node id=\"n" << n.id << "\">\n";
    Data(out, "type", n.type);
    Data(out, "key", n.key);
    Data(out, "label", n.name);
    if (!n.aliases.empty()) Data(out, "aliases", absl::StrJoin(n.aliases, "|"));
    if (!n.external_id.empty()) Data(out, "external_id", n.external_id);
    for (const auto& [name, value] : n.properties)
      Data(out, node_keys.at(name), PropertyText(value));
    out << "    </node>\n";
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  uint64_t edge_number = 0;
  s = source.ForEachEdge([&](const graph::Edge& e) {
    out << "    <edge id=\"e" << edge_number++ << "\" source=\"n" << e.src << "\" target=\"n"
        << e.dst << "\">\n";
    Data(out, "edge_type", e.type);
    Data(out, "evidence_count", absl::StrCat(e.evidence.size()));
    for (const auto& [name, value] : e.properties)
      Data(out, edge_keys.at(name), PropertyText(value));
    out << "    </edge>\n";
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "  </graph>\n</graphml>\n";
  out.flush();
  if (!out) return absl::DataLossError("writing the GraphML export failed");
  return absl::OkStatus();
}

}  // namespace dossier::exporter
