// `dossier serve`: runs the gRPC server on a database until SIGTERM/SIGINT.
#ifndef DOSSIER_CLI_SERVE_COMMAND_H_
#define DOSSIER_CLI_SERVE_COMMAND_H_

#include "CLI/CLI.hpp"
#include "server/document_importer.h"

namespace dossier::cli {

void AddServeCommand(CLI::App& app, int* exit_code);

// The importer ImportDocument calls. The hook where the real importer is
// wired in; until then it answers UNIMPLEMENTED.
server::DocumentImporter MakeServerDocumentImporter();

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_SERVE_COMMAND_H_
