// How an upsert in UpsertMode::kAccumulate combines another document's facts about a node with
// its stored record, and the test that lets a recurring node skip that work.
#ifndef DOSSIER_GRAPH_NODE_MERGE_H_
#define DOSSIER_GRAPH_NODE_MERGE_H_

#include "graph/internal/records.pb.h"
#include "graph/types.h"

namespace dossier::graph {

// String lists are unioned (order kept, empty strings and repeats dropped; an empty result
// leaves the property as it was); other values overwrite.
void AccumulateProperties(const Properties& updates, Properties* properties);

// Drops empty aliases, aliases equal to the name, and repeats (the first stays).
void NormalizeAliases(internal::NodeRecord* record);

// Accumulates `spec` into an existing node's `record`: the stored name stays (a different name
// becomes an alias; a record without a name takes it), aliases and list values are added,
// other properties overwrite, the document-derived mark is set, never cleared. The external id
// is not touched (the caller checks and indexes it).
void AccumulateInto(const NodeSpec& spec, internal::NodeRecord* record);

// True when AccumulateInto(spec, record) would leave `record` serialising to the same bytes and
// `spec` names no external id other than the stored one: a letter restating a known person
// then costs a lookup, not a decode-merge-encode. Conservative: false whenever unsure (a record
// that the merge would normalise, a value it would re-encode differently).
bool AccumulatingChangesNothing(const NodeSpec& spec, const internal::NodeRecord& record);

// Whether two specs say the same, doubles compared by their bits (0.0 and -0.0 are stored
// differently): a spec found to change nothing changes nothing again.
bool SameSpec(const NodeSpec& a, const NodeSpec& b);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_NODE_MERGE_H_
