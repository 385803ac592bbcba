// Runs `prepare(0)`, `prepare(1)`, ... on a few long-lived threads, at most `window` items
// ahead of the consumer, and hands the results over strictly in index order.
//
// The importer uses it to read and extract letters in parallel while one thread writes them in
// input order. Threads are long-lived on purpose: extraction keeps per-thread state (ICU
// transliterators, fold memos) that a thread per letter would rebuild every time.
#ifndef DOSSIER_CLI_ORDERED_PREFETCHER_H_
#define DOSSIER_CLI_ORDERED_PREFETCHER_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace dossier::cli {

template <typename T>
class OrderedPrefetcher {
 public:
  OrderedPrefetcher(size_t count, size_t threads, size_t window, std::function<T(size_t)> prepare)
      : count_(count),
        window_(window < 1 ? 1 : window),
        prepare_(std::move(prepare)),
        slots_(count) {
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
    taken_ = i + 1;
    lock.unlock();
    changed_.notify_all();
    return item;
  }

 private:
  void Work() {
    for (;;) {
      size_t k;
      {
        std::unique_lock<std::mutex> lock(mu_);
        changed_.wait(lock,
                      [&] { return stopping_ || next_ >= count_ || next_ < taken_ + window_; });
        if (stopping_ || next_ >= count_) return;
        k = next_++;
      }
      T item = prepare_(k);
      {
        std::lock_guard<std::mutex> lock(mu_);
        slots_[k] = std::move(item);
      }
      changed_.notify_all();
    }
  }

  const size_t count_, window_;
  std::function<T(size_t)> prepare_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<std::optional<T>> slots_;
  size_t next_ = 0, taken_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_ORDERED_PREFETCHER_H_
