// Conversions between the public value types and their on-disk records.
#ifndef DOSSIER_GRAPH_RECORD_CODEC_H_
#define DOSSIER_GRAPH_RECORD_CODEC_H_

#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "graph/internal/records.pb.h"
#include "graph/key_codec.h"
#include "graph/type_registry.h"
#include "graph/types.h"

namespace dossier::graph {

void PropertiesToRecord(const Properties& properties,
                        google::protobuf::RepeatedPtrField<internal::Property>* out);
Properties PropertiesFromRecord(const google::protobuf::RepeatedPtrField<internal::Property>& in);
// Overwrites or adds each of `updates` in `properties`.
void MergeProperties(const Properties& updates, Properties* properties);

// out_edges values: [neighbour type][EdgeRecord without neighbor_type]. The
// fixed-width type in front lets traversals filter on it without parsing.
std::string EncodeOutEdgeValue(TypeId neighbor_type, const internal::EdgeRecord& record);
absl::StatusOr<internal::EdgeRecord> DecodeOutEdgeValue(std::string_view value);
TypeId OutEdgeNeighborType(std::string_view value);  // value.size() >= 4
// in_edges values: [neighbour type].
std::string EncodeInEdgeValue(TypeId neighbor_type);
TypeId InEdgeNeighborType(std::string_view value);

absl::StatusOr<internal::NodeRecord> DecodeNodeRecord(std::string_view value);
Node NodeFromRecord(NodeId id, const internal::NodeRecord& record, const TypeRegistry& types);
internal::EvidenceRecord EvidenceToRecord(const Evidence& evidence);
// EvidenceToRecord(evidence).SerializeAsString(), written without a message (record_wire_writer).
std::string EncodeEvidenceRecord(const Evidence& evidence);
Evidence EvidenceFromRecord(uint64_t id, const internal::EvidenceRecord& record);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_RECORD_CODEC_H_
