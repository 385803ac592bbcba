// The `dossier` command line: one subcommand per task.
#ifndef DOSSIER_CLI_DOSSIER_MAIN_H_
#define DOSSIER_CLI_DOSSIER_MAIN_H_

namespace dossier::cli {

// Parses `argv`, runs the subcommand it names and returns the process's exit code. Lives in the
// cli library, with the other files that include CLI11, so that CLI11 compiles once.
int RunDossier(int argc, char** argv);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_DOSSIER_MAIN_H_
