#include "graph/sst_sink.h"

#include "absl/strings/str_cat.h"
#include "graph/store.h"

namespace dossier::graph {

rocksdb::Options SstFileOptions(GraphStore* store, ColumnFamily family) {
  rocksdb::Options options = store->db()->GetOptions(store->cf(family));
  options.bottommost_compression = options.compression;
  return options;
}

SstSink::SstSink(rocksdb::Options options, std::string dir, std::string name, uint64_t file_bytes)
    : options_(std::move(options)),
      dir_(std::move(dir)),
      name_(std::move(name)),
      file_bytes_(file_bytes) {}

absl::Status SstSink::OpenNext() {
  if (writer_) {
    rocksdb::Status s = writer_->Finish();
    if (!s.ok()) return FromRocks(s);
  }
  writer_ = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options_);
  std::string path = absl::StrCat(dir_, "/", name_, "-", files_.size(), ".sst");
  rocksdb::Status s = writer_->Open(path);
  if (!s.ok()) return FromRocks(s);
  files_.push_back(std::move(path));
  return absl::OkStatus();
}

absl::Status SstSink::Put(const rocksdb::Slice& key, const rocksdb::Slice& value) {
  if (!writer_ || writer_->FileSize() >= file_bytes_) {
    if (absl::Status s = OpenNext(); !s.ok()) return s;
  }
  ++entries_;
  return FromRocks(writer_->Put(key, value));
}

absl::Status SstSink::Finish() {
  if (!writer_) return absl::OkStatus();
  rocksdb::Status s = writer_->Finish();
  writer_.reset();
  return FromRocks(s);
}

}  // namespace dossier::graph
