// A fast, strict RFC 4180 CSV reader: comma-separated fields, fields quoted
// with '"', quotes inside quoted fields doubled, records ended by LF or CRLF
// (line breaks inside quoted fields are data). Reads in large blocks and hands
// out string_views into its own buffer, so a 200 MB file parses at memory
// speed with no per-field allocation.
//
//   absl::StatusOr<std::unique_ptr<CsvReader>> reader = CsvReader::Open("nodes.csv");
//   std::vector<std::string_view> fields;
//   while (true) {
//     absl::StatusOr<bool> more = (*reader)->Next(&fields);
//     if (!more.ok()) return more.status();   // "nodes.csv:17: ..."
//     if (!*more) break;
//     ...  // fields are valid until the next call to Next().
//   }
//
// Kept free of benchmark code: the product's bulk loader reuses it.
#ifndef DOSSIER_LOADER_CSV_READER_H_
#define DOSSIER_LOADER_CSV_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dossier::csv {

struct CsvReaderOptions {
  char delimiter = ',';
  // Blank lines between records are skipped rather than read as a record
  // with one empty field; spreadsheets often leave one at the end.
  bool skip_empty_lines = true;
  // A '"' inside an unquoted field is an error by RFC 4180. Some exporters
  // write them anyway (5'11" tall); set this to take them literally.
  bool allow_bare_quotes = false;
  // Initial block size (at least 1 byte); the buffer grows when one record is larger.
  size_t block_size = 1 << 20;
};

class CsvReader {
 public:
  // Opens a file. A UTF-8 byte-order mark at the start is skipped.
  static absl::StatusOr<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                         const CsvReaderOptions& options = {});
  // Reads from memory; `name` is used in error messages.
  static std::unique_ptr<CsvReader> FromString(std::string data, std::string name = "<string>",
                                               const CsvReaderOptions& options = {});

  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  // Reads the next record into `fields` (views valid until the next call).
  // Returns false at the end of the input. After an error every later call
  // returns the same error.
  absl::StatusOr<bool> Next(std::vector<std::string_view>* fields);

  // 1-based line on which the record last returned by Next() starts.
  int64_t line() const { return record_line_; }
  // 1-based index of the record last returned by Next().
  int64_t record_number() const { return record_number_; }

  // An INVALID_ARGUMENT error located at the current record, for callers
  // that reject a well-formed record ("nodes.csv:12: expected 3 fields").
  absl::Status ErrorAtRecord(std::string_view message) const;

 private:
  enum class ParseResult { kRecord, kNeedMore, kError };
  struct FieldRef {
    bool in_scratch;
    size_t offset;
    size_t size;
  };

  CsvReader(int fd, std::string name, const CsvReaderOptions& options);

  // Parses one record starting at pos_. Does not modify buf_, so a record
  // cut by the end of a block can be parsed again once more data is read.
  ParseResult ParseRecord(size_t* record_end);
  // Moves the unparsed tail to the front and reads another block.
  absl::Status Refill();
  absl::Status ErrorAt(int64_t line, std::string_view message);

  int fd_;  // -1 when reading from memory.
  std::string name_;
  CsvReaderOptions options_;
  std::string buf_;
  size_t pos_ = 0;  // Start of unparsed data.
  size_t end_ = 0;  // End of valid data in buf_.
  bool eof_ = false;
  bool bom_checked_ = false;
  absl::Status status_;
  std::string scratch_;  // Unescaped quoted fields of the current record.
  std::vector<FieldRef> refs_;
  int64_t next_line_ = 1;  // Line on which the next record starts.
  int64_t record_line_ = 0;
  int64_t record_number_ = 0;
  // Set by ParseRecord on kError.
  std::string parse_error_;
  int64_t parse_error_line_ = 0;
};

}  // namespace dossier::csv

#endif  // DOSSIER_LOADER_CSV_READER_H_
