#include "server/traverse_reactor.h"

#include <memory>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "graph/status_macros.h"
#include "proto/convert.h"

namespace dossier::server {

void TraverseReactor::Start(const grpc::Status& admitted) {
  if (!admitted.ok()) {
    Finish(admitted);
    return;
  }
  if (!options_->pool->TrySubmit([this] { Run(); })) {
    Finish({grpc::StatusCode::RESOURCE_EXHAUSTED,
            "the server is busy (its work queue is full); retry with backoff"});
  }
}

void TraverseReactor::Run() {
  v1::TraverseResponse last;
  absl::Status status = Walk(&last);
  if (status.ok() && !cancelled_.load()) {
    last.set_done(true);
    Push(std::move(last));
  }
  grpc::Status final_status = ToGrpcStatus(status);
  if (status.ok() && cancelled_.load()) {
    final_status = grpc::Status(grpc::StatusCode::CANCELLED, "the traversal was cancelled");
  }
  WorkerDone(final_status);
}

absl::Status TraverseReactor::Walk(v1::TraverseResponse* last) {
  const v1::TraverseRequest& request = *request_;
  CallEnv env = MakeCallEnv(*options_, context_);
  env.cancelled = [this] { return cancelled_.load() || context_->IsCancelled(); };
  const ServerCaps& caps = *env.caps;
  DOSSIER_ASSIGN_OR_RETURN(graph::Direction direction,
                           proto::DirectionFromProto(request.direction(), graph::Direction::kBoth));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> edge_types,
                           TypeNames("edge_types", request.edge_types()));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> node_types,
                           TypeNames("node_types", request.node_types()));
  DOSSIER_ASSIGN_OR_RETURN(int64_t min_depth,
                           ClipLimit("min_depth", request.min_depth(), 0, caps.max_depth));
  DOSSIER_ASSIGN_OR_RETURN(int64_t max_depth,
                           ClipLimit("max_depth", request.max_depth(), 2, caps.max_depth));
  if (min_depth > max_depth) {
    return absl::InvalidArgumentError(
        absl::StrCat("min_depth (", min_depth, ") is greater than max_depth (", max_depth, ")"));
  }
  DOSSIER_ASSIGN_OR_RETURN(int64_t batch_size, ClipLimit("batch_size", request.batch_size(), 256,
                                                         caps.max_traverse_batch));
  DOSSIER_ASSIGN_OR_RETURN(graph::TraversalLimits limits, EffectiveLimits(request.limits(), env));

  std::unique_ptr<graph::ReadView> view = options_->graph->NewReadView();
  const uint64_t sequence = view->sequence();
  DOSSIER_ASSIGN_OR_RETURN(std::vector<graph::NodeId> seeds,
                           ResolveSeeds("seed_ids", request.seed_ids(), *view, caps.max_batch));

  v1::TraverseResponse batch;
  batch.set_read_sequence(sequence);
  const absl::Time deadline = limits.deadline;
  v1::StopReason stopped_by = v1::STOP_REASON_UNSPECIFIED;
  absl::Status visit_status;
  const absl::Duration delay = options_->testing_delay_per_hit;
  auto visitor = [&](const graph::TraversalHit& hit) {
    v1::TraversalHit* out = batch.add_hits();
    out->set_node_id(hit.node);
    out->set_node_type(std::string(hit.node_type));
    out->set_depth(hit.depth);
    out->set_via_node_id(hit.via_node);
    out->set_via_edge_type(std::string(hit.via_edge_type));
    if (hit.via_node != graph::kNoNode) {
      out->set_via_direction(proto::DirectionToProto(hit.via_direction));
    }
    if (request.include_nodes()) {
      absl::StatusOr<graph::Node> node = view->GetNode(hit.node);
      if (!node.ok()) {
        visit_status = node.status();
        return false;
      }
      proto::NodeToProto(*node, out->mutable_node());
    }
    if (delay > absl::ZeroDuration()) absl::SleepFor(delay);
    if (batch.hits_size() >= batch_size) {
      // Between batches: the client may have gone, or time run out. The
      // BFS itself checks both only between node expansions, and one
      // expansion of a hub can report thousands of hits.
      if (absl::Now() >= deadline) {
        stopped_by = v1::STOP_REASON_DEADLINE;
        return false;
      }
      if (!Push(std::move(batch))) {
        stopped_by = v1::STOP_REASON_CANCELLED;
        return false;
      }
      batch = v1::TraverseResponse();
      batch.set_read_sequence(sequence);
    }
    return true;
  };
  graph::TraversalRequest bfs{.seeds = std::move(seeds),
                              .min_depth = static_cast<int32_t>(min_depth),
                              .max_depth = static_cast<int32_t>(max_depth),
                              .direction = direction,
                              .edge_types = std::move(edge_types),
                              .node_types = std::move(node_types),
                              .limits = std::move(limits)};
  DOSSIER_ASSIGN_OR_RETURN(graph::TraversalSummary summary, view->Traverse(bfs, visitor));
  DOSSIER_RETURN_IF_ERROR(visit_status);
  *last = std::move(batch);
  last->set_read_sequence(sequence);
  proto::SummaryToProto(summary, last->mutable_summary());
  if (summary.reason == graph::StopReason::kConsumerStopped &&
      stopped_by != v1::STOP_REASON_UNSPECIFIED) {
    last->mutable_summary()->set_reason(stopped_by);
  }
  return absl::OkStatus();
}

bool TraverseReactor::Push(v1::TraverseResponse batch) {
  std::unique_lock<std::mutex> lock(mu_);
  space_.wait(lock, [this] { return cancelled_.load() || queue_.size() <= kMaxQueuedBatches; });
  if (cancelled_.load()) return false;
  queue_.push_back(std::move(batch));
  if (!writing_) {
    writing_ = true;
    StartWrite(&queue_.front());
  }
  return true;
}

void TraverseReactor::OnWriteDone(bool ok) {
  bool finish = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ok) {
      cancelled_.store(true);  // The stream is broken: stop producing.
      queue_.clear();
    } else {
      queue_.pop_front();
    }
    if (!queue_.empty()) {
      StartWrite(&queue_.front());
    } else {
      writing_ = false;
      finish = worker_done_;
    }
  }
  space_.notify_all();
  if (finish) Finish(final_status_);
}

void TraverseReactor::OnCancel() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    cancelled_.store(true);
  }
  space_.notify_all();
}

void TraverseReactor::WorkerDone(grpc::Status status) {
  bool finish;
  {
    std::lock_guard<std::mutex> lock(mu_);
    worker_done_ = true;
    final_status_ = std::move(status);
    finish = !writing_;
  }
  // Nothing of `this` may be touched after Finish: OnDone deletes it.
  if (finish) Finish(final_status_);
}

}  // namespace dossier::server
