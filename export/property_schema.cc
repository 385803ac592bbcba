#include "export/property_schema.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"

namespace dossier::exporter {

const char* AttrTypeName(AttrType type) {
  switch (type) {
    case AttrType::kLong:
      return "long";
    case AttrType::kDouble:
      return "double";
    case AttrType::kBoolean:
      return "boolean";
    case AttrType::kString:
      return "string";
  }
  return "string";
}

AttrType AttrTypeOf(const graph::PropertyValue& value) {
  if (std::holds_alternative<int64_t>(value)) return AttrType::kLong;
  if (std::holds_alternative<double>(value)) return AttrType::kDouble;
  if (std::holds_alternative<bool>(value)) return AttrType::kBoolean;
  return AttrType::kString;
}

void PropertySchema::Add(const graph::Properties& properties) {
  for (const auto& [name, value] : properties) {
    AttrType type = AttrTypeOf(value);
    auto [it, inserted] = types_.emplace(name, type);
    if (!inserted && it->second != type) it->second = AttrType::kString;
  }
}

std::string PropertyText(const graph::PropertyValue& value) {
  struct Visitor {
    std::string operator()(const std::string& v) const { return v; }
    std::string operator()(int64_t v) const { return absl::StrCat(v); }
    std::string operator()(double v) const { return absl::StrCat(v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(const graph::Timestamp& v) const {
      return absl::FormatTime(absl::RFC3339_full, absl::FromUnixMicros(v.micros),
                              absl::UTCTimeZone());
    }
    std::string operator()(const graph::StringList& v) const { return absl::StrJoin(v, "|"); }
  };
  return std::visit(Visitor{}, value);
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#9;";
        break;
      case '\n':
        out += "&#10;";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (u < 0x20) break;  // Not allowed in XML 1.0, even escaped.
        out += c;
    }
  }
  return out;
}

absl::Status CollectSchemas(const GraphSource& source, PropertySchema* nodes,
                            PropertySchema* edges) {
  absl::Status s = source.ForEachNode([&](const graph::Node& n) {
    nodes->Add(n.properties);
    return true;
  });
  if (!s.ok()) return s;
  return source.ForEachEdge([&](const graph::Edge& e) {
    edges->Add(e.properties);
    return true;
  });
}

}  // namespace dossier::exporter
