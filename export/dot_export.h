// Graphviz DOT: a digraph whose nodes are labelled by name (ids as node
// names) and whose edges are labelled by type. Node shapes follow the type
// so that people, organisations and letters are told apart at a glance.
#ifndef DOSSIER_EXPORT_DOT_EXPORT_H_
#define DOSSIER_EXPORT_DOT_EXPORT_H_

#include <ostream>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "export/graph_source.h"

namespace dossier::exporter {

absl::Status ExportDot(const GraphSource& source, std::ostream& out);
// A double-quoted DOT ID with \" and \\ escaped and newlines as \n.
std::string DotQuote(std::string_view text);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_DOT_EXPORT_H_
