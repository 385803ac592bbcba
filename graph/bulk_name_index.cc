#include "graph/bulk_name_index.h"

#include <algorithm>
#include <utility>

#include "graph/internal/records.pb.h"
#include "graph/key_codec.h"
#include "graph/key_order.h"
#include "graph/name_index.h"
#include "graph/sst_sink.h"
#include "graph/status_macros.h"

namespace dossier::graph {
namespace {

// Names handed to the thread at a time: few enough handoffs, little held back.
constexpr size_t kBatchNames = 4096;

}  // namespace

BulkNameIndex::BulkNameIndex(rocksdb::Options options, std::string dir)
    : options_(std::move(options)), dir_(std::move(dir)), thread_([this] { Run(); }) {}

BulkNameIndex::~BulkNameIndex() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!finished_) abandoned_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

uint64_t BulkNameIndex::BatchBytes(const std::vector<std::string>& names) {
  uint64_t bytes = names.capacity() * sizeof(std::string);
  for (const std::string& name : names) {
    if (name.capacity() > 15) bytes += name.capacity() + 1;  // Beyond the inline buffer.
  }
  return bytes;
}

void BulkNameIndex::Add(std::string_view name) {
  batch_.emplace_back(name);
  ++added_;
  if (name.size() > 15) batch_bytes_ += name.size() + 1;
  if (batch_.size() < kBatchNames) return;
  queued_bytes_ += BatchBytes(batch_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(batch_));
  }
  batch_ = {};
  batch_bytes_ = 0;
  wake_.notify_one();
}

uint64_t BulkNameIndex::ProjectedBytes() const {
  const uint64_t numbered = numbered_published_.load();
  const uint64_t held = held_bytes_.load();
  uint64_t texts = text_count_.load(), entries = entry_count_.load();
  uint64_t projected_held = held;
  if (numbered < added_) {
    // Before any batch is numbered, a guess: a name of three words, each its own text.
    constexpr uint64_t kGuessTexts = 4, kGuessBytesPerText = 64;
    if (numbered == 0) {
      texts = uint64_t{added_} * kGuessTexts;
      entries = texts;
      projected_held = texts * (kGuessBytesPerText + sizeof(uint64_t));
    } else {
      texts = texts * added_ / numbered;
      entries = entries * added_ / numbered;
      projected_held = held * added_ / numbered;
    }
  }
  // Writing adds a rank a node, a rank and a sort item a text, and the radix sort's copy of
  // the entries.
  const uint64_t writing = uint64_t{added_} * 4 + texts * (4 + 4 + 40) + entries * 8;
  return queued_bytes_.load() + batch_.capacity() * sizeof(std::string) + batch_bytes_ +
         projected_held + writing;
}

void BulkNameIndex::Finish(const std::vector<uint32_t>* order,
                           const std::vector<TypeId>* type_by_rank, NodeId base_id) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!batch_.empty()) {
      queued_bytes_ += BatchBytes(batch_);
      queue_.push_back(std::move(batch_));
      batch_ = {};
      batch_bytes_ = 0;
    }
    order_ = order;
    type_by_rank_ = type_by_rank;
    base_id_ = base_id;
    finished_ = true;
  }
  wake_.notify_one();
}

absl::StatusOr<std::vector<std::string>> BulkNameIndex::Wait() {
  if (thread_.joinable()) thread_.join();
  return std::move(result_);
}

void BulkNameIndex::Run() {
  while (true) {
    std::vector<std::string> names;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return abandoned_ || finished_ || !queue_.empty(); });
      if (abandoned_) return;
      if (queue_.empty()) break;  // Finished, and everything numbered.
      names = std::move(queue_.front());
      queue_.pop_front();
    }
    Number(names);
    queued_bytes_ -= BatchBytes(names);
  }
  result_ = Write();
}

void BulkNameIndex::Number(const std::vector<std::string>& names) {
  internal::NodeRecord record;
  std::string text;
  for (const std::string& name : names) {
    const uint32_t index = numbered_++;
    record.set_name(name);  // All the name index reads of a loaded node.
    ForEachNameIndexText(record, [&](char kind, std::string_view normalized) {
      text.assign(1, kind);
      text.append(normalized);
      text.push_back('\0');
      entries_.push_back(uint64_t{texts_.Intern(text).first} << 32 | index);
    });
  }
  held_bytes_ = texts_.bytes() + entries_.capacity() * sizeof(uint64_t);
  text_count_ = texts_.size();
  entry_count_ = entries_.size();
  numbered_published_ = numbered_;
}

absl::StatusOr<std::vector<std::string>> BulkNameIndex::Write() {
  texts_.DropIndex();
  const std::vector<uint32_t>& order = *order_;
  if (order.size() != numbered_) {
    return absl::InternalError("the name index was given a different number of nodes than ids");
  }
  std::vector<uint32_t> rank_of_index(order.size());
  for (uint32_t rank = 0; rank < order.size(); ++rank) rank_of_index[order[rank]] = rank;
  const std::vector<uint32_t> by_text =
      KeyOrder(texts_.size(), [&](uint32_t i) { return texts_.text(i); });
  {
    std::vector<uint32_t> text_rank(texts_.size());
    for (uint32_t r = 0; r < by_text.size(); ++r) text_rank[by_text[r]] = r;
    for (uint64_t& entry : entries_) {
      entry = uint64_t{text_rank[entry >> 32]} << 32 | rank_of_index[entry & 0xffffffffu];
    }
  }
  // (text rank, node rank) is key order: texts by their bytes (none holds a \0, which ends
  // each), then ids, which follow node ranks.
  SortIntegerKeys(&entries_);
  entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
  SstSink sink(options_, dir_, "names");
  std::string key;
  for (const uint64_t entry : entries_) {
    const uint32_t node_rank = static_cast<uint32_t>(entry);
    key = texts_.text(by_text[entry >> 32]);
    PutFixed64BE(&key, base_id_ + node_rank);
    DOSSIER_RETURN_IF_ERROR(sink.Put(key, EncodeFixed32BE((*type_by_rank_)[node_rank])));
  }
  DOSSIER_RETURN_IF_ERROR(sink.Finish());
  return sink.files();
}

}  // namespace dossier::graph
