// The server-streaming Traverse call. A worker thread runs the BFS and
// hands batches to the reactor through a small bounded queue; when the
// client reads slowly the queue fills and the worker waits (backpressure)
// instead of buffering the whole result. Cancellation and deadlines stop
// the BFS between node expansions and between batches; the last message
// carries the summary (truncated and why).
#ifndef DOSSIER_SERVER_TRAVERSE_REACTOR_H_
#define DOSSIER_SERVER_TRAVERSE_REACTOR_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>

#include "dossier/v1/graph_service.pb.h"
#include "grpcpp/grpcpp.h"
#include "server/graph_service.h"

namespace dossier::server {

class TraverseReactor : public grpc::ServerWriteReactor<v1::TraverseResponse> {
 public:
  TraverseReactor(grpc::CallbackServerContext* context, const v1::TraverseRequest* request,
                  const ServiceOptions* options)
      : context_(context), request_(request), options_(options) {}

  // `admitted`: the auth/read-only verdict; not OK finishes the call at once.
  void Start(const grpc::Status& admitted);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override { delete this; }

 private:
  // Batches in flight or waiting: one being written plus this many queued.
  static constexpr size_t kMaxQueuedBatches = 2;

  void Run();  // On a worker thread.
  absl::Status Walk(v1::TraverseResponse* last);
  // Queues a batch for writing; waits while the queue is full. False when
  // the call was cancelled (the batch is dropped).
  bool Push(v1::TraverseResponse batch);
  // The worker is done: finish now or once the queued writes complete.
  void WorkerDone(grpc::Status status);

  grpc::CallbackServerContext* context_;
  const v1::TraverseRequest* request_;
  const ServiceOptions* options_;
  std::atomic<bool> cancelled_{false};

  std::mutex mu_;
  std::condition_variable space_;
  std::deque<v1::TraverseResponse> queue_;  // front() is being written while writing_.
  bool writing_ = false;
  bool worker_done_ = false;
  grpc::Status final_status_;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_TRAVERSE_REACTOR_H_
