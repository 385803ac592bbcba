#include "graph/write_transaction.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "absl/container/btree_map.h"
#include "absl/container/btree_set.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "graph/document_lists.h"
#include "graph/key_codec.h"
#include "graph/name_index.h"
#include "graph/name_normalizer.h"
#include "graph/node_merge.h"
#include "graph/record_codec.h"
#include "graph/status_macros.h"
#include "graph/store.h"
#include "graph/validation.h"
#include "graph/write_transaction_impl.h"

namespace dossier::graph {

WriteTransaction::WriteTransaction(GraphStore* store) : impl_(std::make_unique<Impl>(store)) {}
WriteTransaction::~WriteTransaction() = default;

absl::StatusOr<NodeId> WriteTransaction::DoUpsertNode(const NodeSpec& spec, UpsertMode mode,
                                                      bool* created) {
  DOSSIER_RETURN_IF_ERROR(ValidateNodeSpec(spec));
  ++operations_;
  DOSSIER_ASSIGN_OR_RETURN(TypeId type, impl_->InternType(true, spec.type));
  const std::string key_index = NodeKeyIndexKey(type, spec.key);
  if (mode == UpsertMode::kAccumulate) {
    // Letters restate the same people in the same words again and again.
    const WriteTransaction::Impl::Restated* restated = impl_->FindRestated(key_index);
    if (restated != nullptr && SameSpec(restated->spec, spec)) {
      if (created != nullptr) *created = false;
      return restated->id;
    }
  }
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> existing_id,
                           impl_->Get(kNodeKeysCf, key_index));

  NodeId id;
  internal::NodeRecord record;
  // The names the index holds for an existing node: its name index keys are derived from these
  // alone, and only when they change (rarely, for a node stated again) are the keys compared.
  internal::NodeRecord old_names;
  std::string old_value;  // Serialised before the upsert, to skip rewriting an unchanged node.
  if (existing_id.has_value()) {
    id = DecodeFixed64BE(existing_id->data());
    DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord loaded, impl_->RequireNode(id, "indexed"));
    record = std::move(loaded);
    // Letters restate the same people again and again, mostly adding nothing.
    if (mode == UpsertMode::kAccumulate && AccumulatingChangesNothing(spec, record)) {
      impl_->RememberRestated(key_index, id, spec);
      if (created != nullptr) *created = false;
      return id;
    }
    old_names.set_name(record.name());
    *old_names.mutable_aliases() = record.aliases();
    old_value = record.SerializeAsString();
    if (mode == UpsertMode::kReplace) {
      record.set_name(spec.name);
      record.clear_aliases();
      for (const std::string& a : spec.aliases) record.add_aliases(a);
      PropertiesToRecord(spec.properties, record.mutable_properties());
    } else if (mode == UpsertMode::kAccumulate) {
      AccumulateInto(spec, &record);
    } else {
      // The previous name stays findable as an alias.
      if (!spec.name.empty() && spec.name != record.name()) {
        if (!record.name().empty()) record.add_aliases(record.name());
        record.set_name(spec.name);
      }
      for (const std::string& a : spec.aliases) record.add_aliases(a);
      Properties merged = PropertiesFromRecord(record.properties());
      MergeProperties(spec.properties, &merged);
      PropertiesToRecord(merged, record.mutable_properties());
    }
    if (spec.document_derived) record.set_document_derived(true);
    if (!spec.external_id.empty() && spec.external_id != record.external_id()) {
      if (!record.external_id().empty()) {
        return absl::FailedPreconditionError(
            absl::StrCat("node ", id, " already has external id '", record.external_id(),
                         "', cannot change it to '", spec.external_id, "'"));
      }
    }
  } else {
    id = impl_->AllocateNodeId();
    record.set_type(type);
    record.set_key(spec.key);
    record.set_name(spec.name);
    record.set_document_derived(spec.document_derived);
    for (const std::string& a : spec.aliases) record.add_aliases(a);
    if (mode == UpsertMode::kAccumulate) {
      Properties cleaned;
      AccumulateProperties(spec.properties, &cleaned);
      PropertiesToRecord(cleaned, record.mutable_properties());
    } else {
      PropertiesToRecord(spec.properties, record.mutable_properties());
    }
    impl_->Put(kNodeKeysCf, key_index, EncodeFixed64BE(id));
    impl_->AddCounter(kMetaCf, NodeCountKey(type), 1);
  }
  if (!spec.external_id.empty() && spec.external_id != record.external_id()) {
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> owner,
                             impl_->Get(kExternalIdsCf, spec.external_id));
    if (owner.has_value()) {
      return absl::AlreadyExistsError(absl::StrCat("external id '", spec.external_id,
                                                   "' already belongs to node ",
                                                   DecodeFixed64BE(owner->data())));
    }
    record.set_external_id(spec.external_id);
    impl_->Put(kExternalIdsCf, spec.external_id, EncodeFixed64BE(id));
  }
  NormalizeAliases(&record);
  // Letters re-state the same people again and again: only the name-index entries that changed
  // are written, and an unchanged record is not rewritten at all.
  const bool names_unchanged = existing_id.has_value() && old_names.name() == record.name() &&
                               std::equal(old_names.aliases().begin(), old_names.aliases().end(),
                                          record.aliases().begin(), record.aliases().end());
  std::vector<std::string> old_index_keys, new_index_keys;
  if (!names_unchanged) {
    if (existing_id.has_value()) old_index_keys = NameIndexKeys(id, old_names);
    new_index_keys = NameIndexKeys(id, record);
  }
  std::sort(old_index_keys.begin(), old_index_keys.end());
  std::sort(new_index_keys.begin(), new_index_keys.end());
  std::vector<std::string> removed, added;
  std::set_difference(old_index_keys.begin(), old_index_keys.end(), new_index_keys.begin(),
                      new_index_keys.end(), std::back_inserter(removed));
  std::set_difference(new_index_keys.begin(), new_index_keys.end(), old_index_keys.begin(),
                      old_index_keys.end(), std::back_inserter(added));
  for (const std::string& k : removed) impl_->Delete(kNamesCf, k);
  const std::string type_value = EncodeFixed32BE(type);
  for (const std::string& k : added) {
    // A new node's entries hold its new id: nothing else holds those keys.
    if (existing_id.has_value()) {
      impl_->Put(kNamesCf, k, type_value);
    } else {
      impl_->PutNew(kNamesCf, k, type_value);
    }
  }
  if (!existing_id.has_value() || record.SerializeAsString() != old_value) {
    impl_->StoreNode(id, record);
    impl_->ForgetRestated(key_index);
  }
  if (created != nullptr) *created = !existing_id.has_value();
  return id;
}

