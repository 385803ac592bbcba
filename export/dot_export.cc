#include "export/dot_export.h"

#include "absl/strings/str_cat.h"
#include "graph/types.h"

namespace dossier::exporter {
namespace {

const char* ShapeFor(const std::string& type) {
  if (type == graph::kPerson) return "ellipse";
  if (type == graph::kOrganisation) return "box";
  if (type == graph::kLetter) return "note";
  return "diamond";
}

}  // namespace

std::string DotQuote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
      out += c;
    }
  }
  out += '"';
  return out;
}

absl::Status ExportDot(const GraphSource& source, std::ostream& out) {
  out << "digraph dossier {\n  graph [overlap=false, splines=true];\n  node [fontsize=10];\n"
         "  edge [fontsize=8];\n";
  absl::Status s = source.ForEachNode([&](const graph::Node& n) {
    out << "  " << n.id << " [label=" << DotQuote(n.name.empty() ? n.key : n.name)
        << ", type=" << DotQuote(n.type) << ", shape=" << ShapeFor(n.type) << "];\n";
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  s = source.ForEachEdge([&](const graph::Edge& e) {
    out << "  " << e.src << " -> " << e.dst << " [label=" << DotQuote(e.type)
        << ", evidence_count=" << e.evidence.size() << "];\n";
    return static_cast<bool>(out);
  });
  if (!s.ok()) return s;
  out << "}\n";
  out.flush();
  if (!out) return absl::DataLossError("writing the DOT export failed");
  return absl::OkStatus();
}

}  // namespace dossier::exporter
