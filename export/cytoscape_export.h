// Cytoscape.js elements JSON: {"elements":{"nodes":[{"data":{...}}],
// "edges":[{"data":{...}}]}}, ready for cytoscape({elements: ...}). Node
// data: id (decimal string), label (name), type, key, aliases, properties;
// edge data: id, source, target, label and type (the edge type),
// properties, evidence. Streamed: memory stays flat.
#ifndef DOSSIER_EXPORT_CYTOSCAPE_EXPORT_H_
#define DOSSIER_EXPORT_CYTOSCAPE_EXPORT_H_

#include <ostream>

#include "absl/status/status.h"
#include "export/graph_source.h"

namespace dossier::exporter {

absl::Status ExportCytoscape(const GraphSource& source, std::ostream& out);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_CYTOSCAPE_EXPORT_H_