absl::StatusOr<Node> WriteTransaction::GetNode(NodeId id) {
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, impl_->RequireNode(id, ""));
  return NodeFromRecord(id, record, impl_->store()->node_types());
}

// The id the node_keys index holds for (type, key), if any.
static absl::StatusOr<std::optional<NodeId>> NodeIdByKey(WriteTransaction::Impl* impl, TypeId type,
                                                         std::string_view key) {
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           impl->Get(kNodeKeysCf, NodeKeyIndexKey(type, key)));
  if (!id) return std::optional<NodeId>();
  return std::optional<NodeId>(DecodeFixed64BE(id->data()));
}

absl::StatusOr<std::optional<NodeId>> WriteTransaction::FindNodeIdByKey(std::string_view type,
                                                                        std::string_view key) {
  std::optional<TypeId> type_id = impl_->store()->node_types().Find(type);
  if (!type_id) return std::optional<NodeId>();
  return NodeIdByKey(impl_.get(), *type_id, key);
}

absl::StatusOr<Node> WriteTransaction::GetNodeByKey(std::string_view type, std::string_view key) {
  std::optional<TypeId> type_id = impl_->store()->node_types().Find(type);
  if (!type_id) return absl::NotFoundError(absl::StrCat("no node type '", std::string(type), "'"));
  DOSSIER_ASSIGN_OR_RETURN(std::optional<NodeId> id, NodeIdByKey(impl_.get(), *type_id, key));
  if (!id)
    return absl::NotFoundError(
        absl::StrCat("no ", std::string(type), " with key '", std::string(key), "'"));
  return GetNode(*id);
}

