#include "graph/node_merge.h"

#include <algorithm>
#include <bit>
#include <string>

#include "graph/record_codec.h"

namespace dossier::graph {
namespace {

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& values,
              const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// Whether NormalizeAliases would leave the record's aliases as they are.
bool AliasesAreNormal(const internal::NodeRecord& record) {
  const auto& aliases = record.aliases();
  for (int i = 0; i < aliases.size(); ++i) {
    if (aliases[i].empty() || aliases[i] == record.name()) return false;
    for (int j = 0; j < i; ++j) {
      if (aliases[j] == aliases[i]) return false;
    }
  }
  return true;
}

// Whether PropertiesFromRecord then PropertiesToRecord gives the same bytes: names strictly
// increasing (a std::map's order, no repeats) and every value of a kind set (an unset one
// would come back as an empty string, which serialises differently).
bool PropertiesRoundTrip(const internal::NodeRecord& record) {
  const auto& properties = record.properties();
  for (int i = 0; i < properties.size(); ++i) {
    if (properties[i].value().kind_case() == internal::Value::KIND_NOT_SET) return false;
    if (i > 0 && !(properties[i - 1].name() < properties[i].name())) return false;
  }
  return true;
}

const internal::Property* FindProperty(const internal::NodeRecord& record,
                                       const std::string& name) {
  for (const internal::Property& p : record.properties()) {
    if (p.name() == name) return &p;
  }
  return nullptr;
}

// Whether AccumulateProperties would leave the stored value of `name` as it is.
bool ValueUnchanged(const internal::Property* stored, const PropertyValue& update) {
  if (const StringList* added = std::get_if<StringList>(&update)) {
    const bool stored_list =
        stored != nullptr && stored->value().kind_case() == internal::Value::kListValue;
    for (const std::string& v : *added) {
      if (v.empty()) continue;
      // A value to add, or a list replacing a stored value of another kind.
      if (!stored_list || !Contains(stored->value().list_value().values(), v)) return false;
    }
    return true;
  }
  if (stored == nullptr) return false;
  const internal::Value& value = stored->value();
  struct SameAsStored {
    const internal::Value& value;
    bool operator()(const std::string& v) const {
      return value.kind_case() == internal::Value::kStringValue && value.string_value() == v;
    }
    bool operator()(int64_t v) const {
      return value.kind_case() == internal::Value::kIntValue && value.int_value() == v;
    }
    bool operator()(double v) const {  // By bits: 0.0 and -0.0 encode differently.
      return value.kind_case() == internal::Value::kDoubleValue &&
             std::bit_cast<uint64_t>(value.double_value()) == std::bit_cast<uint64_t>(v);
    }
    bool operator()(bool v) const {
      return value.kind_case() == internal::Value::kBoolValue && value.bool_value() == v;
    }
    bool operator()(const Timestamp& v) const {
      return value.kind_case() == internal::Value::kTimestampMicros &&
             value.timestamp_micros() == v.micros;
    }
    bool operator()(const StringList&) const { return false; }  // Handled above.
  };
  return std::visit(SameAsStored{value}, update);
}

}  // namespace

void AccumulateProperties(const Properties& updates, Properties* properties) {
  for (const auto& [name, value] : updates) {
    const StringList* added = std::get_if<StringList>(&value);
    if (added == nullptr) {
      (*properties)[name] = value;
      continue;
    }
    StringList merged;
    if (auto it = properties->find(name); it != properties->end()) {
      if (const StringList* stored = std::get_if<StringList>(&it->second)) merged = *stored;
    }
    for (const std::string& v : *added) {
      if (!v.empty() && std::find(merged.begin(), merged.end(), v) == merged.end()) {
        merged.push_back(v);
      }
    }
    if (!merged.empty()) (*properties)[name] = std::move(merged);
  }
}

void NormalizeAliases(internal::NodeRecord* record) {
  std::vector<std::string> kept;
  for (const std::string& alias : record->aliases()) {
    if (alias.empty() || alias == record->name()) continue;
    if (std::find(kept.begin(), kept.end(), alias) == kept.end()) kept.push_back(alias);
  }
  record->clear_aliases();
  for (std::string& alias : kept) record->add_aliases(std::move(alias));
}

void AccumulateInto(const NodeSpec& spec, internal::NodeRecord* record) {
  for (const std::string& a : spec.aliases) record->add_aliases(a);
  if (record->name().empty()) {
    record->set_name(spec.name);
  } else if (!spec.name.empty() && spec.name != record->name()) {
    record->add_aliases(spec.name);
  }
  Properties merged = PropertiesFromRecord(record->properties());
  AccumulateProperties(spec.properties, &merged);
  PropertiesToRecord(merged, record->mutable_properties());
  if (spec.document_derived) record->set_document_derived(true);
  NormalizeAliases(record);
}

bool AccumulatingChangesNothing(const NodeSpec& spec, const internal::NodeRecord& record) {
  if (!spec.external_id.empty() && spec.external_id != record.external_id()) return false;
  if (spec.document_derived && !record.document_derived()) return false;
  auto known_name = [&](const std::string& name) {
    return name.empty() || name == record.name() || Contains(record.aliases(), name);
  };
  // A record without a name takes the spec's: a change unless the spec has none either.
  if (record.name().empty() ? !spec.name.empty() : !known_name(spec.name)) return false;
  for (const std::string& a : spec.aliases) {
    if (!known_name(a)) return false;
  }
  if (!AliasesAreNormal(record) || !PropertiesRoundTrip(record)) return false;
  for (const auto& [name, value] : spec.properties) {
    if (!ValueUnchanged(FindProperty(record, name), value)) return false;
  }
  return true;
}

bool SameSpec(const NodeSpec& a, const NodeSpec& b) {
  if (a.type != b.type || a.key != b.key || a.name != b.name || a.aliases != b.aliases ||
      a.external_id != b.external_id || a.document_derived != b.document_derived ||
      a.properties.size() != b.properties.size()) {
    return false;
  }
  for (auto ia = a.properties.begin(), ib = b.properties.begin(); ia != a.properties.end();
       ++ia, ++ib) {
    if (ia->first != ib->first || ia->second.index() != ib->second.index()) return false;
    if (const double* da = std::get_if<double>(&ia->second)) {
      if (std::bit_cast<uint64_t>(*da) != std::bit_cast<uint64_t>(std::get<double>(ib->second))) {
        return false;
      }
    } else if (ia->second != ib->second) {
      return false;
    }
  }
  return true;
}

}  // namespace dossier::graph
