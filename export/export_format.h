// The export formats by name, for `dossier export --format` and
// `dossier query subgraph --format`.
#ifndef DOSSIER_EXPORT_EXPORT_FORMAT_H_
#define DOSSIER_EXPORT_EXPORT_FORMAT_H_

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "export/graph_source.h"

namespace dossier::exporter {

enum class ExportFormat { kJson, kGraphMl, kGexf, kCytoscape, kDot };

// "json", "graphml", "gexf", "cytoscape", "dot".
const std::vector<std::string>& ExportFormatNames();
absl::StatusOr<ExportFormat> ParseExportFormat(std::string_view name);

// The format of the graph store issue's JSON export, from any source.
absl::Status ExportJsonFrom(const GraphSource& source, std::ostream& out);
absl::Status ExportGraph(ExportFormat format, const GraphSource& source, std::ostream& out);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_EXPORT_FORMAT_H_
