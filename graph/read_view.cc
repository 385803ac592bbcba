#include "graph/read_view.h"

#include <algorithm>
#include <span>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "graph/adjacency_cursor.h"
#include "graph/adjacency_snapshot.h"
#include "graph/document_lists.h"
#include "graph/key_codec.h"
#include "graph/name_index.h"
#include "graph/name_normalizer.h"
#include "graph/page_token.h"
#include "graph/read_view_internal.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"
#include "graph/store.h"

namespace dossier::graph {

ReadView::ReadView(const GraphStore* store, const rocksdb::Snapshot* snapshot,
                   std::shared_ptr<const AdjacencySnapshot> adjacency)
    : store_(store), snapshot_(snapshot), adjacency_(std::move(adjacency)) {}

ReadView::~ReadView() {
  if (snapshot_ != nullptr && store_->db() != nullptr) store_->db()->ReleaseSnapshot(snapshot_);
}

uint64_t ReadView::sequence() const {
  return snapshot_ != nullptr ? snapshot_->GetSequenceNumber()
                              : store_->db()->GetLatestSequenceNumber();
}

rocksdb::ReadOptions SnapshotReadOptions(const rocksdb::Snapshot* snapshot, bool total_order) {
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.total_order_seek = total_order;
  return ro;
}

rocksdb::ReadOptions FullScanOptions(const rocksdb::Snapshot* snapshot) {
  rocksdb::ReadOptions ro = SnapshotReadOptions(snapshot, true);
  ro.fill_cache = false;
  return ro;
}

// The same fields whichever way a basic node was read.
void TrimToBasicView(Node* node) {
  node->key.clear();
  node->aliases.clear();
  node->properties.clear();
}

namespace {

// The basic view of a node from the directory; NOT_FOUND when it has no such node.
absl::Status BasicNodeFromDirectory(const NodeDirectory& directory, const TypeRegistry& types,
                                    NodeId id, Node* node) {
  if (!directory.Contains(id)) return absl::NotFoundError(absl::StrCat("node ", id, " not found"));
  node->id = id;
  node->type = types.Name(directory.type(id));
  node->name = directory.name(id);
  node->external_id = directory.external_id(id);
  return absl::OkStatus();
}

}  // namespace

ResolvedTypes ResolveTypes(const TypeRegistry& registry, const std::vector<std::string>& names) {
  ResolvedTypes resolved;
  resolved.any = names.empty();
  for (const std::string& name : names) {
    if (std::optional<TypeId> id = registry.Find(name)) resolved.ids.push_back(*id);
  }
  std::sort(resolved.ids.begin(), resolved.ids.end());
  resolved.ids.erase(std::unique(resolved.ids.begin(), resolved.ids.end()), resolved.ids.end());
  return resolved;
}

absl::StatusOr<std::optional<std::string>> ReadView::GetRaw(int cf, const std::string& key) const {
  std::string value;
  rocksdb::Status s = store_->db()->Get(SnapshotReadOptions(snapshot_, false),
                                        store_->cf(static_cast<ColumnFamily>(cf)), key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s);
  return std::optional<std::string>(std::move(value));
}

absl::StatusOr<Node> ReadView::GetNode(NodeId id, NodeView view) const {
  if (view == NodeView::kBasic && adjacency_ != nullptr) {
    Node node;
    DOSSIER_RETURN_IF_ERROR(
        BasicNodeFromDirectory(adjacency_->directory(), store_->node_types(), id, &node));
    return node;
  }
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> raw, GetRaw(kNodesCf, NodeKey(id)));
  if (!raw) return absl::NotFoundError(absl::StrCat("node ", id, " not found"));
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, DecodeNodeRecord(*raw));
  Node node = NodeFromRecord(id, record, store_->node_types());
  if (view == NodeView::kBasic) TrimToBasicView(&node);
  return node;
}

