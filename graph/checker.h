// Verifies every invariant of the on-disk graph: edge mirrors, endpoint
// existence and types, the type+key, external-id and name indexes, degree and
// type counters, evidence and mention indexes, id allocation. Used by
// `dossier check` and by tests after concurrent or failing workloads.
#ifndef DOSSIER_GRAPH_CHECKER_H_
#define DOSSIER_GRAPH_CHECKER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "graph/read_view.h"

namespace dossier::graph {

struct CheckViolation {
  std::string invariant;  // e.g. "edge-mirror", "degree-counter".
  std::string detail;
};

// The mirror and name bounds are held at once (the adjacency passes run beside the index passes):
// the check's sort buffers peak at about 24 bytes x mirror_sort_max_edges plus the name keys.
struct CheckOptions {
  size_t max_reported = 1000;  // Violations listed; all are counted.
  // Out-edges whose mirrors are checked by sorting them (24 bytes each) rather than by a lookup
  // each; the rest are looked up.
  uint64_t mirror_sort_max_edges = 16 << 20;
  // Name index entries checked by sorting the ones the nodes call for (each a key of some 20-40
  // bytes) rather than by lookups; the nodes past the bound are looked up.
  uint64_t name_sort_max_keys = 8 << 20;
  // Nodes whose type+key and external-id entries are checked by sorting rather than lookups.
  uint64_t key_sort_max_nodes = 4 << 20;
};

struct CheckReport {
  uint64_t nodes_checked = 0;
  uint64_t edges_checked = 0;
  uint64_t violation_count = 0;
  std::vector<CheckViolation> violations;
  bool ok() const { return violation_count == 0; }
};

CheckReport CheckGraph(const ReadView& view, const CheckOptions& options = {});

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_CHECKER_H_
