#include "proto/convert.h"

#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"

namespace dossier::proto {
namespace {

using google::protobuf::util::TimeUtil;

}  // namespace

void PropertyToProto(const graph::PropertyValue& value, v1::PropertyValue* out) {
  struct Visitor {
    v1::PropertyValue* out;
    void operator()(const std::string& v) const { out->set_string_value(v); }
    void operator()(int64_t v) const { out->set_int_value(v); }
    void operator()(double v) const { out->set_double_value(v); }
    void operator()(bool v) const { out->set_bool_value(v); }
    void operator()(const graph::Timestamp& v) const {
      *out->mutable_timestamp_value() = TimeUtil::MicrosecondsToTimestamp(v.micros);
    }
    void operator()(const graph::StringList& v) const {
      for (const std::string& s : v) out->mutable_string_list_value()->add_values(s);
    }
  };
  std::visit(Visitor{out}, value);
}

absl::StatusOr<graph::PropertyValue> PropertyFromProto(const v1::PropertyValue& value) {
  switch (value.kind_case()) {
    case v1::PropertyValue::kStringValue:
      return graph::PropertyValue(value.string_value());
    case v1::PropertyValue::kIntValue:
      return graph::PropertyValue(value.int_value());
    case v1::PropertyValue::kDoubleValue:
      return graph::PropertyValue(value.double_value());
    case v1::PropertyValue::kBoolValue:
      return graph::PropertyValue(value.bool_value());
    case v1::PropertyValue::kTimestampValue:
      return graph::PropertyValue(
          graph::Timestamp{TimeUtil::TimestampToMicroseconds(value.timestamp_value())});
    case v1::PropertyValue::kStringListValue:
      return graph::PropertyValue(graph::StringList(value.string_list_value().values().begin(),
                                                    value.string_list_value().values().end()));
    case v1::PropertyValue::KIND_NOT_SET:
      break;
  }
  return absl::InvalidArgumentError("a property value has no value set");
}

void PropertiesToProto(const graph::Properties& properties,
                       google::protobuf::Map<std::string, v1::PropertyValue>* out) {
  for (const auto& [name, value] : properties) PropertyToProto(value, &(*out)[name]);
}

absl::StatusOr<graph::Properties> PropertiesFromProto(
    const google::protobuf::Map<std::string, v1::PropertyValue>& properties) {
  graph::Properties out;
  for (const auto& [name, value] : properties) {
    absl::StatusOr<graph::PropertyValue> v = PropertyFromProto(value);
    if (!v.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("property \"", name, "\": ", v.status().message()));
    }
    out.emplace(name, *std::move(v));
  }
  return out;
}

void NodeToProto(const graph::Node& node, v1::Node* out) {
  out->set_id(node.id);
  out->set_type(node.type);
  out->set_key(node.key);
  out->set_name(node.name);
  for (const std::string& alias : node.aliases) out->add_aliases(alias);
  PropertiesToProto(node.properties, out->mutable_properties());
  out->set_external_id(node.external_id);
}

absl::StatusOr<graph::Node> NodeFromProto(const v1::Node& node) {
  absl::StatusOr<graph::Properties> properties = PropertiesFromProto(node.properties());
  if (!properties.ok()) return properties.status();
  graph::Node out;
  out.id = node.id();
  out.type = node.type();
  out.key = node.key();
  out.name = node.name();
  out.aliases.assign(node.aliases().begin(), node.aliases().end());
  out.properties = *std::move(properties);
  out.external_id = node.external_id();
  return out;
}

absl::StatusOr<graph::NodeSpec> NodeSpecFromProto(const v1::Node& node) {
  absl::StatusOr<graph::Properties> properties = PropertiesFromProto(node.properties());
  if (!properties.ok()) return properties.status();
  graph::NodeSpec spec;
  spec.type = node.type();
  spec.key = node.key();
  spec.name = node.name();
  spec.aliases.assign(node.aliases().begin(), node.aliases().end());
  spec.properties = *std::move(properties);
  spec.external_id = node.external_id();
  return spec;
}

void EvidenceToProto(const graph::Evidence& evidence, v1::Evidence* out) {
  out->set_id(evidence.id);
  out->set_document_id(evidence.document);
  out->set_start_offset(evidence.start);
  out->set_end_offset(evidence.end);
  out->set_text(evidence.text);
  out->set_footnote(evidence.footnote);
  out->set_rule(evidence.rule);
  PropertiesToProto(evidence.properties, out->mutable_properties());
}

