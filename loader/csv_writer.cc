#include "loader/csv_writer.h"

#include <cerrno>
#include <charconv>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace dossier::csv {
namespace {

constexpr size_t kFlushAt = 1 << 20;

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

bool NeedsQuotes(std::string_view v) {
  return v.find_first_of(",\"\r\n") != std::string_view::npos;
}

}  // namespace

absl::StatusOr<std::unique_ptr<CsvWriter>> CsvWriter::Open(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    return absl::PermissionDeniedError(
        absl::StrCat("cannot create ", path, ": ", std::strerror(errno)));
  }
  return std::unique_ptr<CsvWriter>(new CsvWriter(f, path));
}

CsvWriter::CsvWriter(std::FILE* file, std::string path) : file_(file), path_(std::move(path)) {
  buf_.reserve(kFlushAt + 4096);
}

CsvWriter::~CsvWriter() {
  if (file_ != nullptr) (void)Close();
}

std::string CsvWriter::Quote(std::string_view value) {
  if (!NeedsQuotes(value)) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void CsvWriter::Append(std::string_view bytes) {
  buf_.append(bytes);
  if (buf_.size() >= kFlushAt) Flush();
}

void CsvWriter::Flush() {
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), file_) != buf_.size()) {
    failed_ = true;
  }
  buf_.clear();
}

void CsvWriter::Field(std::string_view value) {
  if (!first_field_) buf_.push_back(',');
  // Readers drop a byte-order mark that starts the file: quoted, it stays the field's.
  const bool starts_file_with_mark = at_file_start_ && value.starts_with(kUtf8ByteOrderMark);
  lone_empty_field_ = first_field_ && value.empty();
  first_field_ = false;
  at_file_start_ = false;
  if (!NeedsQuotes(value) && !starts_file_with_mark) {
    Append(value);
    return;
  }
  buf_.push_back('"');
  for (char c : value) {
    if (c == '"') buf_.push_back('"');
    buf_.push_back(c);
  }
  Append("\"");
}

void CsvWriter::Field(int64_t value) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof(digits), value);
  Field(std::string_view(digits, end - digits));
}

void CsvWriter::EndRecord() {
  // Bare, a record of one empty field would be a blank line, which readers skip.
  if (lone_empty_field_) buf_.append("\"\"");
  lone_empty_field_ = false;
  Append("\n");
  first_field_ = true;
}

absl::Status CsvWriter::Close() {
  if (file_ == nullptr) return absl::FailedPreconditionError("CsvWriter already closed");
  Flush();
  if (std::fclose(file_) != 0) failed_ = true;
  file_ = nullptr;
  if (failed_) return absl::DataLossError(absl::StrCat("error writing ", path_));
  return absl::OkStatus();
}

}  // namespace dossier::csv
