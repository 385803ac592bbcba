// Writes one letter's extraction into the graph as one atomic transaction:
// the Letter node (with its full text), persons, organisations and sources
// resolved against what is stored, every relation as an edge with its
// evidence, and every mention. Re-importing the same bytes changes nothing;
// importing a changed version of a file replaces what the old version stated
// and keeps what other letters stated.
#ifndef DOSSIER_IMPORTER_GRAPH_WRITER_H_
#define DOSSIER_IMPORTER_GRAPH_WRITER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/graph.h"
#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/letter_parser.h"

namespace dossier::importer {

struct ImportOptions {
  ExtractOptions extract;
  // Extract only; the graph is not touched.
  bool dry_run = false;
  // Tests only: fail the write after this many graph operations (0: never),
  // to prove that a failed letter leaves nothing behind.
  uint64_t fail_after_operations_for_testing = 0;
};

struct ImportResult {
  std::string file_name;
  graph::NodeId letter = graph::kNoNode;
  std::string sha256;
  bool unchanged = false;                   // These exact bytes were already imported.
  graph::NodeId replaced = graph::kNoNode;  // The previous version of the same file, removed.
  uint64_t persons = 0, organisations = 0, sources = 0, relations = 0;
  uint64_t nodes_added = 0, nodes_merged = 0;
  uint64_t edges_added = 0, edges_merged = 0;
  uint64_t evidence_added = 0;
  uint64_t mentions_added = 0;
  std::vector<std::string> warnings;
  LetterExtraction extraction;  // Kept for --dry-run and --json output.
};

class LetterImporter {
 public:
  // `graph` may be null for dry runs. Both must outlive the importer.
  LetterImporter(graph::Graph* graph, const Gazetteer* gazetteer, ImportOptions options = {});

  // `file_name` is the letter's identity across versions: the file path as
  // given (the CLI passes it absolute), or the name a client sends.
  absl::StatusOr<ImportResult> Import(std::string_view bytes, std::string_view file_name);

  // Import in two steps, so that letters can be extracted on several threads while their
  // writes stay in input order (the first spelling of a name met becomes the node's name, so
  // write order is part of the result). Extract touches no graph and may run concurrently;
  // Write takes the result of Extract on the same bytes and file name.
  absl::StatusOr<ImportResult> Extract(std::string_view bytes, std::string_view file_name) const;
  absl::Status Write(std::string_view bytes, std::string_view file_name,
                     ImportResult* result) const;
  // Write's work inside a transaction the caller owns and commits, so that many letters can be
  // committed as one batch. The letter's writes apply wholly or (on error) not at all; the
  // transaction stays usable either way.
  absl::Status WriteInto(graph::WriteTransaction* txn, std::string_view bytes,
                         std::string_view file_name, ImportResult* result) const;

 private:
  graph::Graph* graph_;
  const Gazetteer* gazetteer_;
  ImportOptions options_;
};

// The external id a Letter node carries for the file it came from.
std::string LetterFileExternalId(std::string_view file_name);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_GRAPH_WRITER_H_
