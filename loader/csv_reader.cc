#include "loader/csv_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "graph/absl_compat.h"

namespace dossier::csv {
namespace {

constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

int64_t CountNewlines(const char* begin, const char* end) { return std::count(begin, end, '\n'); }

std::string Printable(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("'") + c + "'";
  return absl::StrCat("byte 0x", absl::Hex(static_cast<unsigned char>(c), absl::kZeroPad2));
}

}  // namespace

absl::StatusOr<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                           const CsvReaderOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return absl::NotFoundError(absl::StrCat("cannot open ", path, ": ", std::strerror(errno)));
  }
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return std::unique_ptr<CsvReader>(new CsvReader(fd, path, options));
}

std::unique_ptr<CsvReader> CsvReader::FromString(std::string data, std::string name,
                                                 const CsvReaderOptions& options) {
  std::unique_ptr<CsvReader> reader(new CsvReader(-1, std::move(name), options));
  reader->buf_ = std::move(data);
  reader->end_ = reader->buf_.size();
  reader->eof_ = true;
  return reader;
}

CsvReader::CsvReader(int fd, std::string name, const CsvReaderOptions& options)
    : fd_(fd), name_(std::move(name)), options_(options) {
  if (fd_ >= 0) buf_.resize(std::max<size_t>(options_.block_size, 1));
}

CsvReader::~CsvReader() {
  if (fd_ >= 0) ::close(fd_);
}

absl::Status CsvReader::ErrorAt(int64_t line, std::string_view message) {
  return absl::InvalidArgumentError(absl::StrCat(name_, ":", line, ": ", ToAbsl(message)));
}

absl::Status CsvReader::ErrorAtRecord(std::string_view message) const {
  return absl::InvalidArgumentError(absl::StrCat(name_, ":", record_line_, ": ", ToAbsl(message)));
}

absl::Status CsvReader::Refill() {
  if (fd_ < 0) {
    eof_ = true;
    return absl::OkStatus();
  }
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  // A record longer than the buffer: grow so it fits.
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  while (true) {
    ssize_t n = ::read(fd_, buf_.data() + end_, buf_.size() - end_);
    if (n < 0) {
      if (errno == EINTR) continue;
      return absl::DataLossError(absl::StrCat("read ", name_, ": ", std::strerror(errno)));
    }
    if (n == 0) eof_ = true;
    end_ += static_cast<size_t>(n);
    return absl::OkStatus();
  }
}

