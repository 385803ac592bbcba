#include "importer/graph_writer.h"

#include <filesystem>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "graph/status_macros.h"
#include "importer/name_normalizer.h"

namespace dossier::importer {
namespace {

using graph::NodeId;
using graph::Properties;
using graph::StringList;

// One letter's write, in one transaction.
class LetterWrite {
 public:
  LetterWrite(graph::WriteTransaction* txn, const ImportOptions& options, ImportResult* result)
      : txn_(txn),
        options_(options),
        result_(result),
        operations_before_(txn->pending_operations()) {}

  absl::Status Run(const LetterExtraction& x, std::string_view bytes, std::string_view file_name) {
    // What the letter's mentions and evidence will mark as stated by a document is marked as
    // the node is written: a new node's record is then written once, not rewritten by its first
    // mention or statement (a letter's whole text among them).
    for (const Relation& r : x.relations) {
      for (const Endpoint* e : {&r.from, &r.to}) {
        if (e->kind == EndpointKind::kLetter) {
          letter_supports_edges_ = true;
        } else {
          documented_.insert(e->id);
        }
      }
    }
    for (const Person& p : x.persons) {
      if (!p.mentions.empty()) documented_.insert(p.id);
    }
    for (const Organisation& o : x.organisations) {
      if (!o.mentions.empty()) documented_.insert(o.id);
    }
    DOSSIER_RETURN_IF_ERROR(WriteLetter(x, bytes, file_name));
    for (const Person& p : x.persons) {
      DOSSIER_ASSIGN_OR_RETURN(ids_[p.id], UpsertPerson(p));
      DOSSIER_RETURN_IF_ERROR(AddMentions(ids_[p.id], p.mentions));
    }
    for (const Organisation& o : x.organisations) {
      DOSSIER_ASSIGN_OR_RETURN(ids_[o.id], UpsertOrganisation(o));
      DOSSIER_RETURN_IF_ERROR(AddMentions(ids_[o.id], o.mentions));
    }
    for (const Source& s : x.sources) {
      DOSSIER_ASSIGN_OR_RETURN(ids_[s.id],
                               Upsert({.type = graph::kSource,
                                       .key = s.key,
                                       .name = s.url,
                                       .properties = {{"url", s.url}},
                                       .document_derived = documented_.contains(s.id)}));
    }
    for (const Relation& r : x.relations) DOSSIER_RETURN_IF_ERROR(WriteRelation(r));
    return absl::OkStatus();
  }

 private:
  absl::Status Checkpoint() {
    uint64_t limit = options_.fail_after_operations_for_testing;
    if (limit != 0 && txn_->pending_operations() - operations_before_ >= limit) {
      return absl::InternalError("injected failure (fail_after_operations_for_testing)");
    }
    return absl::OkStatus();
  }

  // The node's existing record is read once, by the upsert itself, which merges into it.
  absl::StatusOr<NodeId> Upsert(const graph::NodeSpec& spec,
                                graph::UpsertMode mode = graph::UpsertMode::kMerge) {
    bool created = false;
    DOSSIER_ASSIGN_OR_RETURN(NodeId id, txn_->UpsertNode(spec, mode, &created));
    ++(created ? result_->nodes_added : result_->nodes_merged);
    DOSSIER_RETURN_IF_ERROR(Checkpoint());
    return id;
  }

  absl::Status WriteLetter(const LetterExtraction& x, std::string_view bytes,
                           std::string_view file_name) {
    const Letter& l = x.letter;
    Properties p = {{"sha256", l.sha256},
                    {"file", std::string(file_name)},
                    {"size", static_cast<int64_t>(l.size)},
                    {"language", l.language},
                    {"languages", StringList(l.languages.begin(), l.languages.end())},
                    {"bilingual", l.bilingual},
                    {"text", std::string(bytes)}};
    if (l.date) p["date"] = *l.date;
    if (l.place) p["place"] = *l.place;
    if (l.title) p["title"] = *l.title;
    if (l.sender_organisation) p["sender_organisation"] = *l.sender_organisation;
    // The title names a letter best; else its file's base name (the path is a property).
    std::string name = l.title ? *l.title : std::filesystem::path(file_name).filename().string();
    if (name.empty()) name = std::string(file_name);
    graph::NodeSpec spec{.type = graph::kLetter,
                         .key = l.sha256,
                         .name = name,
                         .properties = std::move(p),
                         .document_derived = letter_supports_edges_};
    if (!file_name.empty() && file_name != "-") spec.external_id = LetterFileExternalId(file_name);
    DOSSIER_ASSIGN_OR_RETURN(letter_, txn_->UpsertNode(spec));
    ++result_->nodes_added;
    result_->letter = letter_;
    return Checkpoint();
  }

