// Shared plumbing of the `dossier` subcommands: opening the database the way
// each command needs, and reporting errors in one style.
#ifndef DOSSIER_CLI_CLI_COMMON_H_
#define DOSSIER_CLI_CLI_COMMON_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/graph.h"

namespace dossier::cli {

struct DatabaseFlags {
  std::string db = "./data";
  bool read_only = false;  // Open as a secondary instance: works while a server holds the lock.
  bool sync = false;
};

// Writers open the primary; readers may ask for a read-only secondary.
absl::StatusOr<std::unique_ptr<graph::Graph>> OpenDatabase(const DatabaseFlags& flags,
                                                           bool for_writing);

// Prints "dossier <command>: <message>" to stderr and returns the exit code.
int ReportError(const std::string& command, const absl::Status& status);

// Tells the user (on stderr, as `who`) that opening the database at `path` upgraded its on-disk
// format from `from_format`; nothing when that is 0 (no upgrade).
void ReportUpgrade(std::string_view who, const std::string& path, int from_format);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_CLI_COMMON_H_
