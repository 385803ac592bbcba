#include "graph/degree_file.h"

#include <algorithm>
#include <thread>
#include <tuple>
#include <utility>

#include "absl/strings/str_cat.h"
#include "graph/key_codec.h"
#include "graph/sst_sink.h"
#include "graph/status_macros.h"

namespace dossier::graph {
namespace {

constexpr size_t kBufferEntries = 1 << 16;  // 1 MB a writer or reader.

class ClosingFile {
 public:
  explicit ClosingFile(std::FILE* file) : file_(file) {}
  ~ClosingFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  std::FILE* get() const { return file_; }

 private:
  std::FILE* file_;
};

absl::StatusOr<DegreeRunEntry> ReadEntry(std::FILE* file, const std::string& path, uint64_t index) {
  DegreeRunEntry entry;
  if (std::fseek(file, static_cast<long>(index * sizeof(DegreeRunEntry)), SEEK_SET) != 0 ||
      std::fread(&entry, sizeof(entry), 1, file) != 1) {
    return absl::DataLossError(absl::StrCat("reading degree counters from ", path, " failed"));
  }
  return entry;
}

}  // namespace

absl::StatusOr<std::unique_ptr<DegreeFileWriter>> DegreeFileWriter::Create(const std::string& path,
                                                                           uint32_t max_count) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
  auto writer = std::unique_ptr<DegreeFileWriter>(
      new DegreeFileWriter(file, path, std::max<uint32_t>(1, max_count)));
  writer->buffer_.reserve(kBufferEntries);
  return writer;
}

DegreeFileWriter::~DegreeFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
}

void DegreeFileWriter::Emit() {
  buffer_.push_back(current_);
  ++entries_;
  if (buffer_.size() < kBufferEntries) return;
  written_ += std::fwrite(buffer_.data(), sizeof(DegreeRunEntry), buffer_.size(), file_);
  buffer_.clear();
}

void DegreeFileWriter::Count(uint64_t node, uint32_t type) {
  if (have_current_ && current_.node == node && current_.type == type &&
      current_.count < max_count_) {
    ++current_.count;
    return;
  }
  if (have_current_) Emit();
  current_ = {node, type, 1};
  have_current_ = true;
}

absl::StatusOr<uint64_t> DegreeFileWriter::Finish() {
  if (have_current_) {
    buffer_.push_back(current_);
    ++entries_;
  }
  have_current_ = false;
  written_ += std::fwrite(buffer_.data(), sizeof(DegreeRunEntry), buffer_.size(), file_);
  buffer_.clear();
  const bool ok = std::ferror(file_) == 0 && std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok || written_ != entries_) {
    return absl::DataLossError(absl::StrCat("writing ", path_, " failed (disk full?)"));
  }
  return entries_;
}

absl::StatusOr<std::unique_ptr<DegreeFileReader>> DegreeFileReader::Open(const std::string& path,
                                                                         uint64_t begin,
                                                                         uint64_t end) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return absl::InternalError(absl::StrCat("cannot read ", path));
  auto reader =
      std::unique_ptr<DegreeFileReader>(new DegreeFileReader(file, end > begin ? end - begin : 0));
  if (std::fseek(file, static_cast<long>(begin * sizeof(DegreeRunEntry)), SEEK_SET) != 0) {
    return absl::DataLossError(absl::StrCat("reading degree counters from ", path, " failed"));
  }
  return reader;
}

DegreeFileReader::~DegreeFileReader() { std::fclose(file_); }

const DegreeRunEntry* DegreeFileReader::Peek() {
  if (pos_ < buffer_.size()) return &buffer_[pos_];
  if (remaining_ == 0 || !status_.ok()) return nullptr;
  buffer_.resize(std::min<uint64_t>(kBufferEntries, remaining_));
  const size_t n = std::fread(buffer_.data(), sizeof(DegreeRunEntry), buffer_.size(), file_);
  if (n != buffer_.size()) {
    status_ = absl::DataLossError("reading degree counters failed");
    buffer_.clear();
    return nullptr;
  }
  remaining_ -= n;
  pos_ = 0;
  return &buffer_[0];
}

absl::StatusOr<uint64_t> DegreeNodeAt(const std::string& path, uint64_t index) {
  ClosingFile file(std::fopen(path.c_str(), "rb"));
  if (file.get() == nullptr) return absl::InternalError(absl::StrCat("cannot read ", path));
  absl::StatusOr<DegreeRunEntry> entry = ReadEntry(file.get(), path, index);
  if (!entry.ok()) return entry.status();
  return entry->node;
}

