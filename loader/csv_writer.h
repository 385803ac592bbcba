// Buffered RFC 4180 CSV writer: a field is quoted only when it holds a
// delimiter, a quote, CR or LF, and quotes inside it are doubled. Records end
// with LF (what Unix tools and CsvReader expect; CsvReader also takes CRLF).
// What it writes reads back field for field: a record of one empty field is
// written as "" (not a blank line), and a first field that begins with a UTF-8
// byte-order mark is quoted (readers drop a mark that starts the file).
#ifndef DOSSIER_LOADER_CSV_WRITER_H_
#define DOSSIER_LOADER_CSV_WRITER_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dossier::csv {

class CsvWriter {
 public:
  static absl::StatusOr<std::unique_ptr<CsvWriter>> Open(const std::string& path);
  ~CsvWriter();  // Closes without reporting errors; call Close() to see them.
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Appends one field to the current record.
  void Field(std::string_view value);
  void Field(int64_t value);
  // Ends the current record.
  void EndRecord();

  // Flushes and closes; reports any write error seen so far.
  absl::Status Close();

  // The quoted form of one field, for tests and small writers.
  static std::string Quote(std::string_view value);

 private:
  CsvWriter(std::FILE* file, std::string path);
  void Append(std::string_view bytes);
  void Flush();

  std::FILE* file_;
  std::string path_;
  std::string buf_;
  bool first_field_ = true;
  bool lone_empty_field_ = false;  // The record so far is one empty field.
  bool at_file_start_ = true;
  bool failed_ = false;
};

}  // namespace dossier::csv

#endif  // DOSSIER_LOADER_CSV_WRITER_H_
