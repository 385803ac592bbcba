// `dossier import`: letters (files, directories, or - for stdin) into the graph.
#ifndef DOSSIER_CLI_IMPORT_COMMAND_H_
#define DOSSIER_CLI_IMPORT_COMMAND_H_

#include "CLI/CLI.hpp"

namespace dossier::cli {

void AddImportCommand(CLI::App& app, int* exit_code);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_IMPORT_COMMAND_H_