absl::StatusOr<uint64_t> FirstDegreeAtOrAfter(const std::string& path, uint64_t entries,
                                              uint64_t node) {
  ClosingFile file(std::fopen(path.c_str(), "rb"));
  if (file.get() == nullptr) return absl::InternalError(absl::StrCat("cannot read ", path));
  uint64_t low = 0, high = entries;
  while (low < high) {
    const uint64_t mid = low + (high - low) / 2;
    absl::StatusOr<DegreeRunEntry> entry = ReadEntry(file.get(), path, mid);
    if (!entry.ok()) return entry.status();
    if (entry->node < node) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

namespace {

absl::StatusOr<std::vector<std::string>> WriteDegreeRange(
    const DegreeFile& out, uint64_t out_begin, uint64_t out_end, const DegreeFile& in,
    uint64_t in_begin, uint64_t in_end, const rocksdb::Options& options, const std::string& dir,
    const char* name, const std::function<uint64_t(const std::string&, uint64_t)>& stored) {
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<DegreeFileReader> outs,
                           DegreeFileReader::Open(out.path, out_begin, out_end));
  DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<DegreeFileReader> ins,
                           DegreeFileReader::Open(in.path, in_begin, in_end));
  SstSink sink(options, dir, name);
  // Key order is (node, type, direction), and 'i' sorts before 'o' (DegreeKey).
  auto in_first = [](const DegreeRunEntry& i, const DegreeRunEntry& o) {
    return std::tie(i.node, i.type) <= std::tie(o.node, o.type);
  };
  while (true) {
    const DegreeRunEntry* o = outs->Peek();
    const DegreeRunEntry* i = ins->Peek();
    if (o == nullptr && i == nullptr) break;
    const bool is_out = i == nullptr || (o != nullptr && !in_first(*i, *o));
    DegreeFileReader& from = is_out ? *outs : *ins;
    const DegreeRunEntry first = *from.Peek();
    uint64_t count = 0;
    // A run beyond 2^32 - 1 edges is spread over consecutive entries of the same key.
    for (const DegreeRunEntry* d = from.Peek();
         d != nullptr && d->node == first.node && d->type == first.type; d = from.Peek()) {
      count += d->count;
      from.Take();
    }
    const std::string key = DegreeKey(first.node, first.type, is_out);
    count += stored(key, first.node);
    DOSSIER_RETURN_IF_ERROR(sink.Put(key, EncodeFixed64BE(count)));
  }
  DOSSIER_RETURN_IF_ERROR(outs->status());
  DOSSIER_RETURN_IF_ERROR(ins->status());
  DOSSIER_RETURN_IF_ERROR(sink.Finish());
  return sink.files();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> WriteDegreeFamily(
    const DegreeFile& out, const DegreeFile& in, const rocksdb::Options& options,
    const std::string& dir, const std::function<uint64_t(const std::string&, uint64_t)>& stored) {
  uint64_t split = 0;
  if (out.entries > 0) {
    DOSSIER_ASSIGN_OR_RETURN(split, DegreeNodeAt(out.path, out.entries / 2));
  }
  DOSSIER_ASSIGN_OR_RETURN(const uint64_t out_split,
                           FirstDegreeAtOrAfter(out.path, out.entries, split));
  DOSSIER_ASSIGN_OR_RETURN(const uint64_t in_split,
                           FirstDegreeAtOrAfter(in.path, in.entries, split));
  absl::StatusOr<std::vector<std::string>> upper;
  std::thread upper_writer([&] {
    upper = WriteDegreeRange(out, out_split, out.entries, in, in_split, in.entries, options, dir,
                             "degrees-b", stored);
  });
  absl::StatusOr<std::vector<std::string>> lower =
      WriteDegreeRange(out, 0, out_split, in, 0, in_split, options, dir, "degrees-a", stored);
  upper_writer.join();
  DOSSIER_RETURN_IF_ERROR(lower.status());
  DOSSIER_RETURN_IF_ERROR(upper.status());
  std::vector<std::string> files = std::move(*lower);
  files.insert(files.end(), upper->begin(), upper->end());
  return files;
}

}  // namespace dossier::graph
