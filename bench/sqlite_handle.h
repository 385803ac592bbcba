// RAII wrappers over the SQLite C API with absl::Status errors: a database
// connection and prepared statements. Small on purpose: just what the
// SQLite baseline engine needs.
#ifndef DOSSIER_BENCH_SQLITE_HANDLE_H_
#define DOSSIER_BENCH_SQLITE_HANDLE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dossier::bench {

class SqliteStatement {
 public:
  SqliteStatement() = default;
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~SqliteStatement() { sqlite3_finalize(stmt_); }
  SqliteStatement(SqliteStatement&& other) noexcept
      : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)) {}
  SqliteStatement& operator=(SqliteStatement&& other) noexcept {
    std::swap(db_, other.db_);
    std::swap(stmt_, other.stmt_);
    return *this;
  }

  // Parameters are 1-based, as in SQL (?1). Text is bound without a copy:
  // it must outlive the statement's next Reset().
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, std::string_view value) {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
  }

  // True when a row is available, false when done.
  absl::StatusOr<bool> Step();
  // Runs to completion (for statements without rows).
  absl::Status Run();
  // Ready for the next execution; bindings are kept until rebound.
  void Reset() { sqlite3_reset(stmt_); }

  int64_t ColumnInt64(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::string_view ColumnText(int column) const {
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    return std::string_view(reinterpret_cast<const char*>(text),
                            sqlite3_column_bytes(stmt_, column));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Resets a statement when leaving scope, so an early return never leaves a
// read transaction open.
class ScopedReset {
 public:
  explicit ScopedReset(SqliteStatement& stmt) : stmt_(stmt) {}
  ~ScopedReset() { stmt_.Reset(); }

 private:
  SqliteStatement& stmt_;
};

class SqliteDb {
 public:
  static absl::StatusOr<std::unique_ptr<SqliteDb>> Open(const std::string& path);
  ~SqliteDb() { sqlite3_close_v2(db_); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  absl::Status Exec(const std::string& sql);
  absl::StatusOr<SqliteStatement> Prepare(std::string_view sql);
  sqlite3* raw() { return db_; }

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_SQLITE_HANDLE_H_
