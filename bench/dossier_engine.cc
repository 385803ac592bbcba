// The graph library in-process: what an application embedding Dossier gets.
//
// Load: `dossier load`'s path (loader::LoadGraphFiles -> BulkLoader: sorted SST
// files ingested atomically), with the shipped RocksDB options, then the
// in-memory adjacency snapshot that `dossier serve` keeps (counted in the load).
// Queries go through the public ReadView API with traversal limits raised so
// supernodes are not truncated. Answers are node ids; the benchmark's answer
// format wants the CSV's external ids, so list answers are translated through
// an id table built once after the load (outside the timed region), the way a
// client keeps its own id mapping. Q1 and Q2 ask for the basic node view
// (type, name, external id), which the read view serves from the node
// directory kept with the adjacency snapshot; Q2 is a verbatim (byte-exact)
// name match, a hash probe in that directory.
#include <algorithm>
#include <limits>
#include <memory>

#include "absl/strings/str_cat.h"
#include "bench/engine.h"
#include "bench/engine_registry.h"
#include "bench/external_id.h"
#include "graph/graph.h"
#include "loader/graph_file_loader.h"

namespace dossier::bench {
namespace {

using graph::Direction;
using graph::NodeId;

graph::TraversalLimits Unlimited() {
  graph::TraversalLimits limits;
  limits.max_nodes = std::numeric_limits<int64_t>::max();
  limits.max_edges_per_node = std::numeric_limits<int64_t>::max();
  limits.max_work = std::numeric_limits<int64_t>::max();
  return limits;
}

class DossierEngine : public Engine {
 public:
  explicit DossierEngine(EngineConfig config) : config_(std::move(config)) {}

  std::string_view name() const override { return "dossier"; }

  absl::Status Load(const std::string& nodes_csv, const std::string& edges_csv) override {
    graph::GraphOptions options;
    options.path = config_.work_dir + "/dossier-db";
    options.adjacency_snapshot = true;
    auto opened = graph::Graph::Open(options);
    if (!opened.ok()) return opened.status();
    graph_ = std::move(*opened);
    auto report =
        loader::LoadGraphFiles(graph_.get(), {.nodes_path = nodes_csv, .edges_path = edges_csv});
    if (!report.ok()) return report.status();
    // Counted in the load: traversals are served from it, as `dossier serve` does.
    if (absl::Status s = graph_->RefreshAdjacencySnapshot(); !s.ok()) return s;
    if (!graph_->NewReadView()->uses_adjacency_snapshot()) {
      return absl::InternalError("the adjacency snapshot does not match the loaded database");
    }
    return absl::OkStatus();
  }

  // Not part of the load: the client-side id table used to print answers.
  absl::Status PrepareAnswers() {
    if (!external_.empty()) return absl::OkStatus();
    auto view = graph_->NewReadView();
    return view->ForEachNode([&](const graph::Node& n) {
      if (external_.size() <= n.id) external_.resize(n.id + 1);
      external_[n.id] = n.external_id;
      return true;
    });
  }

  absl::StatusOr<std::optional<NodeInfo>> NodeById(std::string_view id) override {
    // The basic view (type, name, external id) is what the question asks for.
    auto node = graph_->NewReadView()->GetNodeByExternalId(id, graph::NodeView::kBasic);
    if (absl::IsNotFound(node.status())) return std::optional<NodeInfo>();
    if (!node.ok()) return node.status();
    return std::optional<NodeInfo>(NodeInfo{node->type, node->name});
  }

  absl::StatusOr<std::vector<std::string>> PersonsNamed(std::string_view name) override {
    std::vector<std::string> ids;
    auto view = graph_->NewReadView();
    std::string token;
    do {
      auto page = view->FindNodes({.query = std::string(name),
                                   .match = graph::NameMatch::kVerbatim,
                                   .view = graph::NodeView::kBasic,
                                   .types = {"Person"},
                                   .page_size = graph::kMaxPageSize,
                                   .page_token = token});
      if (absl::IsInvalidArgument(page.status())) return ids;  // Nothing searchable in the name.
      if (!page.ok()) return page.status();
      for (const graph::Node& n : page->nodes) ids.push_back(n.external_id);
      token = page->next_page_token;
    } while (!token.empty());
    // Verbatim matches come in node id order, and the bulk loader assigned ids in external-id
    // order: already the answer's order (as SQLite's covering index gives it).
    return ids;
  }

