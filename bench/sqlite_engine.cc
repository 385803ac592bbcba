#include "bench/sqlite_engine.h"

#include <charconv>
#include <filesystem>
#include <optional>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "bench/external_id.h"
#include "graph/absl_compat.h"
#include "loader/csv_reader.h"

namespace dossier::bench {
namespace {

// Up to 18 digits always fits an int64.
std::optional<int64_t> ParseId(std::string_view id) {
  if (!IsCanonicalInteger(id) || id.size() > 18) return std::nullopt;
  int64_t value = 0;
  std::from_chars(id.data(), id.data() + id.size(), value);
  return value;
}

absl::Status ExpectHeader(csv::CsvReader& reader, const std::vector<std::string_view>& fields,
                          std::vector<std::string_view> expected) {
  if (fields != expected) {
    std::string want;
    for (std::string_view f : expected) absl::StrAppend(&want, want.empty() ? "" : ",", ToAbsl(f));
    return reader.ErrorAtRecord(absl::StrCat("expected the header ", want));
  }
  return absl::OkStatus();
}

// Calls fn(neighbour) for each row of a one-column statement bound to
// `node`; fn returns false to stop early.
template <typename F>
absl::Status ForEachRow(SqliteStatement& stmt, int64_t node, F fn) {
  ScopedReset reset(stmt);
  stmt.Bind(1, node);
  while (true) {
    absl::StatusOr<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row || !fn(stmt.ColumnInt64(0))) return absl::OkStatus();
  }
}

}  // namespace

absl::StatusOr<std::unique_ptr<SqliteEngine>> SqliteEngine::Create(const EngineConfig& config) {
  TwoHopMethod two_hop = TwoHopMethod::kBfs;
  int64_t cache_mib = 256;
  for (const auto& [key, value] : config.options) {
    if (key == "sqlite.q4") {
      if (value != "bfs" && value != "cte") {
        return absl::InvalidArgumentError("sqlite.q4 must be bfs or cte");
      }
      two_hop = value == "cte" ? TwoHopMethod::kCte : TwoHopMethod::kBfs;
    } else if (key == "sqlite.cache_mib") {
      if (!absl::SimpleAtoi(value, &cache_mib) || cache_mib <= 0) {
        return absl::InvalidArgumentError("sqlite.cache_mib must be a positive integer");
      }
    }
  }
  return std::unique_ptr<SqliteEngine>(
      new SqliteEngine(config.work_dir + "/sqlite.db", two_hop, cache_mib));
}

absl::Status SqliteEngine::Load(const std::string& nodes_csv, const std::string& edges_csv) {
  std::error_code ec;
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    std::filesystem::remove(db_path_ + suffix, ec);
  }
  absl::StatusOr<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(db_path_);
  if (!db.ok()) return db.status();
  db_ = *std::move(db);
  absl::Status s = db_->Exec(absl::StrCat(
      "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA locking_mode=EXCLUSIVE;"
      "PRAGMA cache_size=-",
      cache_mib_ * 1024,
      ";"
      "CREATE TABLE nodes(id INTEGER PRIMARY KEY, type TEXT NOT NULL, name TEXT NOT NULL);"
      "CREATE TABLE edges(src INTEGER NOT NULL, dst INTEGER NOT NULL, type TEXT NOT NULL);"
      "BEGIN;"));
  if (!s.ok()) return s;
  {
    absl::StatusOr<SqliteStatement> insert =
        db_->Prepare("INSERT INTO nodes(id, type, name) VALUES (?1, ?2, ?3)");
    if (!insert.ok()) return insert.status();
    if (s = LoadNodes(nodes_csv, *insert); !s.ok()) return s;
  }
  {
    absl::StatusOr<SqliteStatement> insert =
        db_->Prepare("INSERT INTO edges(src, dst, type) VALUES (?1, ?2, ?3)");
    if (!insert.ok()) return insert.status();
    if (s = LoadEdges(edges_csv, *insert); !s.ok()) return s;
  }
  s = db_->Exec(
      "COMMIT;"
      "CREATE UNIQUE INDEX edges_out ON edges(src, type, dst);"
      "CREATE INDEX edges_in ON edges(dst, type, src);"
      "CREATE INDEX nodes_name ON nodes(name, type);"
      "ANALYZE;");
  if (!s.ok()) {
    if (absl::StrContains(s.message(), "UNIQUE")) {
      return absl::InvalidArgumentError(
          absl::StrCat(edges_csv, ": the same (src, type, dst) edge appears twice"));
    }
    return s;
  }
  return PrepareQueries();
}