  absl::StatusOr<NodeId> UpsertPerson(const Person& person) {
    // Accumulated: the first letter's spelling stays the name and this one's becomes an alias;
    // honorifics and roles from several letters add up.
    graph::NodeSpec spec{.type = graph::kPerson,
                         .key = person.key,
                         .name = person.canonical_name,
                         .aliases = person.aliases,
                         .document_derived = documented_.contains(person.id)};
    if (!person.honorifics.empty()) spec.properties["honorifics"] = person.honorifics;
    if (!person.roles.empty()) spec.properties["roles"] = person.roles;
    return Upsert(spec, graph::UpsertMode::kAccumulate);
  }

  absl::StatusOr<NodeId> UpsertOrganisation(const Organisation& org) {
    // An organisation may be stored under the key of one of its other names.
    std::string key = org.key;
    DOSSIER_ASSIGN_OR_RETURN(std::optional<NodeId> found,
                             txn_->FindNodeIdByKey(graph::kOrganisation, key));
    for (size_t i = 0; !found.has_value() && i < org.aliases.size(); ++i) {
      std::string alias_key = NormalizeOrgKey(org.aliases[i]);
      if (alias_key.empty()) continue;
      DOSSIER_ASSIGN_OR_RETURN(found, txn_->FindNodeIdByKey(graph::kOrganisation, alias_key));
      if (found.has_value()) key = alias_key;
    }
    // Accumulated, as a person: the name first stored stays, this letter's becomes an alias.
    graph::NodeSpec spec{.type = graph::kOrganisation,
                         .key = key,
                         .name = org.canonical_name,
                         .aliases = org.aliases,
                         .document_derived = documented_.contains(org.id)};
    if (!org.type.empty()) spec.properties["type"] = org.type;
    for (const auto& [k, v] : org.attributes) spec.properties[k] = v;
    return Upsert(spec, graph::UpsertMode::kAccumulate);
  }

  absl::Status AddMentions(NodeId node, const std::vector<Mention>& mentions) {
    for (const Mention& m : mentions) {
      ++result_->mentions_added;
      DOSSIER_RETURN_IF_ERROR(txn_->AddMention({.node = node,
                                                .document = letter_,
                                                .start = m.span.start,
                                                .end = m.span.end,
                                                .surface = m.surface}));
      DOSSIER_RETURN_IF_ERROR(Checkpoint());
    }
    return absl::OkStatus();
  }

  absl::StatusOr<NodeId> EndpointNode(const Endpoint& e) {
    if (e.kind == EndpointKind::kLetter) return letter_;
    auto it = ids_.find(e.id);
    if (it == ids_.end())
      return absl::InternalError(absl::StrCat("relation names unknown entity ", e.id));
    return it->second;
  }

  absl::Status WriteRelation(const Relation& r) {
    DOSSIER_ASSIGN_OR_RETURN(NodeId from, EndpointNode(r.from));
    DOSSIER_ASSIGN_OR_RETURN(NodeId to, EndpointNode(r.to));
    graph::EdgeKey key{from, RelationTypeName(r.type), to};
    const bool implied = r.from.implied || r.to.implied;
    Properties edge_properties;
    if (implied) edge_properties["implied"] = true;
    graph::Evidence evidence{.document = letter_,
                             .start = r.evidence.span.start,
                             .end = r.evidence.span.end,
                             .text = r.evidence.quote,
                             .footnote = r.evidence.footnote.value_or(0),
                             .rule = r.evidence.rule};
    for (const auto& [k, v] : r.attributes) evidence.properties[k] = v;
    evidence.properties["implied"] = implied;
    bool created = false;
    DOSSIER_RETURN_IF_ERROR(
        txn_->UpsertEdgeWithEvidence(key, edge_properties, evidence, &created).status());
    ++(created ? result_->edges_added : result_->edges_merged);
    ++result_->evidence_added;
    return Checkpoint();
  }

