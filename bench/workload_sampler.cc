#include "bench/workload_sampler.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "bench/rng.h"
#include "graph/absl_compat.h"

namespace dossier::bench {
namespace {

constexpr uint64_t kWorkloadStream = 9000;
constexpr int kMaxAttempts = 500;

// Out-adjacency of the whole graph, 4 bytes per edge.
struct Csr {
  std::vector<uint64_t> offsets;  // node -> first index into targets
  std::vector<uint32_t> targets;
  std::vector<uint32_t> in_degree;
  std::map<uint32_t, int64_t> supernode_degree;  // In the supernode's own relation.

  uint64_t OutDegree(uint32_t v) const { return offsets[v + 1] - offsets[v]; }
};

Csr BuildCsr(const GraphGenerator& g) {
  const size_t n = g.node_count();
  Csr csr;
  csr.offsets.assign(n + 1, 0);
  csr.in_degree.assign(n, 0);
  std::map<std::pair<uint32_t, int>, bool> super;  // (node, relation) -> outgoing
  for (const Supernode& s : g.supernodes()) super[{s.node, s.relation}] = s.outgoing;
  g.ForEachEdge([&](uint32_t src, int relation, uint32_t dst) {
    ++csr.offsets[src + 1];
    ++csr.in_degree[dst];
    if (!super.empty()) {
      auto out = super.find({src, relation});
      if (out != super.end() && out->second) ++csr.supernode_degree[src];
      auto in = super.find({dst, relation});
      if (in != super.end() && !in->second) ++csr.supernode_degree[dst];
    }
  });
  for (size_t v = 0; v < n; ++v) csr.offsets[v + 1] += csr.offsets[v];
  csr.targets.resize(csr.offsets[n]);
  std::vector<uint64_t> fill(csr.offsets.begin(), csr.offsets.end() - 1);
  g.ForEachEdge([&](uint32_t src, int, uint32_t dst) { csr.targets[fill[src]++] = dst; });
  return csr;
}

// Directed BFS from one node, reused across calls without O(n) resets.
class Bfs {
 public:
  Bfs(const Csr& csr, const GraphGenerator& g) : csr_(csr), g_(g), dist_(g.node_count(), -1) {}

  // Persons first reached at each depth 1..max_depth.
  std::vector<std::vector<uint32_t>> PersonsByDepth(uint32_t from, int max_depth) {
    for (uint32_t v : touched_) dist_[v] = -1;
    touched_.clear();
    std::vector<std::vector<uint32_t>> persons(max_depth + 1);
    std::vector<uint32_t> frontier = {from}, next;
    dist_[from] = 0;
    touched_.push_back(from);
    for (int depth = 1; depth <= max_depth && !frontier.empty(); ++depth) {
      next.clear();
      for (uint32_t v : frontier) {
        for (uint64_t i = csr_.offsets[v]; i < csr_.offsets[v + 1]; ++i) {
          uint32_t w = csr_.targets[i];
          if (dist_[w] >= 0) continue;
          dist_[w] = static_cast<int8_t>(depth);
          touched_.push_back(w);
          next.push_back(w);
          if (g_.TypeOf(w) == NodeType::kPerson) persons[depth].push_back(w);
        }
      }
      frontier.swap(next);
    }
    return persons;
  }

  // Hops from `from` to `to`, or -1 beyond max_depth.
  int Distance(uint32_t from, uint32_t to, int max_depth) {
    if (from == to) return 0;
    PersonsByDepth(from, max_depth);
    return dist_[to];
  }

