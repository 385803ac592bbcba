// The server over loopback: what a client of `dossier serve` gets.
//
// Load: `dossier load` (the shipped bulk loader, a child process) into the
// engine's work_dir, then `dossier serve --listen 127.0.0.1:0` on that
// database (bench/dossier_server.h: traversal caps raised so supernode
// answers are complete; page and batch caps as shipped). Both are inside the
// timed load; the loader's peak memory and the server's are reported as
// external (the driver only sees its own process).
//
// Queries are RPCs on one channel, one call at a time. Q1 asks by external
// id, as the in-process engine does. The other queries start from node ids
// and answer in the workload's CSV ids, so the client keeps its own table of
// both (bench/remote_id_map.h), built by the first query that needs it (Q3's
// untimed warm-up) -- the same table the in-process engine keeps to print
// answers; a real client would hold node ids from earlier answers. Building
// it reads every node; Q1 and Q2 run before it, so (like the in-process
// engine, which has no such scan) they no longer find the nodes in cache.
//
//   Q1 GetNode{external_id, basic}  Q2 FindNodes{verbatim, Person, basic,
//                                      pages of 100}
//   Q3 ListNeighbors{out, type}    Q4/Q5 Traverse{min_depth 1, both}, hits counted
//   Q6 ShortestPath{outgoing}      Q7 ListNeighbors{skip: k*100, page_size: 100}
//
// Options: grpc.binary (default: the dossier built with this benchmark),
// grpc.workers (the server's --workers; default its own), grpc.serve_args
// (more `dossier serve` flags, space-separated, e.g. --no-inline-reads).
#include <algorithm>
#include <chrono>
#include <limits>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/dossier_server.h"
#include "bench/engine.h"
#include "bench/engine_registry.h"
#include "bench/external_id.h"
#include "bench/remote_id_map.h"

namespace dossier::bench {
namespace {

constexpr int32_t kPageSize = 1000;  // The server's default --max-page-size.
// Exact-name answers are a few nodes; a page of up to 100 is answered on the
// server's gRPC thread (server/inline_policy.h), a page of 1000 waits for a
// worker. Same answers, more pages only for names shared by over 100 people.
constexpr int32_t kFindPageSize = 100;

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(600));
  return context;
}

class GrpcEngine : public Engine {
 public:
  explicit GrpcEngine(EngineConfig config) : config_(std::move(config)) {}

  std::string_view name() const override { return "grpc"; }

  absl::Status Load(const std::string& nodes_csv, const std::string& edges_csv) override {
    const std::string binary = Option("grpc.binary", DefaultDossierBinary());
    const std::string db = config_.work_dir + "/dossier-db";
    absl::StatusOr<CommandResult> load =
        LoadWithDossier(binary, db, nodes_csv, edges_csv, config_.work_dir + "/load.log");
    if (!load.ok()) return load.status();
    load_peak_rss_ = load->peak_rss_bytes;
    ServerLaunch launch;
    launch.binary = binary;
    launch.db = db;
    launch.log_path = config_.work_dir + "/serve.log";
    if (std::string w = Option("grpc.workers", ""); !w.empty()) launch.workers = std::stoi(w);
    for (absl::string_view arg :
         absl::StrSplit(Option("grpc.serve_args", ""), ' ', absl::SkipEmpty())) {
      launch.extra_args.emplace_back(arg);
    }
    absl::StatusOr<std::unique_ptr<DossierServer>> server = DossierServer::Start(launch);
    if (!server.ok()) return server.status();
    server_ = *std::move(server);
    stub_ = server_->NewStub();
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<NodeInfo>> NodeById(std::string_view id) override {
    v1::GetNodeRequest request;
    request.set_external_id(std::string(id));
    request.set_view(v1::NODE_VIEW_BASIC);
    v1::GetNodeResponse response;
    grpc::Status status = stub_->GetNode(Context().get(), request, &response);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) return std::optional<NodeInfo>();
    if (!status.ok()) return FromGrpc(status);
    return std::optional<NodeInfo>(NodeInfo{response.node().type(), response.node().name()});
  }

  absl::StatusOr<std::vector<std::string>> PersonsNamed(std::string_view name) override {
    std::vector<std::string> ids;
    v1::FindNodesRequest request;
    request.set_query(std::string(name));
    request.set_match(v1::NAME_MATCH_VERBATIM);
    request.set_view(v1::NODE_VIEW_BASIC);
    request.add_types("Person");
    request.set_page_size(kFindPageSize);
    do {
      v1::FindNodesResponse response;
      grpc::Status status = stub_->FindNodes(Context().get(), request, &response);
      // Nothing searchable in the name (the in-process engine's answer too).
      if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) return ids;
      if (!status.ok()) return FromGrpc(status);
      for (const v1::Node& n : response.nodes()) ids.push_back(n.external_id());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    std::sort(ids.begin(), ids.end(), ExternalIdLess);
    return ids;
  }

