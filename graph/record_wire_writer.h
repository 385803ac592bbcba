// Writes the protobuf wire format of a few records straight from the graph's own types, as the
// generated serializer would write the messages that EvidenceToRecord and PropertiesToRecord
// fill: fields in number order, proto3 defaults left out, oneof members and set sub-messages kept
// even when empty. An import writes one evidence record for every edge it states; filling a
// message (a copy of every string) and serialising it (another) was a tenth of its writer's work.
#ifndef DOSSIER_GRAPH_RECORD_WIRE_WRITER_H_
#define DOSSIER_GRAPH_RECORD_WIRE_WRITER_H_

#include <string>

#include "graph/types.h"

namespace dossier::graph {

// EvidenceToRecord(evidence).SerializeAsString(), byte for byte.
std::string WriteEvidenceRecordWire(const Evidence& evidence);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_RECORD_WIRE_WRITER_H_
