// The names family of a bulk load. Nodes' names arrive in input order while the nodes file is
// still being read (one core is otherwise idle then): a thread of its own normalises them into
// name-index texts and numbers the distinct texts as they come, and writes the SST once the
// loader has given every node its id.
#ifndef DOSSIER_GRAPH_BULK_NAME_INDEX_H_
#define DOSSIER_GRAPH_BULK_NAME_INDEX_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "graph/interned_texts.h"
#include "graph/key_codec.h"
#include "graph/types.h"
#include "rocksdb/options.h"

namespace dossier::graph {

class BulkNameIndex {
 public:
  // The SST goes to `dir`, written with `options` (the names family's).
  BulkNameIndex(rocksdb::Options options, std::string dir);
  ~BulkNameIndex();  // Abandons the work unless Finish() came first; joins the thread.
  BulkNameIndex(const BulkNameIndex&) = delete;
  BulkNameIndex& operator=(const BulkNameIndex&) = delete;

  // The name of the next node, in input order (its index is the number of names added before).
  void Add(std::string_view name);
  // The ids are final: `order` lists the input indexes in id order (`base_id`, `base_id` + 1,
  // ...) and `type_by_rank` each id's node type. Both must stay unchanged until Wait() returns.
  void Finish(const std::vector<uint32_t>* order, const std::vector<TypeId>* type_by_rank,
              NodeId base_id);
  // The written files (none without names), once the thread is done.
  absl::StatusOr<std::vector<std::string>> Wait();

  // The memory this index holds at its peak, writing, for the names added so far: what it holds
  // now, names waiting included, with the texts and entries of the names still to be numbered
  // projected from those numbered (the thread runs behind the caller), and the arrays that
  // writing adds. For the caller's thread.
  uint64_t ProjectedBytes() const;

 private:
  void Run();
  void Number(const std::vector<std::string>& names);
  static uint64_t BatchBytes(const std::vector<std::string>& names);
  absl::StatusOr<std::vector<std::string>> Write();

  const rocksdb::Options options_;
  const std::string dir_;

  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::vector<std::string>> queue_;  // Guarded by mu_.
  bool finished_ = false, abandoned_ = false;   // Guarded by mu_.
  std::vector<std::string> batch_;              // The caller's, until it is queued.
  uint32_t added_ = 0;                          // The caller's count.
  uint64_t batch_bytes_ = 0;                    // The caller's, of batch_.
  std::atomic<uint64_t> queued_bytes_{0};       // Of the batches in queue_.

  // The thread's: distinct texts ([kind][normalised text]\0, the key without its id), and one
  // (text number << 32 | input index) per entry.
  InternedTexts texts_;
  std::vector<uint64_t> entries_;
  uint32_t numbered_ = 0;  // Names numbered so far: the next one's input index.
  // Published by the thread after each batch, for ProjectedBytes.
  std::atomic<uint32_t> numbered_published_{0};
  std::atomic<uint64_t> held_bytes_{0};  // texts_ and entries_.
  std::atomic<uint64_t> text_count_{0}, entry_count_{0};

  const std::vector<uint32_t>* order_ = nullptr;
  const std::vector<TypeId>* type_by_rank_ = nullptr;
  NodeId base_id_ = 0;
  absl::StatusOr<std::vector<std::string>> result_;
  std::thread thread_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_BULK_NAME_INDEX_H_
