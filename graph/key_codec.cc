#include "graph/key_codec.h"

namespace dossier::graph {

std::string EncodeFixed64BE(uint64_t value) {
  std::string s;
  PutFixed64BE(&s, value);
  return s;
}

std::string EncodeFixed32BE(uint32_t value) {
  std::string s;
  PutFixed32BE(&s, value);
  return s;
}

std::string NodeKey(NodeId id) { return EncodeFixed64BE(id); }

std::string NodeKeyIndexKey(TypeId type, std::string_view key) {
  std::string s;
  s.reserve(kTypeBytes + key.size());
  PutFixed32BE(&s, type);
  s.append(key);
  return s;
}

std::string AdjacencyKey(NodeId anchor, TypeId type, NodeId other) {
  std::string s;
  s.reserve(kAdjacencyKeyBytes);
  PutFixed64BE(&s, anchor);
  PutFixed32BE(&s, type);
  PutFixed64BE(&s, other);
  return s;
}

std::string AdjacencyPrefix(NodeId anchor) { return EncodeFixed64BE(anchor); }

std::string AdjacencyTypePrefix(NodeId anchor, TypeId type) {
  std::string s;
  PutFixed64BE(&s, anchor);
  PutFixed32BE(&s, type);
  return s;
}

AdjacencyParts DecodeAdjacencyKey(std::string_view key) {
  return {DecodeFixed64BE(key.data()), DecodeFixed32BE(key.data() + kIdBytes),
          DecodeFixed64BE(key.data() + kIdBytes + kTypeBytes)};
}

std::string DegreeKey(NodeId node, TypeId type, bool out) {
  std::string s = AdjacencyTypePrefix(node, type);
  s.push_back(out ? 'o' : 'i');
  return s;
}

std::string EvidenceKey(NodeId src, TypeId type, NodeId dst, uint64_t evidence_id) {
  std::string s = AdjacencyKey(src, type, dst);
  PutFixed64BE(&s, evidence_id);
  return s;
}

std::string MentionKey(NodeId node, NodeId doc, uint64_t mention_id) {
  std::string s = EncodeFixed64BE(node);
  PutFixed64BE(&s, doc);
  PutFixed64BE(&s, mention_id);
  return s;
}

std::string NameIndexKey(char kind, std::string_view normalized, NodeId id) {
  std::string s;
  s.reserve(2 + normalized.size() + kIdBytes);
  s.push_back(kind);
  s.append(normalized);
  s.push_back('\0');
  PutFixed64BE(&s, id);
  return s;
}

std::string NameIndexPrefix(char kind, std::string_view normalized, bool exact) {
  std::string s;
  s.push_back(kind);
  s.append(normalized);
  if (exact) s.push_back('\0');
  return s;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    unsigned char last = static_cast<unsigned char>(s.back());
    if (last != 0xff) {
      s.back() = static_cast<char>(last + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

std::string NodeCountKey(TypeId type) { return kMetaNodeCountPrefix + EncodeFixed32BE(type); }
std::string EdgeCountKey(TypeId type) { return kMetaEdgeCountPrefix + EncodeFixed32BE(type); }

}  // namespace dossier::graph
