// `dossier load`: bulk-load node and edge files (CSV or JSON Lines).
#ifndef DOSSIER_CLI_LOAD_COMMAND_H_
#define DOSSIER_CLI_LOAD_COMMAND_H_

#include "CLI/CLI.hpp"

namespace dossier::cli {

void AddLoadCommand(CLI::App& app, int* exit_code);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_LOAD_COMMAND_H_