absl::StatusOr<Node> WriteTransaction::GetNodeByExternalId(std::string_view external_id) {
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> id,
                           impl_->Get(kExternalIdsCf, std::string(external_id)));
  if (!id)
    return absl::NotFoundError(
        absl::StrCat("no node with external id '", std::string(external_id), "'"));
  return GetNode(DecodeFixed64BE(id->data()));
}

absl::StatusOr<std::vector<NodeId>> WriteTransaction::FindByExactName(std::string_view name,
                                                                      std::string_view type) {
  std::string normalized = NormalizeName(name);
  std::vector<NodeId> ids;
  if (normalized.empty()) return ids;
  std::optional<TypeId> type_id;
  if (!type.empty()) {
    type_id = impl_->store()->node_types().Find(type);
    if (!type_id) return ids;
  }
  DOSSIER_ASSIGN_OR_RETURN(
      auto entries, impl_->Scan(kNamesCf, NameIndexPrefix(kFullNameIndex, normalized, true)));
  for (const auto& [key, value] : entries) {
    if (type_id && (value.size() != 4 || DecodeFixed32BE(value.data()) != *type_id)) continue;
    ids.push_back(DecodeFixed64BE(key.data() + key.size() - kIdBytes));
  }
  return ids;
}

// ---- Edges ----------------------------------------------------------------------

// Creates the edge or merges `properties` into it, marking it as stated by a document when
// `document_derived`; returns its type.
static absl::StatusOr<TypeId> WriteEdgeRecords(WriteTransaction::Impl* impl, const EdgeKey& key,
                                               const Properties& properties, bool document_derived,
                                               bool* created) {
  DOSSIER_RETURN_IF_ERROR(ValidateTypeName("edge type", key.type));
  DOSSIER_RETURN_IF_ERROR(ValidateProperties("edge property", properties));
  DOSSIER_ASSIGN_OR_RETURN(WriteTransaction::Impl::NodeFacts src,
                           impl->RequireNodeFacts(key.src, "source"));
  DOSSIER_ASSIGN_OR_RETURN(WriteTransaction::Impl::NodeFacts dst,
                           impl->RequireNodeFacts(key.dst, "target"));
  DOSSIER_ASSIGN_OR_RETURN(TypeId type, impl->InternType(false, key.type));
  const std::string out_key = AdjacencyKey(key.src, type, key.dst);
  bool staged_here = false;
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> existing,
                           impl->Get(kOutEdgesCf, out_key, &staged_here));
  if (created != nullptr) *created = !existing.has_value();
  internal::EdgeRecord record;
  if (existing) {
    DOSSIER_ASSIGN_OR_RETURN(record, DecodeOutEdgeValue(*existing));
    const bool mark = document_derived && !record.document_derived();
    if (properties.empty() && !mark) return type;  // Nothing to change in the edge.
    if (!properties.empty()) {
      Properties merged = PropertiesFromRecord(record.properties());
      MergeProperties(properties, &merged);
      PropertiesToRecord(merged, record.mutable_properties());
    }
  } else {
    PropertiesToRecord(properties, record.mutable_properties());
    // The mirror is written and deleted with the edge: if this batch has not touched the edge,
    // it has not touched the mirror.
    std::string in_key = AdjacencyKey(key.dst, type, key.src);
    if (staged_here) {
      impl->Put(kInEdgesCf, in_key, EncodeInEdgeValue(src.type));
    } else {
      impl->PutNew(kInEdgesCf, in_key, EncodeInEdgeValue(src.type));
    }
    impl->AddCounter(kDegreesCf, DegreeKey(key.src, type, true), 1);
    impl->AddCounter(kDegreesCf, DegreeKey(key.dst, type, false), 1);
    impl->AddCounter(kMetaCf, EdgeCountKey(type), 1);
  }
  if (document_derived) record.set_document_derived(true);
  impl->Put(kOutEdgesCf, out_key, EncodeOutEdgeValue(dst.type, record));
  return type;
}

absl::Status WriteTransaction::DoUpsertEdge(const EdgeKey& key, const Properties& properties) {
  ++operations_;
  return WriteEdgeRecords(impl_.get(), key, properties, /*document_derived=*/false,
                          /*created=*/nullptr)
      .status();
}

absl::StatusOr<bool> WriteTransaction::EdgeExists(const EdgeKey& key) {
  std::optional<TypeId> type = impl_->store()->edge_types().Find(key.type);
  if (!type) return false;
  DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> existing,
                           impl_->Get(kOutEdgesCf, AdjacencyKey(key.src, *type, key.dst)));
  return existing.has_value();
}

