// `dossier query`: an analyst's client for a running `dossier serve`:
// node, neighbors, path, subgraph, find and stats, with readable tables by
// default and --json for scripts. Names or ids are accepted wherever a node
// is asked for; an ambiguous name lists its candidates.
#ifndef DOSSIER_CLI_QUERY_COMMAND_H_
#define DOSSIER_CLI_QUERY_COMMAND_H_

#include "CLI/CLI.hpp"
#include "cli/client_options.h"

namespace dossier::cli {

void AddQueryCommand(CLI::App& app, int* exit_code);

// `dossier stats --server`: the GetStats RPC printed like the offline
// command. Returns the exit code.
int PrintServerStats(const ClientFlags& flags, bool as_json);

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_QUERY_COMMAND_H_
