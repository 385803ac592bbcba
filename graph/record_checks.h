// `dossier check`'s passes over the records that documents hold, statements' evidence and
// mentions, against the by-document lists that name them (document_lists.h). checker.cc runs them
// beside its other passes; they read the database at the check's snapshot and report through the
// context.
#ifndef DOSSIER_GRAPH_RECORD_CHECKS_H_
#define DOSSIER_GRAPH_RECORD_CHECKS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "graph/key_codec.h"
#include "graph/store.h"
#include "rocksdb/options.h"

namespace dossier::graph {

struct RecordCheckContext {
  const GraphStore* store;
  const rocksdb::ReadOptions* read_options;  // At the check's snapshot.
  uint64_t next_record_id;
  // Whether the check's nodes pass read and decoded a node of this id.
  absl::FunctionRef<bool(NodeId)> node_decoded;
  absl::FunctionRef<void(std::string_view invariant, std::string detail)> violation;
};

// Every evidence record: its key, id, decoding, edge and document; and every evidence list entry.
// Returns how many evidence records there are.
uint64_t CheckEvidenceRecords(const RecordCheckContext& context);

// Every mention record: its key and nodes; and every mention list entry.
void CheckMentionRecords(const RecordCheckContext& context);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_RECORD_CHECKS_H_
