#include "server/write_operations.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "graph/status_macros.h"
#include "graph/utf8.h"
#include "graph/validation.h"
#include "proto/convert.h"

namespace dossier::server {
namespace {

// Prefixes an error with where in the request it happened.
absl::Status At(const std::string& where, const absl::Status& status) {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(where, ": ", status.message()));
}

absl::Status CheckBatch(std::string_view field, int size, int cap) {
  if (size == 0) return absl::InvalidArgumentError(absl::StrCat(std::string(field), " is empty"));
  if (size > cap) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), " has ", size, " entries; at most ", cap, " per request"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status UpsertNodes(const CallEnv& env, const v1::UpsertNodesRequest& request,
                         v1::UpsertNodesResponse* response) {
  DOSSIER_RETURN_IF_ERROR(CheckBatch("nodes", request.nodes_size(), env.caps->max_batch));
  graph::UpsertMode mode;
  switch (request.mode()) {
    case v1::UPSERT_MODE_UNSPECIFIED:
    case v1::UPSERT_MODE_MERGE:
      mode = graph::UpsertMode::kMerge;
      break;
    case v1::UPSERT_MODE_REPLACE:
      mode = graph::UpsertMode::kReplace;
      break;
    case v1::UPSERT_MODE_ACCUMULATE:
      mode = graph::UpsertMode::kAccumulate;
      break;
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("mode ", request.mode(), " is not a known UpsertMode"));
  }
  // Validate everything before taking the writer lock.
  std::vector<graph::NodeSpec> specs;
  for (int i = 0; i < request.nodes_size(); ++i) {
    std::string where = absl::StrCat("nodes[", i, "]");
    absl::StatusOr<graph::NodeSpec> spec = proto::NodeSpecFromProto(request.nodes(i));
    if (!spec.ok()) return At(where, spec.status());
    DOSSIER_RETURN_IF_ERROR(At(where, graph::ValidateNodeSpec(*spec)));
    specs.push_back(*std::move(spec));
  }
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<graph::WriteTransaction> txn, env.graph->BeginWrite());
  std::vector<graph::Node> stored;
  for (size_t i = 0; i < specs.size(); ++i) {
    absl::StatusOr<graph::NodeId> id = txn->UpsertNode(specs[i], mode);
    if (!id.ok()) return At(absl::StrCat("nodes[", i, "]"), id.status());
    DOSSIER_ASSIGN_OR_RETURN(graph::Node node, txn->GetNode(*id));
    stored.push_back(std::move(node));
  }
  DOSSIER_RETURN_IF_ERROR(txn->Commit());
  for (const graph::Node& node : stored) proto::NodeToProto(node, response->add_nodes());
  response->set_write_sequence(env.graph->LatestSequence());
  return absl::OkStatus();
}

absl::Status UpsertEdgesBatch(const CallEnv& env, const v1::UpsertEdgesRequest& request,
                              v1::UpsertEdgesResponse* totals) {
  DOSSIER_RETURN_IF_ERROR(CheckBatch("edges", request.edges_size(), env.caps->max_batch));
  std::vector<graph::Edge> edges;
  for (int i = 0; i < request.edges_size(); ++i) {
    std::string where = absl::StrCat("edges[", i, "]");
    const v1::Edge& e = request.edges(i);
    DOSSIER_RETURN_IF_ERROR(At(where, ValidateNodeId("source_id", e.source_id())));
    DOSSIER_RETURN_IF_ERROR(At(where, ValidateNodeId("target_id", e.target_id())));
    DOSSIER_RETURN_IF_ERROR(At(where, graph::ValidateTypeName("type", e.type())));
    absl::StatusOr<graph::Edge> edge = proto::EdgeFromProto(e);
    if (!edge.ok()) return At(where, edge.status());
    DOSSIER_RETURN_IF_ERROR(At(where, graph::ValidateProperties("properties", edge->properties)));
    for (const graph::Evidence& evidence : edge->evidence) {
      DOSSIER_RETURN_IF_ERROR(At(where, ValidateNodeId("evidence.document_id", evidence.document)));
      DOSSIER_RETURN_IF_ERROR(At(where, graph::ValidateEvidence(evidence)));
    }
    edges.push_back(*std::move(edge));
  }
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<graph::WriteTransaction> txn, env.graph->BeginWrite());
  int64_t evidence_added = 0;
  for (size_t i = 0; i < edges.size(); ++i) {
    const graph::Edge& edge = edges[i];
    std::string where = absl::StrCat("edges[", i, "]");
    graph::EdgeKey key{edge.src, edge.type, edge.dst};
    DOSSIER_RETURN_IF_ERROR(At(where, txn->UpsertEdge(key, edge.properties)));
    for (const graph::Evidence& evidence : edge.evidence) {
      absl::StatusOr<graph::EvidenceId> id = txn->AddEvidence(key, evidence);
      if (!id.ok()) return At(where, id.status());
      ++evidence_added;
    }
  }
  DOSSIER_RETURN_IF_ERROR(txn->Commit());
  totals->set_edges_upserted(totals->edges_upserted() + static_cast<int64_t>(edges.size()));
  totals->set_evidence_added(totals->evidence_added() + evidence_added);
  totals->set_batches_committed(totals->batches_committed() + 1);
  totals->set_write_sequence(env.graph->LatestSequence());
  return absl::OkStatus();
}

