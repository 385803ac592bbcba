// The client-streaming UpsertEdges call. Each received message is committed
// as one write transaction on a worker thread; the next read starts only
// after that commit, so a fast client is paced by the database (flow
// control) and memory holds one message at a time.
#ifndef DOSSIER_SERVER_UPSERT_EDGES_REACTOR_H_
#define DOSSIER_SERVER_UPSERT_EDGES_REACTOR_H_

#include "dossier/v1/graph_service.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/graph_service.h"

namespace dossier::server {

class UpsertEdgesReactor : public grpc::ServerReadReactor<v1::UpsertEdgesRequest> {
 public:
  UpsertEdgesReactor(grpc::CallbackServerContext* context, v1::UpsertEdgesResponse* response,
                     const ServiceOptions* options)
      : context_(context), response_(response), options_(options) {}

  // `admitted`: the auth/read-only verdict; not OK finishes the call at once.
  void Start(const grpc::Status& admitted);

  void OnReadDone(bool ok) override;
  void OnDone() override { delete this; }

 private:
  grpc::CallbackServerContext* context_;
  v1::UpsertEdgesResponse* response_;
  const ServiceOptions* options_;
  v1::UpsertEdgesRequest request_;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_UPSERT_EDGES_REACTOR_H_