absl::StatusOr<std::vector<Node>> ReadView::GetNodes(const std::vector<NodeId>& ids,
                                                     NodeView view) const {
  if (view == NodeView::kBasic && adjacency_ != nullptr) {
    const NodeDirectory& directory = adjacency_->directory();
    std::vector<Node> nodes;
    nodes.reserve(ids.size());
    for (size_t i = 0; i < ids.size(); ++i) {
      if (i % NodeDirectory::kPrefetchBatch == 0) {
        directory.Prefetch(std::span<const NodeId>(ids).subspan(
            i, std::min(NodeDirectory::kPrefetchBatch, ids.size() - i)));
      }
      DOSSIER_RETURN_IF_ERROR(
          BasicNodeFromDirectory(directory, store_->node_types(), ids[i], &nodes.emplace_back()));
    }
    return nodes;
  }
  std::vector<std::string> keys;
  keys.reserve(ids.size());
  for (NodeId id : ids) keys.push_back(NodeKey(id));
  std::vector<rocksdb::Slice> key_slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  store_->db()->MultiGet(SnapshotReadOptions(snapshot_, false), store_->cf(kNodesCf), keys.size(),
                         key_slices.data(), values.data(), statuses.data());
  std::vector<Node> nodes;
  nodes.reserve(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return absl::NotFoundError(absl::StrCat("node ", ids[i], " not found"));
    }
    DOSSIER_RETURN_IF_ERROR(FromRocks(statuses[i]));
    DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record,
                             DecodeNodeRecord(values[i].ToStringView()));
    nodes.push_back(NodeFromRecord(ids[i], record, store_->node_types()));
    if (view == NodeView::kBasic) TrimToBasicView(&nodes.back());
  }
  return nodes;
}

absl::StatusOr<Node> ReadView::GetNodeByKey(std::string_view type, std::string_view key,
                                            NodeView view) const {
  std::optional<TypeId> type_id = store_->node_types().Find(type);
  if (!type_id) return absl::NotFoundError(absl::StrCat("no node type '", std::string(type), "'"));
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           GetRaw(kNodeKeysCf, NodeKeyIndexKey(*type_id, key)));
  if (!id)
    return absl::NotFoundError(
        absl::StrCat("no ", std::string(type), " with key '", std::string(key), "'"));
  return GetNode(DecodeFixed64BE(id->data()), view);
}

absl::StatusOr<NodeId> ReadView::ResolveExternalId(std::string_view external_id) const {
  if (adjacency_ != nullptr) {
    NodeId id = adjacency_->directory().FindByExternalId(external_id);
    if (id != kNoNode) return id;
  } else {
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> id,
                             GetRaw(kExternalIdsCf, std::string(external_id)));
    if (id) return DecodeFixed64BE(id->data());
  }
  return absl::NotFoundError(
      absl::StrCat("no node with external id '", std::string(external_id), "'"));
}

absl::StatusOr<Node> ReadView::GetNodeByExternalId(std::string_view external_id,
                                                   NodeView view) const {
  DOSSIER_ASSIGN_OR_RETURN(NodeId id, ResolveExternalId(external_id));
  return GetNode(id, view);
}

absl::StatusOr<Edge> ReadView::GetEdge(const EdgeKey& key, bool with_evidence) const {
  std::optional<TypeId> type = store_->edge_types().Find(key.type);
  std::optional<std::string> raw;
  if (type) {
    DOSSIER_ASSIGN_OR_RETURN(raw, GetRaw(kOutEdgesCf, AdjacencyKey(key.src, *type, key.dst)));
  }
  if (!raw) {
    return absl::NotFoundError(
        absl::StrCat("edge ", key.src, " -[", key.type, "]-> ", key.dst, " not found"));
  }
  DOSSIER_ASSIGN_OR_RETURN(internal::EdgeRecord record, DecodeOutEdgeValue(*raw));
  Edge edge{key.src, key.type, key.dst, PropertiesFromRecord(record.properties()), {}};
  if (with_evidence) {
    DOSSIER_ASSIGN_OR_RETURN(edge.evidence, ListEvidence(key));
  }
  return edge;
}

absl::StatusOr<std::vector<Evidence>> ReadView::ListEvidence(const EdgeKey& key) const {
  std::vector<Evidence> out;
  std::optional<TypeId> type = store_->edge_types().Find(key.type);
  if (!type) return out;
  const std::string prefix = AdjacencyKey(key.src, *type, key.dst);
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, false), store_->cf(kEvidenceCf)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    internal::EvidenceRecord record;
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("corrupt evidence record");
    }
    out.push_back(
        EvidenceFromRecord(DecodeFixed64BE(it->key().data() + kAdjacencyKeyBytes), record));
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  return out;
}

