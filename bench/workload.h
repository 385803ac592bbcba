// The benchmark workload: the same query parameters for every engine, in
// the JSON the issue fixes:
//
//   {"cap":10000,"max_depth":6,"page_size":100,
//    "Q1":[id,...], "Q2":[name,...], "Q3":[[id,"EDGE_TYPE"],...],
//    "Q4":[id,...], "Q5":[id,...], "Q6":[[a,b],...],
//    "Q7":[[id,"NodeType","in"|"out","EDGE_TYPE",page_number],...]}
//
// Ids are the CSV's external ids; in JSON they may be strings or integers
// (integers are read as their decimal text). Written files use integers when
// an id is a canonical integer, strings otherwise. Unknown keys are ignored
// so the file can carry notes.
#ifndef DOSSIER_BENCH_WORKLOAD_H_
#define DOSSIER_BENCH_WORKLOAD_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dossier::bench {

struct OutNeighborsQuery {  // Q3
  std::string node;
  std::string edge_type;
  friend bool operator==(const OutNeighborsQuery&, const OutNeighborsQuery&) = default;
};

struct PathQuery {  // Q6
  std::string from;
  std::string to;
  friend bool operator==(const PathQuery&, const PathQuery&) = default;
};

struct PageQuery {  // Q7
  std::string node;
  std::string node_type;
  bool outgoing = true;  // "out": the node is the edges' src.
  std::string edge_type;
  int64_t page = 0;
  friend bool operator==(const PageQuery&, const PageQuery&) = default;
};

struct Workload {
  int64_t cap = 10'000;         // Q5's cap on the count.
  int32_t max_depth = 6;        // Q6's longest path.
  int32_t page_size = 100;      // Q7.
  std::vector<std::string> q1;  // Node by id.
  std::vector<std::string> q2;  // Persons with this exact name.
  std::vector<OutNeighborsQuery> q3;
  std::vector<std::string> q4;  // Nodes within 2 hops.
  std::vector<std::string> q5;  // Nodes within 3 hops, capped.
  std::vector<PathQuery> q6;
  std::vector<PageQuery> q7;
  friend bool operator==(const Workload&, const Workload&) = default;
};

// INVALID_ARGUMENT naming the offending key and index, e.g.
// "workload Q6[3]: expected [from, to]".
absl::StatusOr<Workload> ParseWorkload(std::string_view json_text);
absl::StatusOr<Workload> ReadWorkloadFile(const std::string& path);

// Deterministic text: same workload, same bytes.
std::string WorkloadToJson(const Workload& workload);
absl::Status WriteWorkloadFile(const Workload& workload, const std::string& path);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_WORKLOAD_H_