// Removes the edge, its mirror, its evidence (with the by-document index) and
// adjusts the counters. The edge must exist.
// Entries to take off each document's lists (an evidence key is its own entry).
using Unlisted = absl::btree_map<NodeId, absl::flat_hash_set<std::string>>;

static absl::Status UnlistEvidence(WriteTransaction::Impl* impl, const Unlisted& unlisted) {
  for (const auto& [document, entries] : unlisted) {
    DOSSIER_RETURN_IF_ERROR(impl->UnlistFromDocument(kEvidenceByDocCf, document, entries));
  }
  return absl::OkStatus();
}

// Deletes the edge with its evidence, mirror and counters. Its evidence goes into `unlisted`
// when given (a caller deleting many edges takes each document's entries off its lists once);
// else it is taken off the lists here.
static absl::Status DeleteEdgeRecords(WriteTransaction::Impl* impl, NodeId src, TypeId type,
                                      NodeId dst, Unlisted* unlisted = nullptr);

absl::Status WriteTransaction::DoDeleteEdge(const EdgeKey& key) {
  DOSSIER_ASSIGN_OR_RETURN(bool exists, EdgeExists(key));
  if (!exists) {
    return absl::NotFoundError(
        absl::StrCat("edge ", key.src, " -[", key.type, "]-> ", key.dst, " not found"));
  }
  ++operations_;
  return DeleteEdgeRecords(impl_.get(), key.src, *impl_->store()->edge_types().Find(key.type),
                           key.dst);
}

static absl::Status DeleteEdgeRecords(WriteTransaction::Impl* impl, NodeId src, TypeId type,
                                      NodeId dst, Unlisted* unlisted) {
  const std::string edge_key = AdjacencyKey(src, type, dst);
  DOSSIER_ASSIGN_OR_RETURN(auto evidence, impl->Scan(kEvidenceCf, edge_key));
  Unlisted own;
  Unlisted& listed = unlisted != nullptr ? *unlisted : own;
  for (const auto& [key, value] : evidence) {
    internal::EvidenceRecord record;
    if (!record.ParseFromString(value)) return absl::DataLossError("corrupt evidence record");
    listed[record.document()].insert(key);
    impl->Delete(kEvidenceCf, key);
    impl->AddCounter(kMetaCf, kMetaEvidenceCount, -1);
  }
  if (unlisted == nullptr) DOSSIER_RETURN_IF_ERROR(UnlistEvidence(impl, own));
  impl->Delete(kOutEdgesCf, edge_key);
  impl->Delete(kInEdgesCf, AdjacencyKey(dst, type, src));
  impl->AddCounter(kDegreesCf, DegreeKey(src, type, true), -1);
  impl->AddCounter(kDegreesCf, DegreeKey(dst, type, false), -1);
  impl->AddCounter(kMetaCf, EdgeCountKey(type), -1);
  return absl::OkStatus();
}

// The evidence record and its index entry behind an edge known to exist, of type `type`.
static absl::StatusOr<EvidenceId> WriteEvidenceRecords(WriteTransaction::Impl* impl,
                                                       const EdgeKey& key, TypeId type,
                                                       const Evidence& evidence) {
  DOSSIER_RETURN_IF_ERROR(impl->MarkDocumentDerived(key.src));
  DOSSIER_RETURN_IF_ERROR(impl->MarkDocumentDerived(key.dst));
  EvidenceId id = impl->AllocateRecordId();
  const std::string evidence_key = EvidenceKey(key.src, type, key.dst, id);
  impl->PutNew(kEvidenceCf, evidence_key, EncodeEvidenceRecord(evidence));
  impl->ListUnderDocument(kEvidenceByDocCf, evidence.document, id, evidence_key);
  impl->AddCounter(kMetaCf, kMetaEvidenceCount, 1);
  return id;
}

