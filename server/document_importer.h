// The injection point through which ImportDocument reaches the importer.
//
// The server does not link the importer: `dossier serve` (cli/serve_command.cc)
// hands the service a DocumentImporter, which keeps the dependencies one-way
// (server -> importer -> graph) and lets tests inject a fake.
#ifndef DOSSIER_SERVER_DOCUMENT_IMPORTER_H_
#define DOSSIER_SERVER_DOCUMENT_IMPORTER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/graph.h"
#include "graph/types.h"

namespace dossier::server {

// What one imported document added to the graph.
struct ImportOutcome {
  graph::NodeId letter_id = graph::kNoNode;  // The document's Letter node.
  int64_t nodes_created = 0;
  int64_t nodes_matched = 0;  // Existing nodes the document also names.
  int64_t edges_created = 0;
  int64_t evidence_added = 0;
  int64_t mentions_added = 0;
  std::vector<std::string> warnings;  // What the importer could not use.
};

// Parses `bytes` (a letter; `file_name`'s extension picks the parser) and
// writes it to `graph` in its own write transaction(s). Called on the
// server's worker pool, possibly from several threads at once: the graph
// serialises the writes. Errors are returned as they should reach the
// client (INVALID_ARGUMENT for an unreadable document, ...).
using DocumentImporter = std::function<absl::StatusOr<ImportOutcome>(
    graph::Graph& graph, std::string_view bytes, std::string_view file_name)>;

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_DOCUMENT_IMPORTER_H_
