#include "export/gexf_export.h"

#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "export/property_schema.h"

namespace dossier::exporter {
namespace {

// Attribute ids: the fixed ones by name, properties as "p<i>".
std::map<std::string, std::string> DeclareAttributes(std::ostream& out, const char* klass,
                                                     const char* fixed,
                                                     const PropertySchema& schema) {
  out << "    <attributes class=\"" << klass << "\" mode=\"static\">\n" << fixed;
  std::map<std::string, std::string> ids;
  int i = 0;
  for (const auto& [name, type] : schema.attributes()) {
    std::string id = absl::StrCat("p", i++);
    out << "      <attribute id=\"" << id << "\" title=\"" << XmlEscape(name) << "\" type=\""
        << AttrTypeName(type) << "\"/>\n";
    ids.emplace(name, std::move(id));
  }
  out << "    </attributes>\n";
  return ids;
}

void AttValue(std::ostream& out, std::string_view id, std::string_view value) {
  out << "          <attvalue for=\"" << id << "\" value=\"" << XmlEscape(value) << "\"/>\n";
}

}  // namespace

absl::Status ExportGexf(const GraphSource& source, std::ostream& out) {
  PropertySchema node_schema;
  PropertySchema edge_schema;
  absl::Status s = CollectSchemas(source, &node_schema, &edge_schema);
  if (!s.ok()) return s;

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<gexf xmlns=\"http://gexf.net/1.3\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
         "version=\"1.3\">\n"
         "  <meta>\n    <creator>Dossier</creator>\n"
         "    <description>People, organisations and letters</description>\n  </meta>\n"
         "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";
  std::map<std::string, std::string> node_ids = DeclareAttributes(
      out, "node",
      "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
      "      <attribute id=\"key\" title=\"key\" type=\"string\"/>\n"
      "      <attribute id=\"aliases\" title=\"aliases\" type=\"string\"/>\n"
      "      <attribute id=\"external_id\" title=\"external_id\" type=\"string\"/>\n",
      node_schema);
  std::map<std::string, std::string> edge_ids = DeclareAttributes(
      out, "edge",
      "      <attribute id=\"type\" title=\"type\" type=\"string\"/>\n"
      "      <attribute id=\"evidence_count\" title=\"evidence_count\" type=\"integer\"/>\n",
      edge_schema);
  out << "    <nodes>\n";
  s = source.ForEachNode([&](const graph::Node& n) {
    out << "      <node id=\"" << n.id << "\" label=\""
        << XmlEscape(n.name.empty() ? n.key : n.name) << "\">\n        <attvalues>\n";
    AttValue(out, "type", n.type);
    AttValue(out, "key", n.key);
    if (!n.aliases.empty()) AttValue(out, "aliases", absl::StrJoin(n.aliases, "|"));
    if (!n.external_id.empty()) AttValue(out, "external_id", n.external_id);
    for (const auto& [name, value] : n.properties)
      AttValue(out, node_ids.at(name), PropertyText(value));
    out << "        </attvalues>\n      </node>\n";
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "    </nodes>\n    <edges>\n";
  uint64_t edge_number = 0;
  s = source.ForEachEdge([&](const graph::Edge& e) {
    out << "      <edge id=\"" << edge_number++ << "\" source=\"" << e.src << "\" target=\""
        << e.dst << "\" kind=\"" << XmlEscape(e.type) << "\" label=\"" << XmlEscape(e.type)
        << "\">\n        <attvalues>\n";
    AttValue(out, "type", e.type);
    AttValue(out, "evidence_count", absl::StrCat(e.evidence.size()));
    for (const auto& [name, value] : e.properties)
      AttValue(out, edge_ids.at(name), PropertyText(value));
    out << "        </attvalues>\n      </edge>\n";
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "    </edges>\n  </graph>\n</gexf>\n";
  out.flush();
  if (!out) return absl::DataLossError("writing the GEXF export failed");
  return absl::OkStatus();
}

}  // namespace dossier::exporter
