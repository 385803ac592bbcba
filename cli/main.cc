// `dossier`: one binary, one subcommand per task.
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/graph_commands.h"
#include "cli/import_command.h"
#include "cli/load_command.h"
#include "cli/query_command.h"
#include "cli/serve_command.h"

int main(int argc, char** argv) {
  CLI::App app{"Dossier: a knowledge graph of letters about human-rights cases"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dossier 0.1.0");
  int exit_code = 0;
  dossier::cli::AddStatsCommand(app, &exit_code);
  dossier::cli::AddCheckCommand(app, &exit_code);
  dossier::cli::AddExportCommand(app, &exit_code);
  dossier::cli::AddImportCommand(app, &exit_code);
  dossier::cli::AddLoadCommand(app, &exit_code);
  dossier::cli::AddServeCommand(app, &exit_code);
  dossier::cli::AddQueryCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}