absl::StatusOr<std::vector<EdgeKey>> ReadView::ListDocumentEdges(NodeId document) const {
  std::vector<EdgeKey> out;
  const std::string prefix = AdjacencyPrefix(document);
  std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(
      SnapshotReadOptions(snapshot_, false), store_->cf(kEvidenceByDocCf)));
  // Edge keys are big-endian, so their bytes sort as the edges do.
  std::vector<std::string> edges;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    DOSSIER_ASSIGN_OR_RETURN(
        std::vector<std::string_view> entries,
        SplitDocumentList(kEvidenceByDocCf, it->key().ToStringView(), it->value().ToStringView()));
    for (std::string_view entry : entries) edges.emplace_back(entry.substr(0, kAdjacencyKeyBytes));
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  out.reserve(edges.size());
  for (const std::string& edge : edges) {
    AdjacencyParts parts = DecodeAdjacencyKey(edge);
    out.push_back(EdgeKey{parts.anchor, store_->edge_types().Name(parts.type), parts.other});
  }
  return out;
}

absl::StatusOr<std::vector<Mention>> ReadView::ListMentions(NodeId node) const {
  std::vector<Mention> out;
  const std::string prefix = AdjacencyPrefix(node);
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, false), store_->cf(kMentionsCf)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    internal::MentionRecord record;
    if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError("corrupt mention record");
    }
    out.push_back(Mention{node, DecodeFixed64BE(it->key().data() + kIdBytes), record.start(),
                          record.end(), record.surface()});
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  return out;
}

// ---- Name search ------------------------------------------------------------------

absl::StatusOr<FindNodesPage> ReadView::FindNodes(const FindNodesRequest& request) const {
  DOSSIER_ASSIGN_OR_RETURN(int32_t page_size,
                           EffectivePageSize(request.page_size, 50, kMaxPageSize));
  const std::string normalized = NormalizeName(request.query);
  if (normalized.empty()) {
    return absl::InvalidArgumentError("query has no letters or digits to search for");
  }
  if (request.match == NameMatch::kToken && normalized.find(' ') != std::string::npos) {
    return absl::InvalidArgumentError("a token query must be a single word");
  }
  RequestFingerprint fp;
  fp.Add(normalized).Add(static_cast<uint64_t>(request.match));
  // Verbatim queries that fold to the same text are still different questions.
  if (request.match == NameMatch::kVerbatim) fp.Add(request.query);
  for (const std::string& t : request.types) fp.Add(t);
  ResolvedTypes types = ResolveTypes(store_->node_types(), request.types);
  FindNodesPage page;
  if (!types.any && types.ids.empty()) return page;

  const char kind = request.match == NameMatch::kToken ? kTokenIndex : kFullNameIndex;
  const std::string prefix = NameIndexPrefix(kind, normalized, request.match != NameMatch::kPrefix);
  if (request.match == NameMatch::kVerbatim) {
    return FindNodesVerbatim(request, page_size, prefix, types, fp.value());
  }
  std::string resume;
  if (!request.page_token.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(resume, DecodePageToken(request.page_token, 'F', fp.value()));
    if (!resume.starts_with(prefix)) return absl::InvalidArgumentError("page_token is malformed");
  }
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, true), store_->cf(kNamesCf)));
  it->Seek(resume.empty() ? prefix : resume);
  if (!resume.empty() && it->Valid() && it->key() == resume) it->Next();
  std::string last_key;
  // Exact and token matches list every index entry that passes the type filter: their records
  // are read together in one batch. Prefix matches need each record to drop repeats.
  std::vector<NodeId> batch;
  for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
    rocksdb::Slice key = it->key();
    if (it->value().size() == 4 && !types.any &&
        !std::binary_search(types.ids.begin(), types.ids.end(),
                            DecodeFixed32BE(it->value().data()))) {
      continue;
    }
    if (static_cast<int32_t>(page.nodes.size() + batch.size()) == page_size) {
      page.next_page_token = EncodePageToken('F', fp.value(), last_key);
      break;
    }
    NodeId id = DecodeFixed64BE(key.data() + key.size() - kIdBytes);
    if (request.match != NameMatch::kPrefix) {
      batch.push_back(id);
      last_key = key.ToString();
      continue;
    }
    DOSSIER_ASSIGN_OR_RETURN(Node node, GetNode(id));
    // A node whose name and alias both match is listed once: at its smallest matching
    // normalised name.
    internal::NodeRecord record;
    record.set_name(node.name);
    for (const std::string& a : node.aliases) record.add_aliases(a);
    std::string_view this_name(key.data() + 1, key.size() - 2 - kIdBytes);
    bool first_match = true;
    for (const std::string& n : NormalizedFullNames(record)) {
      if (n.starts_with(normalized)) {
        first_match = n == this_name;
        break;
      }
    }
    if (!first_match) continue;
    last_key = key.ToString();
    if (request.view == NodeView::kBasic) TrimToBasicView(&node);
    page.nodes.push_back(std::move(node));
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  if (!batch.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(page.nodes, GetNodes(batch, request.view));
  }
  return page;
}

