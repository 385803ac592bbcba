// The whole graph as one JSON document (`dossier export --format json`):
//   {"nodes":[{"id","type","key","name","aliases","properties"}...],
//    "edges":[{"source","target","type","properties","evidence":[...]}...]}
// Ids are decimal strings. Written as a stream: memory stays flat however
// large the graph.
#ifndef DOSSIER_EXPORT_JSON_EXPORT_H_
#define DOSSIER_EXPORT_JSON_EXPORT_H_

#include <ostream>

#include "absl/status/status.h"
#include "graph/read_view.h"
#include "graph/types.h"
#include "nlohmann/json.hpp"

namespace dossier::exporter {

nlohmann::json PropertyValueToJson(const graph::PropertyValue& value);
nlohmann::json PropertiesToJson(const graph::Properties& properties);
nlohmann::json NodeToJson(const graph::Node& node);
nlohmann::json EdgeToJson(const graph::Edge& edge);

absl::Status ExportJson(const graph::ReadView& view, std::ostream& out);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_JSON_EXPORT_H_
