// The interface every benchmarked engine implements: load the CSVs, then
// answer Q1..Q7 with canonical answers, so the driver can compare engines
// answer for answer. Ids at this interface are the CSV's external id
// strings; how an engine maps them to its own keys is its business (and
// part of what is measured).
//
// Query semantics, identical for every engine:
//   Q1 NodeById          the node's type and name; nullopt when absent.
//   Q2 PersonsNamed      ids of Person nodes whose name equals `name` byte
//                        for byte, sorted by ExternalIdLess.
//   Q3 OutNeighbors      ids of the distinct dst of `node`'s out-edges of
//                        `edge_type`, sorted by ExternalIdLess.
//   Q4 CountWithin2Hops  the number of distinct nodes other than `node` at
//                        1 or 2 hops, edges followed in both directions.
//   Q5 CountWithin3Hops  the same within 3 hops, min(count, cap). An engine
//                        may stop as soon as it has seen `cap` nodes.
//   Q6 ShortestPath      hops of the shortest directed path from -> to (any
//                        edge type), 0 when from == to, -1 when there is none
//                        within max_depth hops.
//   Q7 NeighborPage      the neighbours of `node` through `edge_type` in the
//                        given direction ("out": node is src), ordered by
//                        ExternalIdLess, items [page*page_size, (page+1)*page_size).
//
// An engine returns a non-OK status only when it fails (I/O, bad input); an
// absent node is an ordinary answer (nullopt, empty list, 0 or -1).
//
// Engines are created by name through EngineRegistry (engine_registry.h).
#ifndef DOSSIER_BENCH_ENGINE_H_
#define DOSSIER_BENCH_ENGINE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "bench/workload.h"

namespace dossier::bench {

struct NodeInfo {
  std::string type;
  std::string name;
  friend bool operator==(const NodeInfo&, const NodeInfo&) = default;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Short name used in tables ("sqlite", "dossier", "grpc").
  virtual std::string_view name() const = 0;

  // Loads the graph from nodes.csv (id,type,name) and edges.csv
  // (src,dst,type), both with a header row. Called once, before any query;
  // the driver times it and measures the process's peak memory around it.
  virtual absl::Status Load(const std::string& nodes_csv, const std::string& edges_csv) = 0;

  virtual absl::StatusOr<std::optional<NodeInfo>> NodeById(std::string_view id) = 0;         // Q1
  virtual absl::StatusOr<std::vector<std::string>> PersonsNamed(std::string_view name) = 0;  // Q2
  virtual absl::StatusOr<std::vector<std::string>> OutNeighbors(
      std::string_view node, std::string_view edge_type) = 0;                                // Q3
  virtual absl::StatusOr<int64_t> CountWithin2Hops(std::string_view node) = 0;               // Q4
  virtual absl::StatusOr<int64_t> CountWithin3Hops(std::string_view node, int64_t cap) = 0;  // Q5
  virtual absl::StatusOr<int32_t> ShortestPath(std::string_view from, std::string_view to,
                                               int32_t max_depth) = 0;  // Q6
  virtual absl::StatusOr<std::vector<std::string>> NeighborPage(const PageQuery& query,
                                                                int32_t page_size) = 0;  // Q7

  // Peak resident memory of work done outside this process (a server the
  // engine talks to), in bytes; nullopt for in-process engines, whose memory
  // the driver measures itself. A gRPC engine can read the server's
  // /proc/<pid>/status VmHWM here.
  virtual std::optional<int64_t> ExternalPeakRssBytes() { return std::nullopt; }
  // The same for the load, when it ran in another process (a `dossier load`
  // child's ru_maxrss); read by the driver right after Load().
  virtual std::optional<int64_t> ExternalLoadPeakRssBytes() { return std::nullopt; }
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_ENGINE_H_