// ---- Neighbours and degrees -------------------------------------------------------

absl::StatusOr<NeighborsPage> ReadView::Neighbors(const NeighborsRequest& request) const {
  DOSSIER_ASSIGN_OR_RETURN(int32_t page_size,
                           EffectivePageSize(request.page_size, 100, kMaxPageSize));
  RequestFingerprint fp;
  fp.Add(request.node).Add(static_cast<uint64_t>(request.direction));
  for (const std::string& t : request.edge_types) fp.Add(t);
  fp.Add("|");
  for (const std::string& t : request.neighbor_types) fp.Add(t);
  if (request.skip < 0) return absl::InvalidArgumentError("skip must not be negative");
  ResolvedTypes edge_types = ResolveTypes(store_->edge_types(), request.edge_types);
  ResolvedTypes node_types = ResolveTypes(store_->node_types(), request.neighbor_types);
  NeighborsPage page;
  int64_t to_skip = request.skip;
  if ((!edge_types.any && edge_types.ids.empty()) || (!node_types.any && node_types.ids.empty())) {
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> exists,
                             GetRaw(kNodesCf, NodeKey(request.node)));
    if (!exists) return absl::NotFoundError(absl::StrCat("node ", request.node, " not found"));
    return page;
  }
  // Position: [direction byte][edge type][neighbour] of the last item returned.
  std::string resume;
  if (!request.page_token.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(resume, DecodePageToken(request.page_token, 'N', fp.value()));
    if (resume.size() != 1 + kTypeBytes + kIdBytes) {
      return absl::InvalidArgumentError("page_token is malformed");
    }
  }
  const bool resume_out = resume.empty() || resume[0] == 'o';
  const std::string resume_suffix = resume.empty() ? std::string() : resume.substr(1);

  rocksdb::ReadOptions ro = SnapshotReadOptions(snapshot_, false);
  ro.prefix_same_as_start = true;
  std::string last_position;
  bool more = false;
  for (bool out : {true, false}) {
    if (out && request.direction == Direction::kIn) continue;
    if (!out && request.direction == Direction::kOut) continue;
    if (out && !resume_out) continue;
    const bool resuming = !resume.empty() && out == resume_out;
    if (adjacency_ != nullptr) {
      // The same walk over the in-memory lists, which hold the same order.
      std::span<const AdjacencySnapshot::Entry> all = adjacency_->Edges(request.node, out);
      auto entry = all.begin();
      if (!edge_types.any) {
        // Entries are sorted by edge type first: start at the first wanted type's range.
        entry = std::lower_bound(
            all.begin(), all.end(), edge_types.ids.front(),
            [](const AdjacencySnapshot::Entry& e, TypeId t) { return e.edge_type < t; });
      }
      if (resuming) {
        const std::pair<TypeId, NodeId> after{DecodeFixed32BE(resume_suffix.data()),
                                              DecodeFixed64BE(resume_suffix.data() + kTypeBytes)};
        entry = std::upper_bound(
            entry, all.end(), after,
            [](const std::pair<TypeId, NodeId>& p, const AdjacencySnapshot::Entry& e) {
              return p < std::pair<TypeId, NodeId>{e.edge_type, e.neighbor};
            });
      }
      for (; entry != all.end(); ++entry) {
        if (!edge_types.any && entry->edge_type > edge_types.ids.back()) break;
        if (!edge_types.Matches(entry->edge_type) || !node_types.Matches(entry->neighbor_type))
          continue;
        if (to_skip > 0) {
          if (!node_types.any) {
            --to_skip;
            continue;
          }
          // Without a neighbour-type filter every entry of this edge type's run matches: skip
          // over the run in one step (page 400 of a supernode's list walked 40,000 entries).
          const auto run_end = std::upper_bound(
              entry, all.end(), entry->edge_type,
              [](TypeId t, const AdjacencySnapshot::Entry& e) { return t < e.edge_type; });
          const int64_t jump = std::min<int64_t>(to_skip, run_end - entry);
          to_skip -= jump;
          entry += jump - 1;  // The loop steps over the last one.
          continue;
        }
        if (static_cast<int32_t>(page.neighbors.size()) == page_size) {
          more = true;
          break;
        }
        page.neighbors.push_back(Neighbor{
            entry->neighbor, store_->node_types().Name(entry->neighbor_type),
            store_->edge_types().Name(entry->edge_type), out ? Direction::kOut : Direction::kIn});
        last_position.assign(1, out ? 'o' : 'i');
        PutFixed32BE(&last_position, entry->edge_type);
        PutFixed64BE(&last_position, entry->neighbor);
      }
      if (more) break;
      continue;
    }
    std::unique_ptr<rocksdb::Iterator> it(
        store_->db()->NewIterator(ro, store_->cf(out ? kOutEdgesCf : kInEdgesCf)));
    std::vector<std::string> prefixes;
    if (edge_types.any) {
      prefixes.push_back(AdjacencyPrefix(request.node));
    } else {
      for (TypeId t : edge_types.ids) prefixes.push_back(AdjacencyTypePrefix(request.node, t));
    }
    const std::string resume_key = AdjacencyPrefix(request.node) + resume_suffix;
    for (const std::string& prefix : prefixes) {
      if (resuming && PrefixSuccessor(prefix) <= resume_key) continue;  // Wholly before.
      it->Seek(resuming && resume_key > prefix ? resume_key : prefix);
      if (resuming && it->Valid() && it->key() == resume_key) it->Next();
      for (; it->Valid() && it->key().starts_with(prefix); it->Next()) {
        if (it->key().size() != kAdjacencyKeyBytes || it->value().size() < kTypeBytes) continue;
        TypeId neighbor_type = DecodeFixed32BE(it->value().data());
        if (!node_types.any &&
            !std::binary_search(node_types.ids.begin(), node_types.ids.end(), neighbor_type)) {
          continue;
        }
        if (to_skip > 0) {
          --to_skip;
          continue;
        }
        if (static_cast<int32_t>(page.neighbors.size()) == page_size) {
          more = true;
          break;
        }
        AdjacencyParts parts =
            DecodeAdjacencyKey(std::string_view(it->key().data(), it->key().size()));
        page.neighbors.push_back(Neighbor{parts.other, store_->node_types().Name(neighbor_type),
                                          store_->edge_types().Name(parts.type),
                                          out ? Direction::kOut : Direction::kIn});
        last_position.assign(1, out ? 'o' : 'i');
        last_position.append(it->key().data() + kIdBytes, kTypeBytes + kIdBytes);
      }
      DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
      if (more) break;
    }
    if (more) break;
  }
  if (more) page.next_page_token = EncodePageToken('N', fp.value(), last_position);
  // An edge implies its node (the checker's invariant), so only an empty
  // first page needs the node lookup that tells "no neighbours" from "no node".
  if (page.neighbors.empty() && request.page_token.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> exists,
                             GetRaw(kNodesCf, NodeKey(request.node)));
    if (!exists) return absl::NotFoundError(absl::StrCat("node ", request.node, " not found"));
  }
  return page;
}