absl::Status DeleteNode(const CallEnv& env, const v1::DeleteNodeRequest& request,
                        v1::DeleteNodeResponse* response) {
  DOSSIER_RETURN_IF_ERROR(ValidateNodeId("node_id", request.node_id()));
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<graph::WriteTransaction> txn, env.graph->BeginWrite());
  DOSSIER_RETURN_IF_ERROR(txn->GetNode(request.node_id()).status());
  DOSSIER_RETURN_IF_ERROR(txn->DeleteNode(request.node_id()));
  DOSSIER_RETURN_IF_ERROR(txn->Commit());
  response->set_write_sequence(env.graph->LatestSequence());
  return absl::OkStatus();
}

absl::Status DeleteEdge(const CallEnv& env, const v1::DeleteEdgeRequest& request,
                        v1::DeleteEdgeResponse* response) {
  DOSSIER_RETURN_IF_ERROR(ValidateNodeId("source_id", request.source_id()));
  DOSSIER_RETURN_IF_ERROR(ValidateNodeId("target_id", request.target_id()));
  DOSSIER_RETURN_IF_ERROR(graph::ValidateTypeName("type", request.type()));
  graph::EdgeKey key{request.source_id(), request.type(), request.target_id()};
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<graph::WriteTransaction> txn, env.graph->BeginWrite());
  DOSSIER_ASSIGN_OR_RETURN(bool exists, txn->EdgeExists(key));
  if (!exists) {
    return absl::NotFoundError(absl::StrCat("no edge ", key.src, " -[", key.type, "]-> ", key.dst));
  }
  DOSSIER_RETURN_IF_ERROR(txn->DeleteEdge(key));
  DOSSIER_RETURN_IF_ERROR(txn->Commit());
  response->set_write_sequence(env.graph->LatestSequence());
  return absl::OkStatus();
}

absl::Status ImportDocument(const CallEnv& env, const DocumentImporter& importer,
                            const v1::ImportDocumentRequest& request,
                            v1::ImportDocumentResponse* response) {
  if (!importer) {
    return absl::UnimplementedError("this server has no document importer configured");
  }
  if (request.file_name().empty()) return absl::InvalidArgumentError("file_name is empty");
  DOSSIER_RETURN_IF_ERROR(graph::ValidateText("file_name", request.file_name()));
  if (request.content().empty()) return absl::InvalidArgumentError("content is empty");
  DOSSIER_ASSIGN_OR_RETURN(ImportOutcome outcome,
                           importer(*env.graph, request.content(), request.file_name()));
  response->set_letter_id(outcome.letter_id);
  response->set_nodes_created(outcome.nodes_created);
  response->set_nodes_matched(outcome.nodes_matched);
  response->set_edges_created(outcome.edges_created);
  response->set_evidence_added(outcome.evidence_added);
  response->set_mentions_added(outcome.mentions_added);
  for (std::string& w : outcome.warnings) {
    // Warnings quote the document; keep the response valid UTF-8 whatever it held.
    if (!IsValidUtf8(w)) w = "(a warning with invalid UTF-8 was dropped)";
    response->add_warnings(w);
  }
  response->set_write_sequence(env.graph->LatestSequence());
  return absl::OkStatus();
}

}  // namespace dossier::server
