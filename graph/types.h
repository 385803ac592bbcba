// Value types of Dossier's property graph: nodes, edges, evidence and their
// typed properties. These are the library's public vocabulary; the on-disk
// encoding lives in record_codec.h and never appears here.
#ifndef DOSSIER_GRAPH_TYPES_H_
#define DOSSIER_GRAPH_TYPES_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dossier::graph {

using NodeId = uint64_t;
// Ids start at 1; 0 is "no node" (e.g. the parent of a BFS seed).
inline constexpr NodeId kNoNode = 0;

// A point in time, microseconds since the Unix epoch (UTC).
struct Timestamp {
  int64_t micros = 0;
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

using StringList = std::vector<std::string>;
using PropertyValue = std::variant<std::string, int64_t, double, bool, Timestamp, StringList>;
// Ordered so that exports and comparisons are deterministic.
using Properties = std::map<std::string, PropertyValue>;

// The well-known node types. Any other non-empty type name is allowed too.
inline constexpr char kPerson[] = "Person";
inline constexpr char kOrganisation[] = "Organisation";
inline constexpr char kLetter[] = "Letter";
inline constexpr char kSource[] = "Source";

// How much of a node a lookup returns (AIP-157 style). kBasic is id, type, name and external id:
// what resolving ids and printing answers need, served from memory when the read view has the
// in-memory snapshot; kFull adds key, aliases and properties from the stored record.
enum class NodeView { kFull, kBasic };

struct Node {
  NodeId id = kNoNode;
  std::string type;
  std::string key;  // Unique within `type`.
  std::string name;
  std::vector<std::string> aliases;
  Properties properties;
  std::string external_id;  // Empty when the node has none; unique otherwise.
  friend bool operator==(const Node&, const Node&) = default;
};

// What a caller supplies to create or update a node, identified by type+key.
struct NodeSpec {
  std::string type;
  std::string key;
  std::string name;
  std::vector<std::string> aliases;
  Properties properties;
  std::string external_id;
  // Stated by a document that mentions the node or gives evidence for its edges (a letter's
  // people): such a node goes when the last document supporting it is removed. AddMention and
  // UpsertEdgeWithEvidence mark their nodes so as well; saying it here spares a new node's
  // record a second rewrite. An upsert sets the mark, never clears it.
  bool document_derived = false;
};

enum class Direction { kOut, kIn, kBoth };

struct EdgeKey {
  NodeId src = kNoNode;
  std::string type;
  NodeId dst = kNoNode;
  friend bool operator==(const EdgeKey&, const EdgeKey&) = default;
  friend auto operator<=>(const EdgeKey&, const EdgeKey&) = default;
};

using EvidenceId = uint64_t;

// One statement behind an edge: where a document says it.
struct Evidence {
  EvidenceId id = 0;          // Assigned by the store.
  NodeId document = kNoNode;  // The Letter (or other document) node.
  uint64_t start = 0;         // Byte offsets into the document's original UTF-8 text, [start, end).
  uint64_t end = 0;
  std::string text;       // The quoted sentence or line.
  int32_t footnote = 0;   // 0 when the statement has no footnote.
  std::string rule;       // The extraction rule that produced it.
  Properties properties;  // Per-statement attributes (act, title, status as stated, ...).
  friend bool operator==(const Evidence&, const Evidence&) = default;
};

struct Edge {
  NodeId src = kNoNode;
  std::string type;
  NodeId dst = kNoNode;
  Properties properties;
  std::vector<Evidence> evidence;  // Filled only when asked for.
  friend bool operator==(const Edge&, const Edge&) = default;
};

// Where a document names a node, for "every node lists where it is mentioned".
struct Mention {
  NodeId node = kNoNode;
  NodeId document = kNoNode;
  uint64_t start = 0;
  uint64_t end = 0;
  std::string surface;  // The text as written.
  friend bool operator==(const Mention&, const Mention&) = default;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_TYPES_H_