absl::StatusOr<graph::Evidence> EvidenceFromProto(const v1::Evidence& evidence) {
  absl::StatusOr<graph::Properties> properties = PropertiesFromProto(evidence.properties());
  if (!properties.ok()) return properties.status();
  graph::Evidence out;
  out.id = evidence.id();
  out.document = evidence.document_id();
  out.start = evidence.start_offset();
  out.end = evidence.end_offset();
  out.text = evidence.text();
  out.footnote = evidence.footnote();
  out.rule = evidence.rule();
  out.properties = *std::move(properties);
  return out;
}

void EdgeKeyToProto(const graph::EdgeKey& key, v1::Edge* out) {
  out->set_source_id(key.src);
  out->set_type(key.type);
  out->set_target_id(key.dst);
}

void EdgeToProto(const graph::Edge& edge, v1::Edge* out) {
  out->set_source_id(edge.src);
  out->set_type(edge.type);
  out->set_target_id(edge.dst);
  PropertiesToProto(edge.properties, out->mutable_properties());
  for (const graph::Evidence& e : edge.evidence) EvidenceToProto(e, out->add_evidence());
}

absl::StatusOr<graph::Edge> EdgeFromProto(const v1::Edge& edge) {
  absl::StatusOr<graph::Properties> properties = PropertiesFromProto(edge.properties());
  if (!properties.ok()) return properties.status();
  graph::Edge out;
  out.src = edge.source_id();
  out.type = edge.type();
  out.dst = edge.target_id();
  out.properties = *std::move(properties);
  for (const v1::Evidence& e : edge.evidence()) {
    absl::StatusOr<graph::Evidence> evidence = EvidenceFromProto(e);
    if (!evidence.ok()) return evidence.status();
    out.evidence.push_back(*std::move(evidence));
  }
  return out;
}

absl::StatusOr<graph::Direction> DirectionFromProto(int value, graph::Direction unspecified) {
  switch (value) {
    case v1::DIRECTION_UNSPECIFIED:
      return unspecified;
    case v1::DIRECTION_OUTGOING:
      return graph::Direction::kOut;
    case v1::DIRECTION_INCOMING:
      return graph::Direction::kIn;
    case v1::DIRECTION_BOTH:
      return graph::Direction::kBoth;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("direction ", value, " is not a known Direction"));
  }
}

v1::Direction DirectionToProto(graph::Direction direction) {
  switch (direction) {
    case graph::Direction::kOut:
      return v1::DIRECTION_OUTGOING;
    case graph::Direction::kIn:
      return v1::DIRECTION_INCOMING;
    case graph::Direction::kBoth:
      return v1::DIRECTION_BOTH;
  }
  return v1::DIRECTION_UNSPECIFIED;
}

v1::StopReason StopReasonToProto(graph::StopReason reason) {
  switch (reason) {
    case graph::StopReason::kNone:
      return v1::STOP_REASON_COMPLETE;
    case graph::StopReason::kNodeCap:
      return v1::STOP_REASON_NODE_CAP;
    case graph::StopReason::kWorkCap:
      return v1::STOP_REASON_WORK_CAP;
    case graph::StopReason::kEdgeCap:
      return v1::STOP_REASON_EDGE_CAP;
    case graph::StopReason::kDeadline:
      return v1::STOP_REASON_DEADLINE;
    case graph::StopReason::kCancelled:
    case graph::StopReason::kConsumerStopped:  // Only the server's own consumer stops: on cancel.
      return v1::STOP_REASON_CANCELLED;
  }
  return v1::STOP_REASON_UNSPECIFIED;
}

const char* StopReasonLabel(v1::StopReason reason) {
  switch (reason) {
    case v1::STOP_REASON_COMPLETE:
      return "complete";
    case v1::STOP_REASON_NODE_CAP:
      return "node cap";
    case v1::STOP_REASON_WORK_CAP:
      return "work cap";
    case v1::STOP_REASON_EDGE_CAP:
      return "edge cap";
    case v1::STOP_REASON_DEADLINE:
      return "deadline";
    case v1::STOP_REASON_CANCELLED:
      return "cancelled";
    default:
      return "unspecified";
  }
}

void SummaryToProto(const graph::TraversalSummary& summary, v1::TraversalSummary* out) {
  out->set_nodes_reported(summary.nodes_reported);
  out->set_nodes_visited(summary.nodes_visited);
  out->set_edges_examined(summary.edges_examined);
  out->set_depth_reached(summary.depth_reached);
  out->set_truncated(summary.truncated);
  out->set_reason(summary.truncated ? StopReasonToProto(summary.reason) : v1::STOP_REASON_COMPLETE);
}

void DegreeToProto(const graph::DegreeCount& degree, v1::DegreeCount* out) {
  out->set_edge_type(degree.edge_type);
  out->set_direction(DirectionToProto(degree.direction));
  out->set_count(degree.count);
}

}  // namespace dossier::proto
