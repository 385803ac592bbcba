// Adjacency entries sorted in bounded memory: chunks are sorted and spilled to
// temporary files ("runs"), then merged back in order. Used by bulk loading.
#ifndef DOSSIER_GRAPH_SORTED_RUN_H_
#define DOSSIER_GRAPH_SORTED_RUN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace dossier::graph {

// One direction of one edge: [anchor][type][other] is its key.
struct AdjEntry {
  uint64_t anchor;
  uint64_t other;
  uint32_t type;
  uint32_t props;  // Index of the edge's properties, or kNoProps.
};
static_assert(sizeof(AdjEntry) == 24);
inline constexpr uint32_t kNoProps = UINT32_MAX;

// Key order, then the properties' index: of a repeated key, the first row with properties
// comes first (indexes follow the input, and kNoProps is the largest), so the load keeps it
// however the repeats were sorted or spread over runs.
inline bool AdjLess(const AdjEntry& a, const AdjEntry& b) {
  return std::tie(a.anchor, a.type, a.other, a.props) <
         std::tie(b.anchor, b.type, b.other, b.props);
}
// AdjLess as a type, for sorts: std::sort inlines a functor's call, not a function pointer's
// (20M calls a direction at 10M edges).
struct AdjOrder {
  bool operator()(const AdjEntry& a, const AdjEntry& b) const { return AdjLess(a, b); }
};
inline bool AdjSameKey(const AdjEntry& a, const AdjEntry& b) {
  return a.anchor == b.anchor && a.type == b.type && a.other == b.other;
}

// Sorts in place (in parallel on two threads when large).
void SortEntries(std::vector<AdjEntry>* entries);

// Both directions of `edges`, each in key order: `out` as given, `in` with anchor and other
// swapped. Takes over `edges`' memory (empty on return), so two arrays are live in all; uses
// two threads. Node ids are dense, so it sorts by radix rather than by comparison: the two
// std::sorts of 10M entries it replaces were a tenth of a default-size load's CPU.
void SortBothDirections(std::vector<AdjEntry>* edges, std::vector<AdjEntry>* out,
                        std::vector<AdjEntry>* in);

// Writes `sorted` to a new run file under `dir`; returns its path.
absl::StatusOr<std::string> SpillRun(const std::vector<AdjEntry>& sorted, const std::string& dir,
                                     const std::string& name);

// Yields the entries of several sorted runs (files) and at most one sorted
// in-memory vector, in order.
class RunMerger {
 public:
  static absl::StatusOr<std::unique_ptr<RunMerger>> Open(const std::vector<std::string>& files,
                                                         const std::vector<AdjEntry>* memory);
  ~RunMerger();
  // False at the end; check status() then.
  bool Next(AdjEntry* entry);
  absl::Status status() const { return status_; }

 private:
  struct Source;
  RunMerger() = default;
  std::vector<std::unique_ptr<Source>> sources_;
  std::vector<size_t> heap_;  // Indexes into sources_, min-heap on their current entry.
  absl::Status status_;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_SORTED_RUN_H_
