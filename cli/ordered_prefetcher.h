// Runs `prepare(0)`, `prepare(1)`, ... on a few long-lived threads ahead of the consumer, and
// hands the results over strictly in index order. How far ahead is bounded twice: at most
// `max_items` items past the last one taken, and no new item is begun while the prepared items
// not yet taken weigh `max_weight` or more (by `weight`, e.g. their bytes). The weight bound lets
// the item window be wide for small items without letting a run of large ones pile up.
//
// The workers can run at a lower scheduling priority than the consumer (`worker_niceness` added
// to the process's nice value): when the consumer is the pipeline's serial stage, every moment
// the scheduler gives a worker instead of it lengthens the whole run.
//
// The importer uses it to read and extract letters in parallel while one thread writes them in
// input order. Threads are long-lived on purpose: extraction keeps per-thread state (ICU
// transliterators, fold memos) that a thread per letter would rebuild every time.
#ifndef DOSSIER_CLI_ORDERED_PREFETCHER_H_
#define DOSSIER_CLI_ORDERED_PREFETCHER_H_

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace dossier::cli {

struct PrefetchOptions {
  size_t max_items = 32;
  size_t max_weight = SIZE_MAX;
  int worker_niceness = 0;  // Added to the nice value of each worker thread (Linux), at most 19.
};

template <typename T>
class OrderedPrefetcher {
 public:
  OrderedPrefetcher(size_t count, size_t threads, PrefetchOptions options,
                    std::function<T(size_t)> prepare,
                    std::function<size_t(const T&)> weight = nullptr)
      : count_(count),
        window_(options.max_items < 1 ? 1 : options.max_items),
        max_weight_(options.max_weight),
        worker_niceness_(options.worker_niceness),
        prepare_(std::move(prepare)),
        weight_(std::move(weight)),
        slots_(count),
        weights_(count, 0) {
    for (size_t t = 0; t < threads && t < count; ++t) workers_.emplace_back([this] { Work(); });
  }
  ~OrderedPrefetcher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (std::thread& w : workers_) w.join();
  }
  OrderedPrefetcher(const OrderedPrefetcher&) = delete;
  OrderedPrefetcher& operator=(const OrderedPrefetcher&) = delete;

  // Item i, waiting for it; call with i = 0, 1, 2, ... in turn.
  T Take(size_t i) {
    std::unique_lock<std::mutex> lock(mu_);
    if (workers_.empty()) {  // No threads: prepare inline.
      lock.unlock();
      return prepare_(i);
    }
    changed_.wait(lock, [&] { return slots_[i].has_value(); });
    T item = std::move(*slots_[i]);
    slots_[i].reset();
    held_weight_ -= weights_[i];
    taken_ = i + 1;
    lock.unlock();
    changed_.notify_all();
    return item;
  }

 private:
  void Work() {
    if (worker_niceness_ != 0) {
      // On Linux a nice value belongs to a thread: this lowers the worker alone. Raising it needs
      // no privilege; a failure leaves the worker as it was, which is only slower.
      errno = 0;
      const int base = getpriority(PRIO_PROCESS, 0);
      if (errno == 0) {
        const int nice = std::min(19, base + worker_niceness_);
        setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), nice);
      }
    }
    for (;;) {
      size_t k;
      {
        std::unique_lock<std::mutex> lock(mu_);
        // Only items past the one the consumer waits for are held back: when every begun item
        // has been taken, nothing weighs and the next one always starts.
        changed_.wait(lock, [&] {
          return stopping_ || next_ >= count_ ||
                 (next_ < taken_ + window_ && held_weight_ < max_weight_);
        });
        if (stopping_ || next_ >= count_) return;
        k = next_++;
      }
      T item = prepare_(k);
      const size_t w = weight_ ? weight_(item) : 0;
      {
        std::lock_guard<std::mutex> lock(mu_);
        weights_[k] = w;
        held_weight_ += w;
        slots_[k] = std::move(item);
      }
      changed_.notify_all();
    }
  }

  const size_t count_, window_, max_weight_;
  const int worker_niceness_;
  std::function<T(size_t)> prepare_;
  std::function<size_t(const T&)> weight_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::optional<T>> slots_;
  std::vector<size_t> weights_;  // Of each prepared item, until it is taken.
  size_t next_ = 0, taken_ = 0;
  size_t held_weight_ = 0;  // Of the prepared items not yet taken.
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_ORDERED_PREFETCHER_H_