  absl::StatusOr<std::vector<std::string>> OutNeighbors(std::string_view node,
                                                        std::string_view edge_type) override {
    absl::StatusOr<uint64_t> id = Resolve(node);
    if (!id.ok()) return id.status();
    std::vector<std::string> ids;
    if (*id == 0) return ids;
    absl::Status s = ListNeighbors(*id, v1::DIRECTION_OUTGOING, std::string(edge_type), 0,
                                   std::numeric_limits<int64_t>::max(), &ids);
    if (!s.ok()) return s;
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
    absl::StatusOr<uint64_t> a = Resolve(from);
    if (!a.ok()) return a.status();
    absl::StatusOr<uint64_t> b = Resolve(to);
    if (!b.ok()) return b.status();
    if (*a == 0 || *b == 0) return -1;
    v1::ShortestPathRequest request;
    request.set_from_id(*a);
    request.set_to_id(*b);
    request.set_direction(v1::DIRECTION_OUTGOING);
    request.set_max_depth(max_depth);
    v1::ShortestPathResponse response;
    grpc::Status status = stub_->ShortestPath(Context().get(), request, &response);
    if (!status.ok()) return FromGrpc(status);
    if (response.summary().truncated()) {
      return absl::InternalError(absl::StrCat("ShortestPath truncated: ",
                                              v1::StopReason_Name(response.summary().reason())));
    }
    return response.length();
  }

  absl::StatusOr<std::vector<std::string>> NeighborPage(const PageQuery& query,
                                                        int32_t page_size) override {
    absl::StatusOr<uint64_t> id = Resolve(query.node);
    if (!id.ok()) return id.status();
    std::vector<std::string> ids;
    if (*id == 0) return ids;
    // Ids were assigned in external-id order by the bulk loader, so pages in
    // id order are pages in external-id order.
    absl::Status s =
        ListNeighbors(*id, query.outgoing ? v1::DIRECTION_OUTGOING : v1::DIRECTION_INCOMING,
                      query.edge_type, query.page * page_size, page_size, &ids);
    if (!s.ok()) return s;
    return ids;
  }

  std::optional<int64_t> ExternalPeakRssBytes() override {
    return server_ ? std::optional<int64_t>(server_->PeakRssBytes()) : std::nullopt;
  }
  std::optional<int64_t> ExternalLoadPeakRssBytes() override {
    return load_peak_rss_ > 0 ? std::optional<int64_t>(load_peak_rss_) : std::nullopt;
  }

 private:
  std::string Option(const std::string& key, const std::string& fallback) const {
    auto it = config_.options.find(key);
    return it == config_.options.end() ? fallback : it->second;
  }

  // External id -> node id (0: absent). The first call builds the table.
  absl::StatusOr<uint64_t> Resolve(std::string_view external_id) {
    if (!ids_) {
      absl::StatusOr<RemoteIdMap> map = RemoteIdMap::Build(*stub_);
      if (!map.ok()) return map.status();
      ids_ = std::make_unique<RemoteIdMap>(*std::move(map));
    }
    return ids_->NodeId(external_id);
  }

  // Items [skip, skip + take) of the node's neighbours: the server skips, then pages follow.
  absl::Status ListNeighbors(uint64_t node, v1::Direction direction, const std::string& edge_type,
                             int64_t skip, int64_t take, std::vector<std::string>* out) {
    v1::ListNeighborsRequest request;
    request.set_node_id(node);
    request.set_direction(direction);
    request.add_edge_types(edge_type);
    request.set_page_size(static_cast<int32_t>(std::min<int64_t>(kPageSize, take)));
    request.set_skip(static_cast<int32_t>(skip));
    do {
      v1::ListNeighborsResponse response;
      grpc::Status status = stub_->ListNeighbors(Context().get(), request, &response);
      if (!status.ok()) return FromGrpc(status);
      for (const v1::Neighbor& n : response.neighbors()) {
        if (static_cast<int64_t>(out->size()) >= take) return absl::OkStatus();
        out->push_back(ids_->ExternalId(n.node_id()));
      }
      request.set_skip(0);
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty() && static_cast<int64_t>(out->size()) < take);
    return absl::OkStatus();
  }

  absl::StatusOr<int64_t> CountWithin(std::string_view node, int32_t depth, int64_t cap) {
    absl::StatusOr<uint64_t> id = Resolve(node);
    if (!id.ok()) return id.status();
    if (*id == 0) return 0;
    v1::TraverseRequest request;
    request.add_seed_ids(*id);
    request.set_min_depth(1);
    request.set_max_depth(depth);
    request.set_direction(v1::DIRECTION_BOTH);
    request.set_batch_size(4096);
    const bool capped = cap != std::numeric_limits<int64_t>::max();
    if (capped) request.mutable_limits()->set_max_nodes(cap + 1);  // + the seed
    std::unique_ptr<grpc::ClientContext> context = Context();
    std::unique_ptr<grpc::ClientReader<v1::TraverseResponse>> reader =
        stub_->Traverse(context.get(), request);
    v1::TraverseResponse message;
    int64_t count = 0;
    v1::TraversalSummary summary;
    while (reader->Read(&message)) {
      count += message.hits_size();
      if (message.done()) summary = message.summary();
    }
    if (absl::Status s = FromGrpc(reader->Finish()); !s.ok()) return s;
    if (summary.truncated() && !(capped && summary.reason() == v1::STOP_REASON_NODE_CAP)) {
      return absl::InternalError(
          absl::StrCat("Traverse truncated: ", v1::StopReason_Name(summary.reason())));
    }
    return std::min(count, cap);
  }

  EngineConfig config_;
  std::unique_ptr<DossierServer> server_;
  std::unique_ptr<v1::GraphService::Stub> stub_;
  std::unique_ptr<RemoteIdMap> ids_;
  int64_t load_peak_rss_ = 0;
};

}  // namespace

DOSSIER_REGISTER_BENCH_ENGINE(
    grpc, [](const EngineConfig& config) -> absl::StatusOr<std::unique_ptr<Engine>> {
      return std::unique_ptr<Engine>(new GrpcEngine(config));
    });

}  // namespace dossier::bench