CsvReader::ParseResult CsvReader::ParseRecord(size_t* record_end) {
  refs_.clear();
  scratch_.clear();
  const char* b = buf_.data();
  const char delim = options_.delimiter;
  size_t p = pos_;
  int64_t line = next_line_;

  // After a field: a delimiter (more fields follow) or the end of the record.
  // Returns kRecord when the record ended, kNeedMore, or kError; sets
  // `more_fields` when a delimiter was consumed.
  auto after_field = [&](size_t q, bool* more_fields) -> ParseResult {
    *more_fields = false;
    if (q >= end_) {
      if (!eof_) return ParseResult::kNeedMore;
      *record_end = q;
      return ParseResult::kRecord;
    }
    char c = b[q];
    if (c == delim) {
      *more_fields = true;
      p = q + 1;
      return ParseResult::kRecord;
    }
    if (c == '\n') {
      *record_end = q + 1;
      return ParseResult::kRecord;
    }
    if (c == '\r') {
      if (q + 1 >= end_ && !eof_) return ParseResult::kNeedMore;
      // CRLF, or a lone CR (old Mac files) taken as a line end too.
      *record_end = (q + 1 < end_ && b[q + 1] == '\n') ? q + 2 : q + 1;
      return ParseResult::kRecord;
    }
    parse_error_ = absl::StrCat("unexpected ", Printable(c), " after the closing quote of field ",
                                refs_.size());
    parse_error_line_ = line;
    return ParseResult::kError;
  };

  while (true) {
    if (p >= end_) {
      if (!eof_) return ParseResult::kNeedMore;
      // A delimiter was the last byte of the input: one more empty field.
      refs_.push_back({false, p, 0});
      *record_end = p;
      return ParseResult::kRecord;
    }
    size_t field_end;
    if (b[p] == '"') {
      const int64_t start_line = line;
      size_t content = p + 1;
      size_t q = content;
      bool escaped = false;
      size_t close;
      while (true) {
        const void* hit = std::memchr(b + q, '"', end_ - q);
        if (hit == nullptr) {
          if (!eof_) return ParseResult::kNeedMore;
          parse_error_ = absl::StrCat("quoted field ", refs_.size() + 1,
                                      " is not closed before the end of the input");
          parse_error_line_ = start_line;
          return ParseResult::kError;
        }
        size_t at = static_cast<const char*>(hit) - b;
        if (at + 1 >= end_ && !eof_) return ParseResult::kNeedMore;
        if (at + 1 < end_ && b[at + 1] == '"') {
          escaped = true;
          q = at + 2;
          continue;
        }
        close = at;
        break;
      }
      line += CountNewlines(b + content, b + close);
      if (escaped) {
        size_t offset = scratch_.size();
        for (size_t i = content; i < close; ++i) {
          scratch_.push_back(b[i]);
          if (b[i] == '"') ++i;  // The second quote of a doubled pair.
        }
        refs_.push_back({true, offset, scratch_.size() - offset});
      } else {
        refs_.push_back({false, content, close - content});
      }
      field_end = close + 1;
    } else {
      size_t q = p;
      while (q < end_) {
        char c = b[q];
        if (c == delim || c == '\n' || c == '\r') break;
        if (c == '"' && !options_.allow_bare_quotes) {
          parse_error_ = absl::StrCat("'\"' inside unquoted field ", refs_.size() + 1,
                                      " (quote the whole field and double the quote)");
          parse_error_line_ = line;
          return ParseResult::kError;
        }
        ++q;
      }
      if (q >= end_ && !eof_) return ParseResult::kNeedMore;
      refs_.push_back({false, p, q - p});
      field_end = q;
    }
    bool more_fields;
    ParseResult r = after_field(field_end, &more_fields);
    if (r != ParseResult::kRecord || !more_fields) return r;
  }
}

absl::StatusOr<bool> CsvReader::Next(std::vector<std::string_view>* fields) {
  if (!status_.ok()) return status_;
  while (true) {
    if (pos_ >= end_) {
      if (eof_) return false;
      if (absl::Status s = Refill(); !s.ok()) return status_ = s;
      continue;
    }
    if (!bom_checked_) {
      if (end_ - pos_ < 3 && !eof_) {
        if (absl::Status s = Refill(); !s.ok()) return status_ = s;
        continue;
      }
      bom_checked_ = true;
      if (end_ - pos_ >= 3 && std::memcmp(buf_.data() + pos_, kUtf8Bom, 3) == 0) pos_ += 3;
      continue;
    }
    size_t record_end = 0;
    ParseResult r = ParseRecord(&record_end);
    if (r == ParseResult::kNeedMore) {
      if (absl::Status s = Refill(); !s.ok()) return status_ = s;
      continue;
    }
    if (r == ParseResult::kError) return status_ = ErrorAt(parse_error_line_, parse_error_);

    const char* rec = buf_.data() + pos_;
    const size_t rec_size = record_end - pos_;
    const int64_t line = next_line_;
    // Lines are counted by LF; a lone CR ending a record counts as one too.
    next_line_ += CountNewlines(rec, rec + rec_size);
    if (rec_size > 0 && rec[rec_size - 1] == '\r') ++next_line_;
    pos_ = record_end;
    const bool blank = refs_.size() == 1 && !refs_[0].in_scratch && refs_[0].size == 0 &&
                       (rec_size == 0 || rec[0] == '\n' || rec[0] == '\r');
    if (blank && options_.skip_empty_lines) continue;

    record_line_ = line;
    ++record_number_;
    fields->resize(refs_.size());
    for (size_t i = 0; i < refs_.size(); ++i) {
      const FieldRef& f = refs_[i];
      const char* base = f.in_scratch ? scratch_.data() : buf_.data();
      (*fields)[i] = std::string_view(base + f.offset, f.size);
    }
    return true;
  }
}

}  // namespace dossier::csv