absl::Status SqliteEngine::LoadNodes(const std::string& path, SqliteStatement& insert) {
  absl::StatusOr<std::unique_ptr<csv::CsvReader>> reader = csv::CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<std::string_view> f;
  bool header = true;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&f);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (header) {
      if (absl::Status s = ExpectHeader(**reader, f, {"id", "type", "name"}); !s.ok()) return s;
      header = false;
      continue;
    }
    if (f.size() != 3) {
      return (*reader)->ErrorAtRecord(absl::StrCat("expected 3 fields, got ", f.size()));
    }
    std::optional<int64_t> id = ParseId(f[0]);
    if (!id) {
      return (*reader)->ErrorAtRecord(
          absl::StrCat("node id \"", ToAbsl(f[0]),
                       "\" is not an integer; the SQLite baseline only loads integer ids"));
    }
    insert.Bind(1, *id);
    insert.Bind(2, f[1]);
    insert.Bind(3, f[2]);
    if (absl::Status s = insert.Run(); !s.ok()) {
      return (*reader)->ErrorAtRecord(ToStd(s.message()));  // Most likely a duplicate id.
    }
  }
  return absl::OkStatus();
}

absl::Status SqliteEngine::LoadEdges(const std::string& path, SqliteStatement& insert) {
  absl::StatusOr<std::unique_ptr<csv::CsvReader>> reader = csv::CsvReader::Open(path);
  if (!reader.ok()) return reader.status();
  std::vector<std::string_view> f;
  bool header = true;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&f);
    if (!more.ok()) return more.status();
    if (!*more) break;
    if (header) {
      if (absl::Status s = ExpectHeader(**reader, f, {"src", "dst", "type"}); !s.ok()) return s;
      header = false;
      continue;
    }
    if (f.size() != 3) {
      return (*reader)->ErrorAtRecord(absl::StrCat("expected 3 fields, got ", f.size()));
    }
    std::optional<int64_t> src = ParseId(f[0]);
    std::optional<int64_t> dst = ParseId(f[1]);
    if (!src || !dst) {
      return (*reader)->ErrorAtRecord("edge endpoints must be integer node ids");
    }
    insert.Bind(1, *src);
    insert.Bind(2, *dst);
    insert.Bind(3, f[2]);
    if (absl::Status s = insert.Run(); !s.ok()) return (*reader)->ErrorAtRecord(ToStd(s.message()));
  }
  return absl::OkStatus();
}