absl::StatusOr<EvidenceId> WriteTransaction::DoAddEvidence(const EdgeKey& key,
                                                           const Evidence& evidence) {
  DOSSIER_RETURN_IF_ERROR(ValidateEvidence(evidence));
  std::optional<TypeId> type = impl_->store()->edge_types().Find(key.type);
  const std::string edge_key = type ? AdjacencyKey(key.src, *type, key.dst) : std::string();
  std::optional<std::string> edge_value;
  if (type) {
    DOSSIER_ASSIGN_OR_RETURN(edge_value, impl_->Get(kOutEdgesCf, edge_key));
  }
  if (!edge_value) {
    return absl::NotFoundError(
        absl::StrCat("evidence for a missing edge ", key.src, " -[", key.type, "]-> ", key.dst));
  }
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(evidence.document, "document").status());
  DOSSIER_ASSIGN_OR_RETURN(internal::EdgeRecord edge, DecodeOutEdgeValue(*edge_value));
  if (!edge.document_derived()) {
    edge.set_document_derived(true);
    impl_->Put(kOutEdgesCf, edge_key, EncodeOutEdgeValue(OutEdgeNeighborType(*edge_value), edge));
  }
  ++operations_;
  return WriteEvidenceRecords(impl_.get(), key, *type, evidence);
}

absl::StatusOr<EvidenceId> WriteTransaction::DoUpsertEdgeWithEvidence(const EdgeKey& key,
                                                                      const Properties& properties,
                                                                      const Evidence& evidence,
                                                                      bool* created) {
  // Everything that can refuse the evidence is checked before the edge is written.
  DOSSIER_RETURN_IF_ERROR(ValidateEvidence(evidence));
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(evidence.document, "document").status());
  operations_ += 2;  // An edge and its evidence, as UpsertEdge and AddEvidence count them.
  DOSSIER_ASSIGN_OR_RETURN(TypeId type, WriteEdgeRecords(impl_.get(), key, properties,
                                                         /*document_derived=*/true, created));
  return WriteEvidenceRecords(impl_.get(), key, type, evidence);
}

absl::Status WriteTransaction::DoAddMention(const Mention& mention) {
  if (mention.end < mention.start) {
    return absl::InvalidArgumentError("mention span end is before its start");
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText("mention surface", mention.surface));
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(mention.node, "mentioned").status());
  DOSSIER_RETURN_IF_ERROR(impl_->RequireNodeFacts(mention.document, "document").status());
  ++operations_;
  DOSSIER_RETURN_IF_ERROR(impl_->MarkDocumentDerived(mention.node));
  uint64_t id = impl_->AllocateRecordId();
  internal::MentionRecord record;
  record.set_start(mention.start);
  record.set_end(mention.end);
  record.set_surface(mention.surface);
  impl_->PutNew(kMentionsCf, MentionKey(mention.node, mention.document, id),
                record.SerializeAsString());
  impl_->ListUnderDocument(kMentionsByDocCf, mention.document, id,
                           MentionListEntry(mention.node, id));
  return absl::OkStatus();
}

// ---- Deletes and document removal --------------------------------------------

// Deletes what `document` stated and mentioned, and its lists of them. The edges it gave
// evidence for and the nodes it mentioned are added to `edges` and `nodes`, and counted in
// `result`, for those that are not null.
static absl::Status DeleteDocumentLists(WriteTransaction::Impl* impl, NodeId document,
                                        absl::btree_set<std::tuple<NodeId, TypeId, NodeId>>* edges,
                                        absl::btree_set<NodeId>* nodes,
                                        RemoveDocumentResult* result) {
  DOSSIER_ASSIGN_OR_RETURN(WriteTransaction::Impl::DocumentListing evidence,
                           impl->ReadDocumentLists(kEvidenceByDocCf, document));
  for (const std::string& key : evidence.list_keys) impl->Delete(kEvidenceByDocCf, key);
  for (const std::string& entry : evidence.entries) {
    impl->Delete(kEvidenceCf, entry);  // An entry is the evidence's key.
    impl->AddCounter(kMetaCf, kMetaEvidenceCount, -1);
    if (edges != nullptr) {
      AdjacencyParts edge =
          DecodeAdjacencyKey(std::string_view(entry).substr(0, kAdjacencyKeyBytes));
      edges->insert({edge.anchor, edge.type, edge.other});
    }
    if (result != nullptr) ++result->evidence_removed;
  }
  DOSSIER_ASSIGN_OR_RETURN(WriteTransaction::Impl::DocumentListing mentions,
                           impl->ReadDocumentLists(kMentionsByDocCf, document));
  for (const std::string& key : mentions.list_keys) impl->Delete(kMentionsByDocCf, key);
  for (const std::string& entry : mentions.entries) {
    NodeId node = DecodeFixed64BE(entry.data());
    impl->Delete(kMentionsCf, MentionKey(node, document, DecodeFixed64BE(entry.data() + kIdBytes)));
    if (nodes != nullptr) nodes->insert(node);
    if (result != nullptr) ++result->mentions_removed;
  }
  return absl::OkStatus();
}

