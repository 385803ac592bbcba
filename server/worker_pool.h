// A fixed set of threads running the server's heavy work (graph reads,
// traversals, commits) so that gRPC's own threads only hand work over and
// never block on the database. The queue is bounded: when it is full the
// caller is told at once (RESOURCE_EXHAUSTED) instead of piling up latency.
#ifndef DOSSIER_SERVER_WORKER_POOL_H_
#define DOSSIER_SERVER_WORKER_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dossier::server {

class WorkerPool {
 public:
  WorkerPool(int threads, size_t max_queued);
  ~WorkerPool();  // Runs what is queued, then joins.
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue is full or the pool is stopping; `task` is dropped.
  bool TrySubmit(std::function<void()> task);
  // Runs every queued task and joins the threads. Later submissions fail.
  void Stop();

  size_t queued() const;
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Loop();

  const size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_WORKER_POOL_H_
