// The mutating RPCs as plain functions. Each request is one write
// transaction (atomic); the response carries the sequence after the commit.
#ifndef DOSSIER_SERVER_WRITE_OPERATIONS_H_
#define DOSSIER_SERVER_WRITE_OPERATIONS_H_

#include "absl/status/status.h"
#include "dossier/v1/graph_service.pb.h"
#include "server/call_env.h"
#include "server/document_importer.h"

namespace dossier::server {

absl::Status UpsertNodes(const CallEnv& env, const v1::UpsertNodesRequest& request,
                         v1::UpsertNodesResponse* response);
// One message of the UpsertEdges stream; adds to the running totals.
absl::Status UpsertEdgesBatch(const CallEnv& env, const v1::UpsertEdgesRequest& request,
                              v1::UpsertEdgesResponse* totals);
absl::Status DeleteNode(const CallEnv& env, const v1::DeleteNodeRequest& request,
                        v1::DeleteNodeResponse* response);
absl::Status DeleteEdge(const CallEnv& env, const v1::DeleteEdgeRequest& request,
                        v1::DeleteEdgeResponse* response);
// UNIMPLEMENTED when `importer` is empty.
absl::Status ImportDocument(const CallEnv& env, const DocumentImporter& importer,
                            const v1::ImportDocumentRequest& request,
                            v1::ImportDocumentResponse* response);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_WRITE_OPERATIONS_H_