  absl::StatusOr<std::vector<std::string>> OutNeighbors(std::string_view node,
                                                        std::string_view edge_type) override {
    auto view = graph_->NewReadView();
    auto id = Resolve(*view, node);
    if (!id.ok()) return id.status();
    std::vector<std::string> ids;
    if (*id == graph::kNoNode) return ids;
    auto status = ForEachNeighbor(*view, *id, Direction::kOut, std::string(edge_type), 0,
                                  std::numeric_limits<int64_t>::max(), &ids);
    if (!status.ok()) return status;
    std::sort(ids.begin(), ids.end(), ExternalIdLess);
    return ids;
  }

  absl::StatusOr<int64_t> CountWithin2Hops(std::string_view node) override {
    return CountWithin(node, 2, std::numeric_limits<int64_t>::max());
  }

  absl::StatusOr<int64_t> CountWithin3Hops(std::string_view node, int64_t cap) override {
    return CountWithin(node, 3, cap);
  }

  absl::StatusOr<int32_t> ShortestPath(std::string_view from, std::string_view to,
                                       int32_t max_depth) override {
    auto view = graph_->NewReadView();
    auto a = Resolve(*view, from);
    auto b = Resolve(*view, to);
    if (!a.ok()) return a.status();
    if (!b.ok()) return b.status();
    if (*a == graph::kNoNode || *b == graph::kNoNode) return -1;
    graph::ShortestPathRequest request{
        .from = *a, .to = *b, .direction = Direction::kOut, .max_depth = max_depth};
    request.limits = Unlimited();
    auto result = view->ShortestPaths(request);
    if (!result.ok()) return result.status();
    return result->length;
  }

  absl::StatusOr<std::vector<std::string>> NeighborPage(const PageQuery& query,
                                                        int32_t page_size) override {
    auto view = graph_->NewReadView();
    auto id = Resolve(*view, query.node);
    if (!id.ok()) return id.status();
    std::vector<std::string> ids;
    if (*id == graph::kNoNode) return ids;
    // Ids were assigned in external-id order, so keyset pages in id order are
    // pages in external-id order.
    auto status = ForEachNeighbor(*view, *id, query.outgoing ? Direction::kOut : Direction::kIn,
                                  query.edge_type, query.page * page_size, page_size, &ids);
    if (!status.ok()) return status;
    return ids;
  }

 private:
  absl::StatusOr<NodeId> Resolve(const graph::ReadView& view, std::string_view external_id) {
    auto id = view.ResolveExternalId(external_id);
    if (absl::IsNotFound(id.status())) return graph::kNoNode;
    return id;
  }

  absl::Status ForEachNeighbor(const graph::ReadView& view, NodeId node, Direction direction,
                               const std::string& edge_type, int64_t skip, int64_t take,
                               std::vector<std::string>* out) {
    if (absl::Status s = PrepareAnswers(); !s.ok()) return s;
    std::string token;
    const int32_t page_size = static_cast<int32_t>(std::min<int64_t>(graph::kMaxPageSize, take));
    do {
      auto page = view.Neighbors({.node = node,
                                  .direction = direction,
                                  .edge_types = {edge_type},
                                  .page_size = page_size,
                                  .page_token = token,
                                  .skip = token.empty() ? skip : 0});
      if (!page.ok()) return page.status();
      for (const graph::Neighbor& n : page->neighbors) {
        if (static_cast<int64_t>(out->size()) >= take) return absl::OkStatus();
        out->push_back(n.node < external_.size() ? external_[n.node] : absl::StrCat("#", n.node));
      }
      token = page->next_page_token;
    } while (!token.empty() && static_cast<int64_t>(out->size()) < take);
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> CountWithin(std::string_view node, int32_t depth, int64_t cap) {
    auto view = graph_->NewReadView();
    auto id = Resolve(*view, node);
    if (!id.ok()) return id.status();
    if (*id == graph::kNoNode) return 0;
    graph::TraversalRequest request{
        .seeds = {*id}, .min_depth = 1, .max_depth = depth, .direction = Direction::kBoth};
    request.limits = Unlimited();
    if (cap != std::numeric_limits<int64_t>::max())
      request.limits.max_nodes = cap + 1;  // + the seed
    int64_t count = 0;
    auto summary = view->Traverse(request, [&](const graph::TraversalHit&) {
      ++count;
      return true;
    });
    if (!summary.ok()) return summary.status();
    return std::min(count, cap);
  }

  EngineConfig config_;
  std::unique_ptr<graph::Graph> graph_;
  std::vector<std::string> external_;
};

}  // namespace

DOSSIER_REGISTER_BENCH_ENGINE(
    dossier, [](const EngineConfig& config) -> absl::StatusOr<std::unique_ptr<Engine>> {
      return std::unique_ptr<Engine>(new DossierEngine(config));
    });

}  // namespace dossier::bench
