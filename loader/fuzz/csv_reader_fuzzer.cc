// libFuzzer entry point for the bulk loader's CSV reader, which reads analysts' files as they
// come. For any bytes (the first one picks the options):
// - reading them from memory and reading them from a file in small blocks agree: the same
//   records, lines and record numbers, and the same error at the same record. Block edges are
//   where a streaming parser goes wrong; the in-memory parse never meets one.
// - whatever parses, written back by CsvWriter and parsed again, gives the same fields (with ','
//   as the delimiter, which is what CsvWriter writes).
// Any difference aborts with both sides printed.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "loader/csv_reader.h"
#include "loader/csv_writer.h"

namespace {

using dossier::csv::CsvReader;
using dossier::csv::CsvReaderOptions;
using dossier::csv::CsvWriter;

struct Parsed {
  std::vector<std::vector<std::string>> records;
  std::vector<int64_t> lines, numbers;
  std::string error;  // Empty when the whole input parsed.

  bool operator==(const Parsed&) const = default;
};

Parsed ReadAll(CsvReader& reader) {
  Parsed parsed;
  std::vector<std::string_view> fields;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&fields);
    if (!more.ok()) {
      parsed.error = more.status().ToString();
      // Every later call repeats the error.
      absl::StatusOr<bool> again = reader.Next(&fields);
      if (again.ok() || again.status() != more.status()) {
        std::fprintf(stderr, "a second Next() after '%s' did not repeat it\n",
                     parsed.error.c_str());
        std::abort();
      }
      return parsed;
    }
    if (!*more) return parsed;
    if (fields.empty()) {
      std::fprintf(stderr, "a record with no fields\n");
      std::abort();
    }
    parsed.records.emplace_back(fields.begin(), fields.end());
    parsed.lines.push_back(reader.line());
    parsed.numbers.push_back(reader.record_number());
  }
}

void Print(const char* label, const Parsed& p) {
  std::fprintf(stderr, "%s: %zu records, error '%s'\n", label, p.records.size(), p.error.c_str());
  for (size_t i = 0; i < p.records.size(); ++i) {
    std::fprintf(stderr, "  line %lld #%lld:", static_cast<long long>(p.lines[i]),
                 static_cast<long long>(p.numbers[i]));
    for (const std::string& f : p.records[i]) std::fprintf(stderr, " [%s]", f.c_str());
    std::fprintf(stderr, "\n");
  }
}

void ExpectSame(const char* what, const Parsed& a, const Parsed& b) {
  if (a == b) return;
  std::fprintf(stderr, "%s differ\n", what);
  Print("first", a);
  Print("second", b);
  std::abort();
}

// The input as a file, and the file CsvWriter writes; removed when the process exits.
struct TempFile {
  TempFile() {
    char name[] = "/tmp/csv_reader_fuzzer_XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) std::abort();
    close(fd);
    path = name;
  }
  ~TempFile() { unlink(path.c_str()); }
  std::string path;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t selector = data[0];
  const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  CsvReaderOptions options;
  static constexpr char kDelimiters[] = {',', ';', '\t', '|'};
  options.delimiter = kDelimiters[selector & 3];
  options.skip_empty_lines = (selector & 4) != 0;
  options.allow_bare_quotes = (selector & 8) != 0;
  // Blocks of 1 to 16 bytes put block edges everywhere (the buffer doubles when a record does
  // not fit).
  options.block_size = 1 + (selector >> 4);

  static const TempFile input_file, written_file;
  const std::string& path = input_file.path;
  const std::string& written_path = written_file.path;
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr || std::fwrite(text.data(), 1, text.size(), file) != text.size() ||
      std::fclose(file) != 0) {
    std::abort();
  }

  const Parsed in_memory = ReadAll(*CsvReader::FromString(text, path, options));
  absl::StatusOr<std::unique_ptr<CsvReader>> opened = CsvReader::Open(path, options);
  if (!opened.ok()) std::abort();
  ExpectSame("in-memory and block-by-block parses", in_memory, ReadAll(**opened));

  if (options.delimiter == ',' && in_memory.error.empty()) {
    absl::StatusOr<std::unique_ptr<CsvWriter>> writer = CsvWriter::Open(written_path);
    if (!writer.ok()) std::abort();
    for (const std::vector<std::string>& record : in_memory.records) {
      for (const std::string& field : record) (*writer)->Field(field);
      (*writer)->EndRecord();
    }
    if (!(*writer)->Close().ok()) std::abort();
    absl::StatusOr<std::unique_ptr<CsvReader>> reread = CsvReader::Open(written_path, options);
    if (!reread.ok()) std::abort();
    const Parsed again = ReadAll(**reread);
    if (!again.error.empty() || again.records != in_memory.records) {
      std::fprintf(stderr, "fields written back and parsed again differ\n");
      Print("parsed", in_memory);
      Print("written back", again);
      std::abort();
    }
  }
  return 0;
}
