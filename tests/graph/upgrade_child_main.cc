// Opens the database named on the command line for writing, upgrading an older on-disk format
// in the smallest batches (one document's entries each), and closes it: the process that
// FormatUpgradeKillTest kills part way.
#include <cstdio>

#include "graph/graph.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DATABASE\n", argv[0]);
    return 2;
  }
  auto graph = dossier::graph::Graph::Open(
      {.path = argv[1], .create_if_missing = false, .upgrade_batch_bytes = 1});
  if (!graph.ok()) {
    std::fprintf(stderr, "%s\n", graph.status().ToString().c_str());
    return 1;
  }
  const absl::Status closed = (*graph)->Close();
  if (!closed.ok()) {
    std::fprintf(stderr, "%s\n", closed.ToString().c_str());
    return 1;
  }
  return 0;
}