  graph::WriteTransaction* txn_;
  const ImportOptions& options_;
  ImportResult* result_;
  const uint64_t operations_before_;  // The transaction may already hold other letters.
  NodeId letter_ = graph::kNoNode;
  absl::flat_hash_map<std::string, NodeId> ids_;  // Extraction ids ("P1", "O2", "S3") -> nodes.
  // Extraction ids that the letter mentions or gives evidence about, and whether it gives
  // evidence about an edge of its own.
  absl::flat_hash_set<std::string> documented_;
  bool letter_supports_edges_ = false;
};

}  // namespace

std::string LetterFileExternalId(std::string_view file_name) {
  return absl::StrCat("file:", std::string(file_name));
}

LetterImporter::LetterImporter(graph::Graph* graph, const Gazetteer* gazetteer,
                               ImportOptions options)
    : graph_(graph), gazetteer_(gazetteer), options_(std::move(options)) {}

absl::StatusOr<ImportResult> LetterImporter::Import(std::string_view bytes,
                                                    std::string_view file_name) {
  DOSSIER_ASSIGN_OR_RETURN(ImportResult result, Extract(bytes, file_name));
  DOSSIER_RETURN_IF_ERROR(Write(bytes, file_name, &result));
  return result;
}

absl::StatusOr<ImportResult> LetterImporter::Extract(std::string_view bytes,
                                                     std::string_view file_name) const {
  ImportResult result;
  result.file_name = std::string(file_name);
  // Extraction is CPU work on the letter alone: done before taking the writer lock.
  DOSSIER_ASSIGN_OR_RETURN(result.extraction,
                           ExtractLetter(bytes, file_name, *gazetteer_, options_.extract));
  const LetterExtraction& x = result.extraction;
  result.sha256 = x.letter.sha256;
  result.persons = x.persons.size();
  result.organisations = x.organisations.size();
  result.sources = x.sources.size();
  result.relations = x.relations.size();
  result.warnings = x.warnings;
  return result;
}

absl::Status LetterImporter::Write(std::string_view bytes, std::string_view file_name,
                                   ImportResult* out) const {
  if (options_.dry_run) return absl::OkStatus();
  if (graph_ == nullptr) return absl::FailedPreconditionError("no database to import into");
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<graph::WriteTransaction> txn, graph_->BeginWrite());
  DOSSIER_RETURN_IF_ERROR(WriteInto(txn.get(), bytes, file_name, out));
  if (out->unchanged) return absl::OkStatus();  // Nothing written; the transaction aborts.
  return txn->Commit();
}

absl::Status LetterImporter::WriteInto(graph::WriteTransaction* txn, std::string_view bytes,
                                       std::string_view file_name, ImportResult* out) const {
  if (options_.dry_run) return absl::OkStatus();
  ImportResult& result = *out;
  const LetterExtraction& x = result.extraction;
  return txn->RunAtomically([&]() -> absl::Status {
    if (absl::StatusOr<graph::Node> same = txn->GetNodeByKey(graph::kLetter, x.letter.sha256);
        same.ok()) {
      result.unchanged = true;
      result.letter = same->id;
      return absl::OkStatus();
    }
    if (!file_name.empty() && file_name != "-") {
      absl::StatusOr<graph::Node> previous =
          txn->GetNodeByExternalId(LetterFileExternalId(file_name));
      if (previous.ok()) {
        // A new version of the file: what the old one stated goes, unless other letters state
        // it too.
        DOSSIER_RETURN_IF_ERROR(txn->DeleteNode(previous->id));
        result.replaced = previous->id;
      }
    }
    LetterWrite write(txn, options_, &result);
    return write.Run(x, bytes, file_name);
  });
}

}  // namespace dossier::importer
