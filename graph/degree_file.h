// The degree counters one direction of a bulk load's adjacency yields, in (node, type) order,
// kept in a temporary file rather than in memory (at the default bench size, 2.8 million
// counters: vectors of 24-byte entries grown to 4.2 million slots, 100 MB), then merged with the
// other direction's into the degrees family's files.
#ifndef DOSSIER_GRAPH_DEGREE_FILE_H_
#define DOSSIER_GRAPH_DEGREE_FILE_H_

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "rocksdb/options.h"

namespace dossier::graph {

struct DegreeRunEntry {
  uint64_t node;
  uint32_t type;
  uint32_t count;  // A run beyond 2^32 - 1 edges goes on in the next entry, of the same key.
};
static_assert(sizeof(DegreeRunEntry) == 16);

class DegreeFileWriter {
 public:
  // `max_count`: the most one entry counts before the run goes on in the next (tests lower it).
  static absl::StatusOr<std::unique_ptr<DegreeFileWriter>> Create(const std::string& path,
                                                                  uint32_t max_count = UINT32_MAX);
  ~DegreeFileWriter();
  DegreeFileWriter(const DegreeFileWriter&) = delete;
  DegreeFileWriter& operator=(const DegreeFileWriter&) = delete;

  // One more edge of `node` with `type`; calls come in (node, type) order.
  void Count(uint64_t node, uint32_t type);
  // Writes what is pending and closes the file: the entries written.
  absl::StatusOr<uint64_t> Finish();

 private:
  DegreeFileWriter(std::FILE* file, std::string path, uint32_t max_count)
      : file_(file), path_(std::move(path)), max_count_(max_count) {}
  void Emit();

  std::FILE* file_;
  const std::string path_;
  const uint32_t max_count_;
  std::vector<DegreeRunEntry> buffer_;
  DegreeRunEntry current_{};
  bool have_current_ = false;
  uint64_t entries_ = 0;  // Emitted.
  uint64_t written_ = 0;  // Handed to the file.
};

// Reads entries [begin, end) of a degree file in order.
class DegreeFileReader {
 public:
  static absl::StatusOr<std::unique_ptr<DegreeFileReader>> Open(const std::string& path,
                                                                uint64_t begin, uint64_t end);
  ~DegreeFileReader();
  DegreeFileReader(const DegreeFileReader&) = delete;
  DegreeFileReader& operator=(const DegreeFileReader&) = delete;

  // The entry at the reader's position, without taking it; null at the end (or on an error:
  // see status()).
  const DegreeRunEntry* Peek();
  void Take() { ++pos_; }
  absl::Status status() const { return status_; }

 private:
  DegreeFileReader(std::FILE* file, uint64_t remaining) : file_(file), remaining_(remaining) {}

  std::FILE* file_;
  uint64_t remaining_;  // Entries not yet read from the file.
  std::vector<DegreeRunEntry> buffer_;
  size_t pos_ = 0;
  absl::Status status_;
};

// The index of the first of a file's `entries` whose node is at least `node`, by binary search
// reading single entries.
absl::StatusOr<uint64_t> FirstDegreeAtOrAfter(const std::string& path, uint64_t entries,
                                              uint64_t node);
// The node of entry `index`.
absl::StatusOr<uint64_t> DegreeNodeAt(const std::string& path, uint64_t index);

struct DegreeFile {
  std::string path;
  uint64_t entries;
};

// The degrees family's SST files (written with `options` under `dir`): both directions'
// counters merged in key order, each added to what `stored(key, node)` returns (0 for none).
// Two threads write the node ids below and above a split; `stored` must allow that.
absl::StatusOr<std::vector<std::string>> WriteDegreeFamily(
    const DegreeFile& out, const DegreeFile& in, const rocksdb::Options& options,
    const std::string& dir, const std::function<uint64_t(const std::string&, uint64_t)>& stored);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_DEGREE_FILE_H_
