// Byte layout of every RocksDB key the graph store writes. Ids are fixed-width
// big-endian so that lexicographic key order is numeric order and "all edges
// of node n of type t" is one contiguous key range.
#ifndef DOSSIER_GRAPH_KEY_CODEC_H_
#define DOSSIER_GRAPH_KEY_CODEC_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "graph/types.h"

namespace dossier::graph {

using TypeId = uint32_t;  // Interned node or edge type name; 0 is "none".

inline constexpr size_t kIdBytes = 8;
inline constexpr size_t kTypeBytes = 4;
// [node][edge type][neighbour]
inline constexpr size_t kAdjacencyKeyBytes = kIdBytes + kTypeBytes + kIdBytes;

// Inline: the bulk loader and the traversals encode and decode tens of millions of these.
inline void StoreFixed64BE(char* out, uint64_t value) {
  value = __builtin_bswap64(value);
  std::memcpy(out, &value, 8);
}
inline void StoreFixed32BE(char* out, uint32_t value) {
  value = __builtin_bswap32(value);
  std::memcpy(out, &value, 4);
}
inline void PutFixed64BE(std::string* out, uint64_t value) {
  char buf[8];
  StoreFixed64BE(buf, value);
  out->append(buf, 8);
}
inline void PutFixed32BE(std::string* out, uint32_t value) {
  char buf[4];
  StoreFixed32BE(buf, value);
  out->append(buf, 4);
}
inline uint64_t DecodeFixed64BE(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);
}
inline uint32_t DecodeFixed32BE(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return __builtin_bswap32(v);
}

std::string EncodeFixed64BE(uint64_t value);
std::string EncodeFixed32BE(uint32_t value);

// nodes: [id]
std::string NodeKey(NodeId id);
// node_keys: [type][key]
std::string NodeKeyIndexKey(TypeId type, std::string_view key);
// out_edges [src][type][dst] and in_edges [dst][type][src]: [anchor][type][other]
std::string AdjacencyKey(NodeId anchor, TypeId type, NodeId other);
// The same bytes without a heap allocation, for loops over millions of edges.
using AdjacencyKeyBuffer = std::array<char, kAdjacencyKeyBytes>;
inline AdjacencyKeyBuffer EncodeAdjacencyKey(NodeId anchor, TypeId type, NodeId other) {
  AdjacencyKeyBuffer key;
  StoreFixed64BE(key.data(), anchor);
  StoreFixed32BE(key.data() + kIdBytes, type);
  StoreFixed64BE(key.data() + kIdBytes + kTypeBytes, other);
  return key;
}
std::string AdjacencyPrefix(NodeId anchor);
std::string AdjacencyTypePrefix(NodeId anchor, TypeId type);
struct AdjacencyParts {
  NodeId anchor;
  TypeId type;
  NodeId other;
};
AdjacencyParts DecodeAdjacencyKey(std::string_view key);  // key.size() == kAdjacencyKeyBytes

// degrees: [node][type][direction byte 'o' or 'i']
std::string DegreeKey(NodeId node, TypeId type, bool out);

// evidence: [src][type][dst][evidence id]
std::string EvidenceKey(NodeId src, TypeId type, NodeId dst, uint64_t evidence_id);
// evidence_by_doc and mentions_by_doc hold lists: graph/document_lists.h.

// mentions: [node][doc][mention id]
std::string MentionKey(NodeId node, NodeId doc, uint64_t mention_id);

// names: [kind][normalised text][0x00][id]
inline constexpr char kFullNameIndex = 'F';
inline constexpr char kTokenIndex = 'T';
std::string NameIndexKey(char kind, std::string_view normalized, NodeId id);
std::string NameIndexPrefix(char kind, std::string_view normalized, bool exact);

// The smallest key greater than every key starting with `prefix` (empty if none).
std::string PrefixSuccessor(std::string_view prefix);

// meta keys
inline constexpr char kMetaFormatVersion[] = "format_version";
inline constexpr char kMetaNextNodeId[] = "next_node_id";
inline constexpr char kMetaNextRecordId[] = "next_record_id";
inline constexpr char kMetaNodeTypePrefix[] = "node_type/";
inline constexpr char kMetaEdgeTypePrefix[] = "edge_type/";
std::string NodeCountKey(TypeId type);
std::string EdgeCountKey(TypeId type);
inline constexpr char kMetaEvidenceCount[] = "count/evidence";
inline constexpr char kMetaNodeCountPrefix[] = "count/node/";
inline constexpr char kMetaEdgeCountPrefix[] = "count/edge/";

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_KEY_CODEC_H_
