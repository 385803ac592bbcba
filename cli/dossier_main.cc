#include "cli/dossier_main.h"

#include "CLI/CLI.hpp"
#include "cli/graph_commands.h"
#include "cli/import_command.h"
#include "cli/load_command.h"
#include "cli/query_command.h"
#include "cli/serve_command.h"

namespace dossier::cli {

int RunDossier(int argc, char** argv) {
  CLI::App app{"Dossier: a knowledge graph of letters about human-rights cases"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "dossier 0.1.0");
  int exit_code = 0;
  AddStatsCommand(app, &exit_code);
  AddCheckCommand(app, &exit_code);
  AddExportCommand(app, &exit_code);
  AddImportCommand(app, &exit_code);
  AddLoadCommand(app, &exit_code);
  AddServeCommand(app, &exit_code);
  AddQueryCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return exit_code;
}

}  // namespace dossier::cli