absl::StatusOr<std::vector<DegreeCount>> ReadView::Degrees(NodeId node) const {
  std::vector<DegreeCount> out;
  const std::string prefix = AdjacencyPrefix(node);
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, false), store_->cf(kDegreesCf)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    rocksdb::Slice k = it->key();
    if (k.size() != kIdBytes + kTypeBytes + 1 || it->value().size() != 8) {
      return absl::DataLossError("corrupt degree entry");
    }
    out.push_back(DegreeCount{store_->edge_types().Name(DecodeFixed32BE(k.data() + kIdBytes)),
                              k[kIdBytes + kTypeBytes] == 'o' ? Direction::kOut : Direction::kIn,
                              DecodeFixed64BE(it->value().data())});
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  return out;
}

absl::StatusOr<uint64_t> ReadView::Degree(NodeId node, Direction direction,
                                          std::string_view edge_type) const {
  uint64_t total = 0;
  if (edge_type.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(std::vector<DegreeCount> all, Degrees(node));
    for (const DegreeCount& d : all) {
      if (direction == Direction::kBoth || d.direction == direction) total += d.count;
    }
    return total;
  }
  std::optional<TypeId> type = store_->edge_types().Find(edge_type);
  if (!type) return 0;
  for (bool out : {true, false}) {
    if ((out && direction == Direction::kIn) || (!out && direction == Direction::kOut)) continue;
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> raw,
                             GetRaw(kDegreesCf, DegreeKey(node, *type, out)));
    if (raw && raw->size() == 8) total += DecodeFixed64BE(raw->data());
  }
  return total;
}

