#include "bench/graph_generator.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "bench/rng.h"
#include "loader/csv_writer.h"

namespace dossier::bench {
namespace {

// Rng streams; each names one independent use of the seed.
enum Stream : uint64_t {
  kTypeStream = 1,
  kNameStream = 2,
  kPermutationStream = 100,  // + relation
  kDegreeStream = 200,       // + relation
  kEdgeStream = 300,         // + relation
};

constexpr std::array<RelationSpec, kRelationCount> kRelations = {{
    {"SIGNED", NodeType::kPerson, NodeType::kLetter, /*power_law_at_src=*/true, 0.30, 0.6},
    {"ADDRESSED_TO", NodeType::kLetter, NodeType::kPerson, false, 0.25, 0.6},
    {"CITED_IN", NodeType::kSource, NodeType::kLetter, true, 0.25, 0.6},
    {"MEMBER_OF", NodeType::kPerson, NodeType::kOrganisation, false, 0.12, 0.6},
    {"PERSECUTED_BY", NodeType::kPerson, NodeType::kOrganisation, false, 0.08, 0.6},
}};

// The supernodes: a relation and the fraction of *all* edges the node gets
// in it. At 10M edges that is 90k, 60k, ... 12k; the Zipf tail stays under
// ~10k, so these eight are the nodes with more than 10,000 edges.
struct SupernodeSpec {
  int relation;
  double fraction;
};
constexpr SupernodeSpec kSupernodes[] = {
    {3, 0.0090},  // A mass organisation everyone seems to be a member of.
    {4, 0.0060},  // The ministry behind most persecution.
    {1, 0.0045},  // A head of state most letters are addressed to.
    {2, 0.0030},  // The report everyone cites.
    {4, 0.0025},  // A second persecuting agency.
    {0, 0.0020},  // A prolific signatory.
    {1, 0.0015},  // A second addressee.
    {2, 0.0012},  // A second much-cited source.
};

constexpr double kTypeShare[kNodeTypeCount] = {0.35, 0.02, 0.48, 0.15};
constexpr int64_t kMinNodes = 50;

template <typename T>
void Shuffle(std::vector<T>* v, Rng& rng) {
  for (size_t i = v->size(); i > 1; --i) std::swap((*v)[i - 1], (*v)[rng.Below(i)]);
}

}  // namespace

std::string_view NodeTypeName(NodeType type) {
  switch (type) {
    case NodeType::kPerson:
      return "Person";
    case NodeType::kOrganisation:
      return "Organisation";
    case NodeType::kLetter:
      return "Letter";
    case NodeType::kSource:
      return "Source";
  }
  return "?";
}

const std::array<RelationSpec, kRelationCount>& Relations() { return kRelations; }

absl::StatusOr<GraphGenerator> GraphGenerator::Create(const GeneratorOptions& options) {
  if (options.nodes < kMinNodes || options.nodes > (int64_t{1} << 31)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--nodes must be between ", kMinNodes, " and 2^31, got ", options.nodes));
  }
  if (options.edges < 0) return absl::InvalidArgumentError("--edges must be >= 0");
  GraphGenerator g(options);
  const int64_t n = options.nodes;

  // Exact type counts, then shuffled so that ids of all types interleave.
  int64_t counts[kNodeTypeCount];
  int64_t assigned = 0;
  for (int t = 0; t < kNodeTypeCount; ++t) {
    if (t == static_cast<int>(NodeType::kLetter)) continue;
    counts[t] = std::max<int64_t>(1, std::llround(kTypeShare[t] * n));
    assigned += counts[t];
  }
  counts[static_cast<int>(NodeType::kLetter)] = n - assigned;
  g.types_.reserve(n);
  for (int t = 0; t < kNodeTypeCount; ++t) g.types_.insert(g.types_.end(), counts[t], t);
  Rng type_rng = Rng::For(options.seed, kTypeStream, 0);
  Shuffle(&g.types_, type_rng);
  for (int t = 0; t < kNodeTypeCount; ++t) g.by_type_[t].reserve(counts[t]);
  for (uint32_t i = 0; i < n; ++i) g.by_type_[g.types_[i]].push_back(i);

  // One sampler per relation over its power-law end. A random permutation
  // decides which node gets which Zipf rank, so popular nodes are scattered
  // over the id space; the first ranks are the relation's supernodes.
  for (int r = 0; r < kRelationCount; ++r) {
    const RelationSpec& spec = kRelations[r];
    const NodeType end = spec.power_law_at_src ? spec.src_type : spec.dst_type;
    const std::vector<uint32_t>& pool = g.by_type_[static_cast<int>(end)];
    std::vector<uint32_t> perm(pool.size());
    for (uint32_t i = 0; i < perm.size(); ++i) perm[i] = i;
    Rng perm_rng = Rng::For(options.seed, kPermutationStream + r, 0);
    Shuffle(&perm, perm_rng);

    std::vector<double> super_share;
    for (const SupernodeSpec& s : kSupernodes) {
      if (s.relation == r) super_share.push_back(s.fraction / spec.share);
    }
    // A tiny graph cannot give every supernode its own node.
    if (super_share.size() >= perm.size()) super_share.resize(perm.size() / 2);
    double super_total = 0;
    for (double s : super_share) super_total += s;

    std::vector<double> zipf = AliasSampler::ZipfWeights(perm.size(), spec.zipf_exponent);
    double tail_sum = 0;
    for (size_t rank = super_share.size(); rank < zipf.size(); ++rank) tail_sum += zipf[rank];
    std::vector<double> weights(perm.size());
    for (size_t rank = 0; rank < perm.size(); ++rank) {
      weights[perm[rank]] = rank < super_share.size() ? super_share[rank]
                                                      : zipf[rank] / tail_sum * (1.0 - super_total);
    }
    g.samplers_[r] = AliasSampler(weights);
    for (size_t rank = 0; rank < super_share.size(); ++rank) {
      g.supernodes_.push_back({pool[perm[rank]], r, spec.power_law_at_src});
    }
  }
  return g;
}

std::string GraphGenerator::NameOf(uint32_t node) const {
  Rng rng = Rng::For(options_.seed, kNameStream, node);
  switch (TypeOf(node)) {
    case NodeType::kPerson:
      return names_.PersonName(rng);
    case NodeType::kOrganisation:
      return names_.OrganisationName(rng);
    case NodeType::kLetter:
      return names_.LetterName(rng, node + 1);
    case NodeType::kSource:
      return names_.SourceName(rng);
  }
  return "";
}

int64_t GraphGenerator::RelationEdgeTarget(int relation) const {
  int64_t before = 0;
  for (int r = 0; r < relation; ++r) before += std::llround(kRelations[r].share * options_.edges);
  if (relation == kRelationCount - 1) return options_.edges - before;
  return std::llround(kRelations[relation].share * options_.edges);
}

void GraphGenerator::ForEachRelationEdge(
    int relation, absl::FunctionRef<void(uint32_t, int, uint32_t)> fn) const {
  const RelationSpec& spec = kRelations[relation];
  const NodeType iterated_type = spec.power_law_at_src ? spec.dst_type : spec.src_type;
  const NodeType power_type = spec.power_law_at_src ? spec.src_type : spec.dst_type;
  const std::vector<uint32_t>& iterated = by_type_[static_cast<int>(iterated_type)];
  const std::vector<uint32_t>& targets = by_type_[static_cast<int>(power_type)];
  const AliasSampler& sampler = samplers_[relation];
  const int64_t total = RelationEdgeTarget(relation);

  // Degrees of the iterated end: exponential weights scaled so that they sum
  // to exactly `total` (most letters have a few signers, some many).
  std::vector<double> w(iterated.size());
  double sum = 0;
  for (size_t j = 0; j < w.size(); ++j) {
    Rng rng = Rng::For(options_.seed, kDegreeStream + relation, j);
    w[j] = -std::log1p(-rng.Uniform());
    sum += w[j];
  }
  double acc = 0;
  int64_t prev = 0;
  std::vector<uint32_t> chosen;
  for (size_t j = 0; j < iterated.size(); ++j) {
    acc += w[j];
    int64_t cum = j + 1 == iterated.size()
                      ? total
                      : std::min<int64_t>(total, static_cast<int64_t>(total * (acc / sum)));
    int64_t degree = std::min<int64_t>(cum - prev, targets.size());
    prev = cum;
    if (degree <= 0) continue;
    Rng rng = Rng::For(options_.seed, kEdgeStream + relation, j);
    chosen.clear();
    // Rejection keeps the node's draws distinct; the attempt cap only bites
    // when a node wants nearly every target of a tiny graph.
    for (int64_t attempt = 0; attempt < 4 * degree + 16 && int64_t(chosen.size()) < degree;
         ++attempt) {
      uint32_t x = sampler.Sample(rng);
      if (std::find(chosen.begin(), chosen.end(), x) == chosen.end()) chosen.push_back(x);
    }
    const uint32_t self = iterated[j];
    for (uint32_t x : chosen) {
      if (spec.power_law_at_src) {
        fn(targets[x], relation, self);
      } else {
        fn(self, relation, targets[x]);
      }
    }
  }
}

void GraphGenerator::ForEachEdge(absl::FunctionRef<void(uint32_t, int, uint32_t)> fn) const {
  for (int r = 0; r < kRelationCount; ++r) ForEachRelationEdge(r, fn);
}

absl::StatusOr<GeneratedCounts> GraphGenerator::WriteCsv(const std::string& dir) const {
  GeneratedCounts counts;
  {
    absl::StatusOr<std::unique_ptr<csv::CsvWriter>> out = csv::CsvWriter::Open(dir + "/nodes.csv");
    if (!out.ok()) return out.status();
    csv::CsvWriter& w = **out;
    w.Field("id");
    w.Field("type");
    w.Field("name");
    w.EndRecord();
    for (uint32_t i = 0; i < types_.size(); ++i) {
      w.Field(int64_t{i} + 1);
      w.Field(NodeTypeName(TypeOf(i)));
      w.Field(NameOf(i));
      w.EndRecord();
    }
    if (absl::Status s = w.Close(); !s.ok()) return s;
    counts.nodes = node_count();
  }
  absl::StatusOr<std::unique_ptr<csv::CsvWriter>> out = csv::CsvWriter::Open(dir + "/edges.csv");
  if (!out.ok()) return out.status();
  csv::CsvWriter& w = **out;
  w.Field("src");
  w.Field("dst");
  w.Field("type");
  w.EndRecord();
  ForEachEdge([&](uint32_t src, int relation, uint32_t dst) {
    w.Field(int64_t{src} + 1);
    w.Field(int64_t{dst} + 1);
    w.Field(kRelations[relation].name);
    w.EndRecord();
    ++counts.edges;
  });
  if (absl::Status s = w.Close(); !s.ok()) return s;
  return counts;
}

}  // namespace dossier::bench
