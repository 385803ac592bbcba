// `dossier`: one binary, one subcommand per task.
#include "cli/dossier_main.h"

int main(int argc, char** argv) { return dossier::cli::RunDossier(argc, argv); }