// ---- Statistics and full scans -------------------------------------------------

absl::StatusOr<GraphStats> ReadView::Stats() const {
  GraphStats stats;
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, true), store_->cf(kMetaCf)));
  for (it->Seek("count/"); it->Valid() && it->key().starts_with("count/"); it->Next()) {
    std::string key = it->key().ToString();
    if (it->value().size() != 8) return absl::DataLossError("corrupt counter " + key);
    uint64_t count = DecodeFixed64BE(it->value().data());
    if (key == kMetaEvidenceCount) {
      stats.evidence_count = count;
    } else if (key.size() == NodeCountKey(0).size() && key.starts_with(kMetaNodeCountPrefix)) {
      if (count == 0) continue;
      stats.nodes_by_type[store_->node_types().Name(DecodeFixed32BE(key.data() + key.size() - 4))] =
          count;
      stats.node_count += count;
    } else if (key.size() == EdgeCountKey(0).size() && key.starts_with(kMetaEdgeCountPrefix)) {
      if (count == 0) continue;
      stats.edges_by_type[store_->edge_types().Name(DecodeFixed32BE(key.data() + key.size() - 4))] =
          count;
      stats.edge_count += count;
    }
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  return stats;
}

absl::Status ReadView::ForEachNode(const std::function<bool(const Node&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, true), store_->cf(kNodesCf)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != kIdBytes) return absl::DataLossError("corrupt node key");
    DOSSIER_ASSIGN_OR_RETURN(
        internal::NodeRecord record,
        DecodeNodeRecord(std::string_view(it->value().data(), it->value().size())));
    if (!fn(NodeFromRecord(DecodeFixed64BE(it->key().data()), record, store_->node_types()))) break;
  }
  return FromRocks(it->status());
}

absl::Status ReadView::ForEachEdge(bool with_evidence,
                                   const std::function<bool(const Edge&)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(
      store_->db()->NewIterator(SnapshotReadOptions(snapshot_, true), store_->cf(kOutEdgesCf)));
  // Evidence is keyed like the edges it belongs to, so one merge-join pass
  // reads both in order.
  std::unique_ptr<rocksdb::Iterator> ev;
  if (with_evidence) {
    ev.reset(
        store_->db()->NewIterator(SnapshotReadOptions(snapshot_, true), store_->cf(kEvidenceCf)));
    ev->SeekToFirst();
  }
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().size() != kAdjacencyKeyBytes) return absl::DataLossError("corrupt edge key");
    AdjacencyParts parts = DecodeAdjacencyKey(std::string_view(it->key().data(), it->key().size()));
    DOSSIER_ASSIGN_OR_RETURN(
        internal::EdgeRecord record,
        DecodeOutEdgeValue(std::string_view(it->value().data(), it->value().size())));
    Edge edge{parts.anchor,
              store_->edge_types().Name(parts.type),
              parts.other,
              PropertiesFromRecord(record.properties()),
              {}};
    if (ev) {
      while (ev->Valid() && ev->key().compare(it->key()) < 0) ev->Next();
      for (; ev->Valid() && ev->key().starts_with(it->key()); ev->Next()) {
        internal::EvidenceRecord er;
        if (!er.ParseFromArray(ev->value().data(), static_cast<int>(ev->value().size()))) {
          return absl::DataLossError("corrupt evidence record");
        }
        edge.evidence.push_back(
            EvidenceFromRecord(DecodeFixed64BE(ev->key().data() + kAdjacencyKeyBytes), er));
      }
    }
    if (!fn(edge)) break;
  }
  DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
  return ev ? FromRocks(ev->status()) : absl::OkStatus();
}

}  // namespace dossier::graph
