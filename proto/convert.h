// Conversions between the graph library's value types and dossier.v1
// messages. Shared by the server (graph -> wire) and the client CLI
// (wire -> graph, to reuse the exporters on a Subgraph RPC's result).
#ifndef DOSSIER_PROTO_CONVERT_H_
#define DOSSIER_PROTO_CONVERT_H_

#include "absl/status/statusor.h"
#include "dossier/v1/graph_service.pb.h"
#include "dossier/v1/resources.pb.h"
#include "graph/queries.h"
#include "graph/types.h"

namespace dossier::proto {

namespace v1 = ::dossier::v1;

void PropertyToProto(const graph::PropertyValue& value, v1::PropertyValue* out);
// INVALID_ARGUMENT when no value is set.
absl::StatusOr<graph::PropertyValue> PropertyFromProto(const v1::PropertyValue& value);
void PropertiesToProto(const graph::Properties& properties,
                       google::protobuf::Map<std::string, v1::PropertyValue>* out);
absl::StatusOr<graph::Properties> PropertiesFromProto(
    const google::protobuf::Map<std::string, v1::PropertyValue>& properties);

void NodeToProto(const graph::Node& node, v1::Node* out);
// The node as the client sees it (id included); used by the CLI.
absl::StatusOr<graph::Node> NodeFromProto(const v1::Node& node);
// What an upsert asks for; the id is ignored.
absl::StatusOr<graph::NodeSpec> NodeSpecFromProto(const v1::Node& node);

void EvidenceToProto(const graph::Evidence& evidence, v1::Evidence* out);
absl::StatusOr<graph::Evidence> EvidenceFromProto(const v1::Evidence& evidence);
void EdgeToProto(const graph::Edge& edge, v1::Edge* out);
absl::StatusOr<graph::Edge> EdgeFromProto(const v1::Edge& edge);
void EdgeKeyToProto(const graph::EdgeKey& key, v1::Edge* out);

// DIRECTION_UNSPECIFIED gives `unspecified`; values outside the enum are
// INVALID_ARGUMENT (proto3 keeps unknown enum numbers).
absl::StatusOr<graph::Direction> DirectionFromProto(int value, graph::Direction unspecified);
v1::Direction DirectionToProto(graph::Direction direction);
v1::StopReason StopReasonToProto(graph::StopReason reason);
const char* StopReasonLabel(v1::StopReason reason);
void SummaryToProto(const graph::TraversalSummary& summary, v1::TraversalSummary* out);
void DegreeToProto(const graph::DegreeCount& degree, v1::DegreeCount* out);

}  // namespace dossier::proto

#endif  // DOSSIER_PROTO_CONVERT_H_
