#include "graph/record_codec.h"

#include "absl/status/status.h"
#include "graph/record_wire_writer.h"

namespace dossier::graph {
namespace {

void ValueToRecord(const PropertyValue& value, internal::Value* out) {
  struct Visitor {
    internal::Value* out;
    void operator()(const std::string& v) const { out->set_string_value(v); }
    void operator()(int64_t v) const { out->set_int_value(v); }
    void operator()(double v) const { out->set_double_value(v); }
    void operator()(bool v) const { out->set_bool_value(v); }
    void operator()(const Timestamp& v) const { out->set_timestamp_micros(v.micros); }
    void operator()(const StringList& v) const {
      auto* list = out->mutable_list_value();
      for (const std::string& s : v) list->add_values(s);
    }
  };
  std::visit(Visitor{out}, value);
}

PropertyValue ValueFromRecord(const internal::Value& value) {
  switch (value.kind_case()) {
    case internal::Value::kIntValue:
      return value.int_value();
    case internal::Value::kDoubleValue:
      return value.double_value();
    case internal::Value::kBoolValue:
      return value.bool_value();
    case internal::Value::kTimestampMicros:
      return Timestamp{value.timestamp_micros()};
    case internal::Value::kListValue:
      return StringList(value.list_value().values().begin(), value.list_value().values().end());
    case internal::Value::kStringValue:
    case internal::Value::KIND_NOT_SET:
      break;
  }
  return value.string_value();
}

}  // namespace

void PropertiesToRecord(const Properties& properties,
                        google::protobuf::RepeatedPtrField<internal::Property>* out) {
  out->Clear();
  for (const auto& [name, value] : properties) {  // std::map: sorted by name.
    internal::Property* p = out->Add();
    p->set_name(name);
    ValueToRecord(value, p->mutable_value());
  }
}

Properties PropertiesFromRecord(const google::protobuf::RepeatedPtrField<internal::Property>& in) {
  Properties properties;
  for (const internal::Property& p : in) properties[p.name()] = ValueFromRecord(p.value());
  return properties;
}

void MergeProperties(const Properties& updates, Properties* properties) {
  for (const auto& [name, value] : updates) (*properties)[name] = value;
}

std::string EncodeOutEdgeValue(TypeId neighbor_type, const internal::EdgeRecord& record) {
  std::string value = EncodeFixed32BE(neighbor_type);
  record.AppendToString(&value);
  return value;
}

absl::StatusOr<internal::EdgeRecord> DecodeOutEdgeValue(std::string_view value) {
  internal::EdgeRecord record;
  if (value.size() < kTypeBytes ||
      !record.ParseFromArray(value.data() + kTypeBytes,
                             static_cast<int>(value.size() - kTypeBytes))) {
    return absl::DataLossError("corrupt edge record");
  }
  // The type lives in the value's prefix (OutEdgeNeighborType). Older writes also copied it into
  // the record when re-encoding a decoded edge; it is dropped so that a rewrite stores it once.
  record.clear_neighbor_type();
  return record;
}

TypeId OutEdgeNeighborType(std::string_view value) { return DecodeFixed32BE(value.data()); }

std::string EncodeInEdgeValue(TypeId neighbor_type) { return EncodeFixed32BE(neighbor_type); }

TypeId InEdgeNeighborType(std::string_view value) { return DecodeFixed32BE(value.data()); }

absl::StatusOr<internal::NodeRecord> DecodeNodeRecord(std::string_view value) {
  internal::NodeRecord record;
  if (!record.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return absl::DataLossError("corrupt node record");
  }
  return record;
}

Node NodeFromRecord(NodeId id, const internal::NodeRecord& record, const TypeRegistry& types) {
  Node node;
  node.id = id;
  node.type = types.Name(record.type());
  node.key = record.key();
  node.name = record.name();
  node.aliases.assign(record.aliases().begin(), record.aliases().end());
  node.properties = PropertiesFromRecord(record.properties());
  node.external_id = record.external_id();
  return node;
}

namespace {

void FillEvidenceRecord(const Evidence& evidence, internal::EvidenceRecord* record) {
  record->set_document(evidence.document);
  record->set_start(evidence.start);
  record->set_end(evidence.end);
  record->set_text(evidence.text);
  record->set_footnote(evidence.footnote);
  record->set_rule(evidence.rule);
  PropertiesToRecord(evidence.properties, record->mutable_properties());
}

}  // namespace

std::string EncodeEvidenceRecord(const Evidence& evidence) {
  return WriteEvidenceRecordWire(evidence);
}

internal::EvidenceRecord EvidenceToRecord(const Evidence& evidence) {
  internal::EvidenceRecord record;
  FillEvidenceRecord(evidence, &record);
  return record;
}

Evidence EvidenceFromRecord(uint64_t id, const internal::EvidenceRecord& record) {
  Evidence e;
  e.id = id;
  e.document = record.document();
  e.start = record.start();
  e.end = record.end();
  e.text = record.text();
  e.footnote = record.footnote();
  e.rule = record.rule();
  e.properties = PropertiesFromRecord(record.properties());
  return e;
}

}  // namespace dossier::graph