// Removes the node with every edge, mention and index entry, and whatever it
// documented (without cascading to what that leaves unsupported).
static absl::Status DeleteNodeRecords(WriteTransaction::Impl* impl, NodeId id) {
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, impl->RequireNode(id, ""));
  const std::string prefix = AdjacencyPrefix(id);
  DOSSIER_ASSIGN_OR_RETURN(auto out_edges, impl->Scan(kOutEdgesCf, prefix));
  DOSSIER_ASSIGN_OR_RETURN(auto in_edges, impl->Scan(kInEdgesCf, prefix));
  // A hub's edges may be stated by one document thousands of times: its lists are rewritten once.
  Unlisted unlisted;
  for (const auto& [key, value] : out_edges) {
    AdjacencyParts parts = DecodeAdjacencyKey(key);
    DOSSIER_RETURN_IF_ERROR(DeleteEdgeRecords(impl, id, parts.type, parts.other, &unlisted));
  }
  for (const auto& [key, value] : in_edges) {
    AdjacencyParts parts = DecodeAdjacencyKey(key);
    if (parts.other == id) continue;  // A self-loop, gone with the out-edges.
    DOSSIER_RETURN_IF_ERROR(DeleteEdgeRecords(impl, parts.other, parts.type, id, &unlisted));
  }
  DOSSIER_RETURN_IF_ERROR(UnlistEvidence(impl, unlisted));
  DOSSIER_ASSIGN_OR_RETURN(auto mentions, impl->Scan(kMentionsCf, prefix));
  Unlisted mentions_unlisted;
  for (const auto& [key, value] : mentions) {
    NodeId doc = DecodeFixed64BE(key.data() + kIdBytes);
    uint64_t mention_id = DecodeFixed64BE(key.data() + 2 * kIdBytes);
    impl->Delete(kMentionsCf, key);
    mentions_unlisted[doc].insert(MentionListEntry(id, mention_id));
  }
  for (const auto& [doc, entries] : mentions_unlisted) {
    DOSSIER_RETURN_IF_ERROR(impl->UnlistFromDocument(kMentionsByDocCf, doc, entries));
  }
  // What this node documented, if it is a document.
  DOSSIER_RETURN_IF_ERROR(DeleteDocumentLists(impl, id, nullptr, nullptr, nullptr));
  for (const std::string& k : NameIndexKeys(id, record)) impl->Delete(kNamesCf, k);
  impl->Delete(kNodeKeysCf, NodeKeyIndexKey(record.type(), record.key()));
  if (!record.external_id().empty()) impl->Delete(kExternalIdsCf, record.external_id());
  impl->Delete(kNodesCf, NodeKey(id));
  impl->ForgetNode(id);
  impl->AddCounter(kMetaCf, NodeCountKey(record.type()), -1);
  return absl::OkStatus();
}

absl::Status WriteTransaction::DoDeleteNode(NodeId id) {
  DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, impl_->RequireNode(id, ""));
  ++operations_;
  // A document takes what only it supported with it.
  DOSSIER_RETURN_IF_ERROR(DoRemoveDocument(id).status());
  return DeleteNodeRecords(impl_.get(), id);
}

