// GraphML (yEd, Gephi, NetworkX, igraph): typed <key> declarations for the
// node fields and every property, then the directed graph. Node ids are
// "n<id>"; edges carry their type and evidence count.
#ifndef DOSSIER_EXPORT_GRAPHML_EXPORT_H_
#define DOSSIER_EXPORT_GRAPHML_EXPORT_H_

#include <ostream>

#include "absl/status/status.h"
#include "export/graph_source.h"

namespace dossier::exporter {

absl::Status ExportGraphMl(const GraphSource& source, std::ostream& out);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_GRAPHML_EXPORT_H_