 private:
  const Csr& csr_;
  const GraphGenerator& g_;
  std::vector<int8_t> dist_;
  std::vector<uint32_t> touched_;
};

uint32_t PickPerson(const GraphGenerator& g, Rng& rng) {
  const std::vector<uint32_t>& persons = g.NodesOfType(NodeType::kPerson);
  return persons[rng.Below(persons.size())];
}

bool ReachesPersons(const std::vector<std::vector<uint32_t>>& by_depth) {
  for (const auto& level : by_depth) {
    if (!level.empty()) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<WorkloadSample> SampleWorkload(const GraphGenerator& g, const WorkloadSizes& sizes,
                                              uint64_t seed) {
  WorkloadSample out;
  Workload& w = out.workload;
  const int max_depth = w.max_depth;
  Rng rng = Rng::For(seed, kWorkloadStream, 0);
  auto ext = [](uint32_t v) { return GraphGenerator::ExternalId(v); };
  const int64_t n = g.node_count();

  for (int32_t i = 0; i < sizes.q1; ++i) {
    // One in a hundred asks for an id that does not exist.
    w.q1.push_back(i % 100 == 99 ? std::to_string(n + 1 + i) : ext(rng.Below(n)));
  }
  for (int32_t i = 0; i < sizes.q2; ++i) {
    if (i % 20 == 18) {
      w.q2.push_back(absl::StrCat("Nobody Nowhere ", i));  // Absent.
    } else if (i % 20 == 19) {
      // Byte-for-byte: the lower-cased form of a real name must not match it.
      w.q2.push_back(absl::AsciiStrToLower(g.NameOf(PickPerson(g, rng))));
    } else {
      w.q2.push_back(g.NameOf(PickPerson(g, rng)));
    }
  }
  const char* kPersonOut[] = {"SIGNED", "MEMBER_OF", "PERSECUTED_BY"};
  for (int32_t i = 0; i < sizes.q3; ++i)
    w.q3.push_back({ext(PickPerson(g, rng)), kPersonOut[i % 3]});
  for (int32_t i = 0; i < sizes.q4; ++i) w.q4.push_back(ext(PickPerson(g, rng)));
  for (int32_t i = 0; i < sizes.q5; ++i) w.q5.push_back(ext(PickPerson(g, rng)));

  Csr csr = BuildCsr(g);
  Bfs bfs(csr, g);
  std::map<int, int> hop_histogram;
  for (int32_t i = 0; i < sizes.q6; ++i) {
    const int kind = i % 5;
    uint32_t a = PickPerson(g, rng);
    uint32_t b = PickPerson(g, rng);
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      a = PickPerson(g, rng);
      if (kind == 3) {
        // The source leads to no person: no path, found quickly by anyone.
        // (In this schema a person reaches persons only via a letter, so
        // two hops tell.)
        if (ReachesPersons(bfs.PersonsByDepth(a, 2))) continue;
        for (int k = 0; k < kMaxAttempts; ++k) {
          b = PickPerson(g, rng);
          if (b != a && csr.in_degree[b] > 0) break;
        }
        break;
      }
      std::vector<std::vector<uint32_t>> reach = bfs.PersonsByDepth(a, max_depth);
      if (!ReachesPersons(reach)) continue;
      if (kind <= 2) {
        // Joined by a path: a person first reached at 2, 4 or 6 hops (or
        // the deepest level there is).
        int depth = std::min(max_depth, 2 * (kind + 1));
        while (depth > 0 && reach[depth].empty()) --depth;
        b = reach[depth][rng.Below(reach[depth].size())];
        break;
      }
      // The target has no incoming edge but the source reaches far: no
      // path, and a one-sided search explores the source's whole reach.
      for (int k = 0; k < kMaxAttempts; ++k) {
        b = PickPerson(g, rng);
        if (csr.in_degree[b] == 0 && b != a) break;
      }
      break;
    }
    const int hops = bfs.Distance(a, b, max_depth);
    ++hop_histogram[hops];
    w.q6.push_back({ext(a), ext(b)});
  }

  std::string supernote;
  for (const Supernode& s : g.supernodes()) {
    const int64_t degree = csr.supernode_degree[s.node];
    const int64_t last = degree > 0 ? (degree - 1) / w.page_size : 0;
    std::vector<int64_t> pages = {0, 1, last / 2, last};
    for (int32_t k = 4; k < sizes.q7_pages_per_supernode; ++k) {
      pages.push_back(static_cast<int64_t>(rng.Below(last + 1)));
    }
    pages.resize(std::min<size_t>(pages.size(), sizes.q7_pages_per_supernode));
    for (int64_t p : pages) {
      w.q7.push_back({ext(s.node), std::string(NodeTypeName(g.TypeOf(s.node))), s.outgoing,
                      Relations()[s.relation].name, p});
    }
    absl::StrAppend(&supernote, "  ", ToAbsl(NodeTypeName(g.TypeOf(s.node))), " ", ext(s.node),
                    ": ", degree, " ", s.outgoing ? "out" : "in", " ", Relations()[s.relation].name,
                    "\n");
  }

  out.summary = absl::StrCat("Q6 pairs by hops (-1 = no path within ", max_depth, "):");
  for (const auto& [hops, count] : hop_histogram)
    absl::StrAppend(&out.summary, " ", hops, ":", count);
  absl::StrAppend(&out.summary, "\nsupernodes (main relation degree):\n", supernote);
  return out;
}

}  // namespace dossier::bench
