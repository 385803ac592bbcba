// Typed attribute declarations for the XML exports: GraphML and GEXF declare
// every attribute with one type before the first node. A property name used
// with different value types across nodes falls back to string, so that
// every value still parses as its declared type.
#ifndef DOSSIER_EXPORT_PROPERTY_SCHEMA_H_
#define DOSSIER_EXPORT_PROPERTY_SCHEMA_H_

#include <map>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "export/graph_source.h"
#include "graph/types.h"

namespace dossier::exporter {

enum class AttrType { kString, kLong, kDouble, kBoolean };

class PropertySchema {
 public:
  void Add(const graph::Properties& properties);
  // Ordered by property name: deterministic output.
  const std::map<std::string, AttrType>& attributes() const { return types_; }

 private:
  std::map<std::string, AttrType> types_;
};

AttrType AttrTypeOf(const graph::PropertyValue& value);
// The type's name as GraphML's attr.type and GEXF's attribute type both spell it.
const char* AttrTypeName(AttrType type);
// The value as the text of an attribute of `type` (RFC 3339 for times,
// lists joined with "|"; "true"/"false" for booleans).
std::string PropertyText(const graph::PropertyValue& value);
// Escapes &<>"' and drops characters XML 1.0 does not allow.
std::string XmlEscape(std::string_view text);

// One pass over the source collecting the node and the edge property
// schemas (XML formats declare their attributes before the data).
absl::Status CollectSchemas(const GraphSource& source, PropertySchema* nodes,
                            PropertySchema* edges);

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_PROPERTY_SCHEMA_H_
