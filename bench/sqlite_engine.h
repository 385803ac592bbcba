// The SQLite baseline: what a careful user would build with SQLite alone.
//
// Schema: nodes(id INTEGER PRIMARY KEY, type, name) -- the node's integer
// external id is the rowid, so Q1 is one B-tree probe -- and a rowid table
// edges(src, dst, type) indexed after the load by UNIQUE (src, type, dst)
// and (dst, type, src), both covering, plus nodes(name, type) for Q2.
//
// Load: one transaction, prepared INSERTs, journal_mode=OFF and
// synchronous=OFF (a failed load is simply redone from the CSVs, so there
// is nothing to journal), indexes built after the rows are in (a sort rather
// than millions of random B-tree inserts), then ANALYZE. Page cache 256 MiB,
// the same as Dossier's default block cache.
//
// Queries run on statements prepared once:
//   Q4 (2 hops)  BFS in C++ over two prepared statements (out- and
//                in-neighbours), or one statement with CTEs and UNIONs when
//                the engine option sqlite.q4=cte; the default is whichever
//                measured faster (see bench/README.md).
//   Q5 (3 hops)  the BFS, which can stop at the cap; a SQL UNION cannot
//                stop early on a count of distinct rows.
//   Q6           bidirectional BFS in C++, expanding the smaller frontier a
//                level at a time through the same two statements.
//   Q7           LIMIT/OFFSET over the covering index, which is already in
//                neighbour order.
//
// Only integer node ids are supported (the generator writes integers); a
// non-integer id fails the load with a clear error.
#ifndef DOSSIER_BENCH_SQLITE_ENGINE_H_
#define DOSSIER_BENCH_SQLITE_ENGINE_H_

#include <memory>
#include <string>

#include "absl/container/flat_hash_set.h"
#include "bench/engine.h"
#include "bench/engine_registry.h"
#include "bench/sqlite_handle.h"

namespace dossier::bench {

class SqliteEngine : public Engine {
 public:
  enum class TwoHopMethod { kBfs, kCte };

  static absl::StatusOr<std::unique_ptr<SqliteEngine>> Create(const EngineConfig& config);

  std::string_view name() const override { return "sqlite"; }
  absl::Status Load(const std::string& nodes_csv, const std::string& edges_csv) override;

  absl::StatusOr<std::optional<NodeInfo>> NodeById(std::string_view id) override;
  absl::StatusOr<std::vector<std::string>> PersonsNamed(std::string_view name) override;
  absl::StatusOr<std::vector<std::string>> OutNeighbors(std::string_view node,
                                                        std::string_view edge_type) override;
  absl::StatusOr<int64_t> CountWithin2Hops(std::string_view node) override;
  absl::StatusOr<int64_t> CountWithin3Hops(std::string_view node, int64_t cap) override;
  absl::StatusOr<int32_t> ShortestPath(std::string_view from, std::string_view to,
                                       int32_t max_depth) override;
  absl::StatusOr<std::vector<std::string>> NeighborPage(const PageQuery& query,
                                                        int32_t page_size) override;

 private:
  SqliteEngine(std::string db_path, TwoHopMethod two_hop, int64_t cache_mib)
      : db_path_(std::move(db_path)), two_hop_(two_hop), cache_mib_(cache_mib) {}

  absl::Status LoadNodes(const std::string& path, SqliteStatement& insert);
  absl::Status LoadEdges(const std::string& path, SqliteStatement& insert);
  absl::Status PrepareQueries();
  // Distinct nodes within `hops` of `start` in both directions, excluding
  // start, stopping at `cap`.
  absl::StatusOr<int64_t> BfsCount(int64_t start, int hops, int64_t cap);
  absl::StatusOr<std::vector<std::string>> IdColumn(SqliteStatement& stmt);

  std::string db_path_;
  TwoHopMethod two_hop_;
  int64_t cache_mib_;
  std::unique_ptr<SqliteDb> db_;
  SqliteStatement node_by_id_, persons_named_, out_neighbors_, all_out_, all_in_, two_hop_cte_,
      page_out_, page_in_;
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_SQLITE_ENGINE_H_
