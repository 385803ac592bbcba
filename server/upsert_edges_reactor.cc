#include "server/upsert_edges_reactor.h"

#include "absl/strings/str_cat.h"
#include "server/write_operations.h"

namespace dossier::server {

void UpsertEdgesReactor::Start(const grpc::Status& admitted) {
  if (!admitted.ok()) {
    Finish(admitted);
    return;
  }
  StartRead(&request_);
}

void UpsertEdgesReactor::OnReadDone(bool ok) {
  if (!ok) {
    // The client half-closed (or went away): report the totals.
    Finish(grpc::Status::OK);
    return;
  }
  bool queued = options_->pool->TrySubmit([this] {
    if (context_->IsCancelled()) {
      Finish(grpc::Status::CANCELLED);
      return;
    }
    CallEnv env = MakeCallEnv(*options_, context_);
    absl::Status s = UpsertEdgesBatch(env, request_, response_);
    if (!s.ok()) {
      Finish(ToGrpcStatus(absl::Status(
          s.code(), absl::StrCat("stream message ", response_->batches_committed() + 1, ": ",
                                 s.message(), " (", response_->batches_committed(),
                                 " earlier messages stay committed)"))));
      return;
    }
    request_.Clear();
    StartRead(&request_);
  });
  if (!queued) {
    Finish({grpc::StatusCode::RESOURCE_EXHAUSTED,
            "the server is busy (its work queue is full); retry with backoff"});
  }
}

}  // namespace dossier::server
