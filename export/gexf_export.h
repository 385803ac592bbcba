// GEXF 1.3 for Gephi: typed node and edge attribute declarations, nodes
// labelled by name, directed edges whose `kind` is the edge type (so that
// Gephi keeps parallel edges of different types apart).
#ifndef DOSSIER_EXPORT_GEXF_EXPORT_H_
#define DOSSIER_EXPORT_GEXF_EXPORT_H_

#include <ostream>

#include "absl/status/status.h"
#include "export/graph_source.h"

namespace dossier::exporter {

absl::Status ExportGexf(const GraphSource& source, std::ostream& out);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_GEXF_EXPORT_H_