absl::Status SqliteEngine::PrepareQueries() {
  struct Entry {
    SqliteStatement* stmt;
    const char* sql;
  };
  const Entry entries[] = {
      {&node_by_id_, "SELECT type, name FROM nodes WHERE id = ?1"},
      // Index (name, type) order: ascending id within one name.
      {&persons_named_, "SELECT id FROM nodes WHERE name = ?1 AND type = 'Person'"},
      {&out_neighbors_, "SELECT dst FROM edges WHERE src = ?1 AND type = ?2"},
      {&all_out_, "SELECT dst FROM edges WHERE src = ?1"},
      {&all_in_, "SELECT src FROM edges WHERE dst = ?1"},
      {&two_hop_cte_,
       "WITH n1(x) AS (SELECT dst FROM edges WHERE src = ?1"
       "               UNION SELECT src FROM edges WHERE dst = ?1) "
       "SELECT count(*) FROM ("
       "  SELECT x FROM n1"
       "  UNION SELECT e.dst FROM n1 JOIN edges e ON e.src = n1.x"
       "  UNION SELECT e.src FROM n1 JOIN edges e ON e.dst = n1.x) "
       "WHERE x <> ?1"},
      {&page_out_,
       "SELECT dst FROM edges WHERE src = ?1 AND type = ?2 ORDER BY dst LIMIT ?3 OFFSET ?4"},
      {&page_in_,
       "SELECT src FROM edges WHERE dst = ?1 AND type = ?2 ORDER BY src LIMIT ?3 OFFSET ?4"},
  };
  for (const Entry& e : entries) {
    absl::StatusOr<SqliteStatement> stmt = db_->Prepare(e.sql);
    if (!stmt.ok()) return stmt.status();
    *e.stmt = *std::move(stmt);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> SqliteEngine::IdColumn(SqliteStatement& stmt) {
  ScopedReset reset(stmt);
  std::vector<std::string> ids;
  while (true) {
    absl::StatusOr<bool> row = stmt.Step();
    if (!row.ok()) return row.status();
    if (!*row) return ids;
    ids.push_back(std::to_string(stmt.ColumnInt64(0)));
  }
}

absl::StatusOr<std::optional<NodeInfo>> SqliteEngine::NodeById(std::string_view id) {
  std::optional<int64_t> key = ParseId(id);
  if (!key) return std::nullopt;  // Every stored id is an integer.
  ScopedReset reset(node_by_id_);
  node_by_id_.Bind(1, *key);
  absl::StatusOr<bool> row = node_by_id_.Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::nullopt;
  return NodeInfo{std::string(node_by_id_.ColumnText(0)), std::string(node_by_id_.ColumnText(1))};
}

absl::StatusOr<std::vector<std::string>> SqliteEngine::PersonsNamed(std::string_view name) {
  persons_named_.Bind(1, name);
  return IdColumn(persons_named_);  // Already in id order (see the statement).
}

absl::StatusOr<std::vector<std::string>> SqliteEngine::OutNeighbors(std::string_view node,
                                                                    std::string_view edge_type) {
  std::optional<int64_t> key = ParseId(node);
  if (!key) return std::vector<std::string>{};
  out_neighbors_.Bind(1, *key);
  out_neighbors_.Bind(2, edge_type);
  return IdColumn(out_neighbors_);  // Covering index order: ascending dst.
}

absl::StatusOr<int64_t> SqliteEngine::BfsCount(int64_t start, int hops, int64_t cap) {
  absl::flat_hash_set<int64_t> seen = {start};
  std::vector<int64_t> frontier = {start}, next;
  int64_t count = 0;
  bool capped = false;
  auto visit = [&](int64_t w) {
    if (seen.insert(w).second) {
      next.push_back(w);
      if (++count >= cap) capped = true;
    }
    return !capped;
  };
  for (int depth = 1; depth <= hops && !frontier.empty(); ++depth) {
    next.clear();
    for (int64_t v : frontier) {
      if (absl::Status s = ForEachRow(all_out_, v, visit); !s.ok()) return s;
      if (capped) return cap;
      if (absl::Status s = ForEachRow(all_in_, v, visit); !s.ok()) return s;
      if (capped) return cap;
    }
    frontier.swap(next);
  }
  return count;
}

absl::StatusOr<int64_t> SqliteEngine::CountWithin2Hops(std::string_view node) {
  std::optional<int64_t> key = ParseId(node);
  if (!key) return 0;
  if (two_hop_ == TwoHopMethod::kBfs) return BfsCount(*key, 2, INT64_MAX);
  ScopedReset reset(two_hop_cte_);
  two_hop_cte_.Bind(1, *key);
  absl::StatusOr<bool> row = two_hop_cte_.Step();
  if (!row.ok()) return row.status();
  return *row ? two_hop_cte_.ColumnInt64(0) : 0;
}

absl::StatusOr<int64_t> SqliteEngine::CountWithin3Hops(std::string_view node, int64_t cap) {
  std::optional<int64_t> key = ParseId(node);
  if (!key) return 0;
  return BfsCount(*key, 3, cap);
}

absl::StatusOr<int32_t> SqliteEngine::ShortestPath(std::string_view from, std::string_view to,
                                                   int32_t max_depth) {
  std::optional<int64_t> a = ParseId(from);
  std::optional<int64_t> b = ParseId(to);
  if (!a || !b) return -1;
  if (*a == *b) return 0;
  // Level-synchronous bidirectional BFS. When the balls of radius df (from
  // `a`, out-edges) and db (to `b`, in-edges) are disjoint, the distance is
  // more than df + db; the first node found in both after growing one ball
  // by a level therefore closes a shortest path of df + db + 1 hops.
  absl::flat_hash_set<int64_t> seen_fwd = {*a}, seen_bwd = {*b};
  std::vector<int64_t> front_fwd = {*a}, front_bwd = {*b}, next;
  int32_t df = 0, db = 0;
  while (df + db < max_depth && !front_fwd.empty() && !front_bwd.empty()) {
    const bool forward = front_fwd.size() <= front_bwd.size();
    std::vector<int64_t>& front = forward ? front_fwd : front_bwd;
    absl::flat_hash_set<int64_t>& mine = forward ? seen_fwd : seen_bwd;
    const absl::flat_hash_set<int64_t>& theirs = forward ? seen_bwd : seen_fwd;
    SqliteStatement& stmt = forward ? all_out_ : all_in_;
    bool met = false;
    next.clear();
    for (int64_t v : front) {
      absl::Status s = ForEachRow(stmt, v, [&](int64_t w) {
        if (theirs.contains(w)) {
          met = true;
          return false;
        }
        if (mine.insert(w).second) next.push_back(w);
        return true;
      });
      if (!s.ok()) return s;
      if (met) return df + db + 1;
    }
    front.swap(next);
    (forward ? df : db) += 1;
  }
  return -1;
}

absl::StatusOr<std::vector<std::string>> SqliteEngine::NeighborPage(const PageQuery& query,
                                                                    int32_t page_size) {
  std::optional<int64_t> key = ParseId(query.node);
  if (!key) return std::vector<std::string>{};
  SqliteStatement& stmt = query.outgoing ? page_out_ : page_in_;
  stmt.Bind(1, *key);
  stmt.Bind(2, query.edge_type);
  stmt.Bind(3, int64_t{page_size});
  stmt.Bind(4, query.page * page_size);
  return IdColumn(stmt);
}

DOSSIER_REGISTER_BENCH_ENGINE(
    sqlite, [](const EngineConfig& config) -> absl::StatusOr<std::unique_ptr<Engine>> {
      absl::StatusOr<std::unique_ptr<SqliteEngine>> engine = SqliteEngine::Create(config);
      if (!engine.ok()) return engine.status();
      return std::unique_ptr<Engine>(*std::move(engine));
    });

}  // namespace dossier::bench
