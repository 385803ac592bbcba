#include "cli/cli_common.h"

#include <filesystem>
#include <iostream>

#include "absl/strings/str_cat.h"

namespace dossier::cli {

absl::StatusOr<std::unique_ptr<graph::Graph>> OpenDatabase(const DatabaseFlags& flags,
                                                           bool for_writing) {
  graph::GraphOptions options;
  options.path = flags.db;
  options.sync_writes = flags.sync;
  if (!for_writing) {
    options.create_if_missing = false;
    if (!std::filesystem::exists(std::filesystem::path(flags.db) / "CURRENT")) {
      return absl::NotFoundError(absl::StrCat(
          "no database at ", flags.db, " (create one with `dossier import` or `dossier load`)"));
    }
  }
  options.read_only_secondary = flags.read_only && !for_writing;
  absl::StatusOr<std::unique_ptr<graph::Graph>> graph = graph::Graph::Open(options);
  if (graph.ok()) ReportUpgrade("dossier", (*graph)->path(), (*graph)->upgraded_from_format());
  return graph;
}

void ReportUpgrade(std::string_view who, const std::string& path, int from_format) {
  if (from_format == 0) return;
  std::cerr << who << ": upgraded the database at " << path << " from on-disk format "
            << from_format << " to " << graph::Graph::CurrentFormatVersion() << "\n";
}

int ReportError(const std::string& command, const absl::Status& status) {
  std::cerr << "dossier " << command << ": " << status.message() << "\n";
  switch (status.code()) {
    case absl::StatusCode::kInvalidArgument:
      return 2;
    case absl::StatusCode::kNotFound:
      return 3;
    case absl::StatusCode::kFailedPrecondition:
      return 4;
    default:
      return 1;
  }
}

}  // namespace dossier::cli
