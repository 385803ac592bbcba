// Offline commands over a database directory: stats, check, export, load.
#ifndef DOSSIER_CLI_GRAPH_COMMANDS_H_
#define DOSSIER_CLI_GRAPH_COMMANDS_H_

#include "CLI/CLI.hpp"

namespace dossier::cli {

// Each Add* registers a subcommand whose callback stores its exit code.
void AddStatsCommand(CLI::App& app, int* exit_code);
void AddCheckCommand(CLI::App& app, int* exit_code);
void AddExportCommand(CLI::App& app, int* exit_code);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_GRAPH_COMMANDS_H_