absl::StatusOr<RemoveDocumentResult> WriteTransaction::DoRemoveDocument(NodeId document) {
  ++operations_;
  RemoveDocumentResult result;
  absl::btree_set<std::tuple<NodeId, TypeId, NodeId>> edges;
  absl::btree_set<NodeId> nodes;

  DOSSIER_RETURN_IF_ERROR(DeleteDocumentLists(impl_.get(), document, &edges, &nodes, &result));
  for (const auto& [src, type, dst] : edges) {
    const std::string edge_key = AdjacencyKey(src, type, dst);
    DOSSIER_ASSIGN_OR_RETURN(std::optional<std::string> value, impl_->Get(kOutEdgesCf, edge_key));
    if (!value) continue;
    DOSSIER_ASSIGN_OR_RETURN(bool still_supported, impl_->HasPrefix(kEvidenceCf, edge_key));
    DOSSIER_ASSIGN_OR_RETURN(internal::EdgeRecord record, DecodeOutEdgeValue(*value));
    if (still_supported || !record.document_derived()) continue;
    DOSSIER_RETURN_IF_ERROR(DeleteEdgeRecords(impl_.get(), src, type, dst));
    ++result.edges_removed;
    nodes.insert(src);
    nodes.insert(dst);
  }
  for (NodeId node : nodes) {
    if (node == document) continue;
    DOSSIER_ASSIGN_OR_RETURN(std::optional<internal::NodeRecord> record, impl_->LoadNode(node));
    if (!record || !record->document_derived()) continue;
    const std::string node_prefix = AdjacencyPrefix(node);
    bool supported = false;
    for (ColumnFamily cf : {kMentionsCf, kOutEdgesCf, kInEdgesCf, kEvidenceByDocCf}) {
      DOSSIER_ASSIGN_OR_RETURN(bool has, impl_->HasPrefix(cf, node_prefix));
      supported = supported || has;
    }
    if (supported) continue;
    DOSSIER_RETURN_IF_ERROR(DeleteNodeRecords(impl_.get(), node));
    ++result.nodes_removed;
  }
  return result;
}

absl::StatusOr<NodeId> WriteTransaction::UpsertNode(const NodeSpec& spec, UpsertMode mode,
                                                    bool* created) {
  return impl_->Atomically(
      [&]() -> absl::StatusOr<NodeId> { return DoUpsertNode(spec, mode, created); });
}

absl::Status WriteTransaction::UpsertEdge(const EdgeKey& key, const Properties& properties) {
  return impl_->Atomically([&]() -> absl::Status { return DoUpsertEdge(key, properties); });
}

absl::Status WriteTransaction::DeleteEdge(const EdgeKey& key) {
  return impl_->Atomically([&]() -> absl::Status { return DoDeleteEdge(key); });
}

absl::StatusOr<EvidenceId> WriteTransaction::AddEvidence(const EdgeKey& key,
                                                         const Evidence& evidence) {
  return impl_->Atomically(
      [&]() -> absl::StatusOr<EvidenceId> { return DoAddEvidence(key, evidence); });
}

absl::StatusOr<EvidenceId> WriteTransaction::UpsertEdgeWithEvidence(const EdgeKey& key,
                                                                    const Properties& properties,
                                                                    const Evidence& evidence,
                                                                    bool* created) {
  return impl_->Atomically([&]() -> absl::StatusOr<EvidenceId> {
    return DoUpsertEdgeWithEvidence(key, properties, evidence, created);
  });
}

absl::Status WriteTransaction::AddMention(const Mention& mention) {
  return impl_->Atomically([&]() -> absl::Status { return DoAddMention(mention); });
}

absl::Status WriteTransaction::DeleteNode(NodeId id) {
  return impl_->Atomically([&]() -> absl::Status { return DoDeleteNode(id); });
}

absl::StatusOr<RemoveDocumentResult> WriteTransaction::RemoveDocument(NodeId document) {
  return impl_->Atomically(
      [&]() -> absl::StatusOr<RemoveDocumentResult> { return DoRemoveDocument(document); });
}

absl::Status WriteTransaction::RunAtomically(absl::FunctionRef<absl::Status()> body) {
  return impl_->Atomically([&]() -> absl::Status { return body(); });
}

absl::Status WriteTransaction::Commit() { return impl_->Commit(); }

absl::Status WriteTransaction::CommitStagedInBackground() {
  return impl_->CommitStagedInBackground();
}

absl::Status WriteTransaction::AwaitBackgroundCommit() { return impl_->AwaitBackgroundCommit(); }

void WriteTransaction::Abort() { impl_->Abort(); }

uint64_t WriteTransaction::database_reads() const { return impl_->database_reads(); }
uint64_t WriteTransaction::in_flight_reads() const { return impl_->in_flight_reads(); }

}  // namespace dossier::graph
