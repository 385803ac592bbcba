#include "bench/concurrency_run.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <latch>
#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "bench/dossier_server.h"
#include "bench/rng.h"
#include "bench/workload.h"

namespace dossier::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Call {
  uint64_t node = 0;
  std::string edge_type;
};

struct ClientTally {
  std::vector<int64_t> nanos;
  int64_t rpcs = 0;
  int64_t errors = 0;
  Clock::time_point last_finish;
};

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  return context;
}

// The first page of a Q3 answer: the node's out-neighbours through the type.
v1::ListNeighborsRequest Q3Request(const Call& call) {
  v1::ListNeighborsRequest request;
  request.set_node_id(call.node);
  request.set_direction(v1::DIRECTION_OUTGOING);
  request.add_edge_types(call.edge_type);
  request.set_page_size(1000);
  return request;
}

// One Q3 answer: every page.
bool OneCall(v1::GraphService::Stub& stub, const Call& call, int64_t* rpcs) {
  v1::ListNeighborsRequest request = Q3Request(call);
  do {
    v1::ListNeighborsResponse response;
    ++*rpcs;
    if (!stub.ListNeighbors(Context().get(), request, &response).ok()) return false;
    request.set_page_token(response.next_page_token());
  } while (!request.page_token().empty());
  return true;
}

// The workload's Q3 persons, resolved once through GetNode{key: Person, id}
// (the bulk loader makes the CSV id each node's key).
absl::StatusOr<std::vector<Call>> ResolveCalls(const Workload& w, v1::GraphService::Stub& stub) {
  std::vector<Call> calls;
  for (const OutNeighborsQuery& q : w.q3) {
    v1::GetNodeRequest request;
    request.mutable_key()->set_type("Person");
    request.mutable_key()->set_key(q.node);
    v1::GetNodeResponse response;
    grpc::Status status = stub.GetNode(Context().get(), request, &response);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) continue;
    if (!status.ok()) return FromGrpc(status);
    calls.push_back({response.node().id(), q.edge_type});
  }
  if (calls.empty()) return absl::FailedPreconditionError("no Q3 person of the workload exists");
  return calls;
}

ConcurrencyPoint RunPoint(const DossierServer& server, const std::vector<Call>& calls, int clients,
                          double seconds, uint64_t seed) {
  std::vector<ClientTally> tallies(clients);
  std::vector<std::unique_ptr<v1::GraphService::Stub>> stubs;
  for (int i = 0; i < clients; ++i) stubs.push_back(server.NewStub());
  std::latch ready(clients);
  std::latch go(1);
  Clock::time_point start, end;
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i] {
      Rng rng = Rng::For(seed, static_cast<uint64_t>(clients), static_cast<uint64_t>(i));
      ClientTally& t = tallies[i];
      int64_t ignored = 0;
      (void)OneCall(*stubs[i], calls[rng.Below(calls.size())], &ignored);  // Connects.
      ready.count_down();
      go.wait();
      t.nanos.reserve(1 << 16);
      while (Clock::now() < end) {
        const Call& call = calls[rng.Below(calls.size())];
        Clock::time_point begin = Clock::now();
        bool ok = OneCall(*stubs[i], call, &t.rpcs);
        t.last_finish = Clock::now();
        if (!ok) {
          ++t.errors;
          continue;
        }
        t.nanos.push_back(
            std::chrono::duration_cast<std::chrono::nanoseconds>(t.last_finish - begin).count());
      }
    });
  }
  ready.wait();
  start = Clock::now();
  end = start + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
  go.count_down();
  for (std::thread& t : threads) t.join();

  ConcurrencyPoint point;
  point.clients = clients;
  std::vector<int64_t> all;
  Clock::time_point last = start;
  for (const ClientTally& t : tallies) {
    all.insert(all.end(), t.nanos.begin(), t.nanos.end());
    point.rpcs += t.rpcs;
    point.errors += t.errors;
    last = std::max(last, t.last_finish);
  }
  point.calls = static_cast<int64_t>(all.size());
  point.seconds = std::chrono::duration<double>(last - start).count();
  point.calls_per_second = point.seconds > 0 ? point.calls / point.seconds : 0;
  point.latency = Summarize(std::move(all));
  return point;
}

// An OK answer's DATA bytes on the wire, from the same request through a C++ stub.
template <typename Request, typename Response>
absl::StatusOr<H2loadRequest> LightRequest(
    v1::GraphService::Stub& stub,
    grpc::Status (v1::GraphService::Stub::*method)(grpc::ClientContext*, const Request&, Response*),
    const std::string& path, const Request& request) {
  Response response;
  grpc::Status status = (stub.*method)(Context().get(), request, &response);
  if (!status.ok()) return FromGrpc(status);
  return H2loadRequest{.method_path = path,
                       .body = GrpcFrame(request),
                       .response_data_bytes = 5 + static_cast<int64_t>(response.ByteSizeLong())};
}

// The light-client pass (h2load_run.h) against the running server: one client on Q1, Q2 and Q3
// requests of the workload, then the Q3 request at each client count. The Q3 request is the
// workload call whose one-page answer has the median size.
absl::Status RunLightClients(const DossierServer& server, const Workload& workload,
                             const std::vector<Call>& calls, const ConcurrencyOptions& options,
                             LightClientReport* out) {
  if (options.h2load.empty() || access(options.h2load.c_str(), X_OK) != 0) {
    out->skipped = absl::StrCat("no h2load at `", options.h2load,
                                "` (Debian's nghttp2-client; deploy/install-deps.sh installs it)");
    return absl::OkStatus();
  }
  auto stub = server.NewStub();

  std::vector<std::pair<size_t, const Call*>> one_page;  // Answer size, call.
  for (const Call& call : calls) {
    v1::ListNeighborsResponse response;
    grpc::Status status = stub->ListNeighbors(Context().get(), Q3Request(call), &response);
    if (!status.ok()) return FromGrpc(status);
    if (response.next_page_token().empty()) one_page.push_back({response.ByteSizeLong(), &call});
  }
  if (one_page.empty()) return absl::FailedPreconditionError("no Q3 call fits one page");
  std::sort(one_page.begin(), one_page.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto& [q3_size, q3] = one_page[one_page.size() / 2];
  absl::StatusOr<H2loadRequest> q3_light =
      LightRequest(*stub, &v1::GraphService::Stub::ListNeighbors,
                   "/dossier.v1.GraphService/ListNeighbors", Q3Request(*q3));
  if (!q3_light.ok()) return q3_light.status();
  out->q3_call = absl::StrFormat(
      "node %d through %s, a %d-byte answer (the median of the %d "
      "one-page Q3 calls)",
      q3->node, q3->edge_type, q3_size, one_page.size());

  std::vector<std::pair<std::string, H2loadRequest>> singles;
  if (!workload.q1.empty()) {
    v1::GetNodeRequest request;
    request.set_external_id(workload.q1.front());
    request.set_view(v1::NODE_VIEW_BASIC);
    absl::StatusOr<H2loadRequest> light = LightRequest(*stub, &v1::GraphService::Stub::GetNode,
                                                       "/dossier.v1.GraphService/GetNode", request);
    if (!light.ok()) return light.status();
    singles.push_back({"Q1 GetNode{external_id}", *std::move(light)});
  }
  if (!workload.q2.empty()) {
    v1::FindNodesRequest request;
    request.set_query(workload.q2.front());
    request.set_match(v1::NAME_MATCH_VERBATIM);
    request.set_view(v1::NODE_VIEW_BASIC);
    request.add_types("Person");
    request.set_page_size(100);
    absl::StatusOr<H2loadRequest> light = LightRequest(
        *stub, &v1::GraphService::Stub::FindNodes, "/dossier.v1.GraphService/FindNodes", request);
    if (!light.ok()) return light.status();
    singles.push_back({"Q2 FindNodes verbatim", *std::move(light)});
  }
  singles.push_back({"Q3 ListNeighbors", *q3_light});
  for (const auto& [label, request] : singles) {
    absl::StatusOr<H2loadPoint> point =
        RunH2load(options.h2load, server.address(), request, 1, options.seconds, options.work_dir);
    if (!point.ok()) return point.status();
    out->one_client.push_back({label, point->latency});
    std::fprintf(stderr, "[concurrency] h2load, 1 client, %s: p50 %.3f ms, p99 %.3f ms\n",
                 label.c_str(), point->latency.median_ms, point->latency.p99_ms);
  }
  for (int clients : options.clients) {
    absl::StatusOr<H2loadPoint> point = RunH2load(options.h2load, server.address(), *q3_light,
                                                  clients, options.seconds, options.work_dir);
    if (!point.ok()) return point.status();
    out->points.push_back(*point);
    std::fprintf(stderr,
                 "[concurrency] h2load, %d clients: %.0f calls/s, p50 %.3f ms, p99 %.3f ms\n",
                 clients, point->calls_per_second, point->latency.median_ms, point->latency.p99_ms);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ConcurrencyReport> RunConcurrency(const ConcurrencyOptions& options) {
  absl::StatusOr<Workload> workload = ReadWorkloadFile(options.workload_path);
  if (!workload.ok()) return workload.status();
  ConcurrencyReport report;
  const std::string db = options.work_dir + "/dossier-db";
  absl::StatusOr<CommandResult> load =
      LoadWithDossier(options.server_binary, db, options.nodes_csv, options.edges_csv,
                      options.work_dir + "/load.log");
  if (!load.ok()) return load.status();
  report.load_seconds = load->seconds;
  report.loader_peak_rss = load->peak_rss_bytes;
  report.server_workers = options.server_workers;
  ServerLaunch launch;
  launch.binary = options.server_binary;
  launch.db = db;
  launch.log_path = options.work_dir + "/serve.log";
  launch.workers = options.server_workers;
  launch.extra_args = options.server_args;
  absl::StatusOr<std::unique_ptr<DossierServer>> server = DossierServer::Start(launch);
  if (!server.ok()) return server.status();
  absl::StatusOr<std::vector<Call>> calls = [&] {
    auto stub = (*server)->NewStub();
    return ResolveCalls(*workload, *stub);
  }();
  if (!calls.ok()) return calls.status();
  report.persons = calls->size();
  if (options.warmup_seconds > 0) {
    (void)RunPoint(**server, *calls, 1, options.warmup_seconds, options.seed ^ 0x5eed);
  }
  for (int clients : options.clients) {
    if (clients <= 0) return absl::InvalidArgumentError("client counts must be positive");
    report.points.push_back(RunPoint(**server, *calls, clients, options.seconds, options.seed));
    const ConcurrencyPoint& p = report.points.back();
    std::fprintf(stderr,
                 "[concurrency] %d clients: %lld calls, %.0f calls/s, p50 %.3f ms, p99 %.3f ms\n",
                 clients, static_cast<long long>(p.calls), p.calls_per_second, p.latency.median_ms,
                 p.latency.p99_ms);
  }
  absl::Status light = RunLightClients(**server, *workload, *calls, options, &report.light);
  if (!light.ok()) return light;
  report.server_peak_rss = (*server)->PeakRssBytes();
  (*server)->Stop();
  return report;
}

std::string ConcurrencyMarkdown(const ConcurrencyOptions& options,
                                const ConcurrencyReport& report) {
  std::string md = "## Concurrent clients (gRPC, ListNeighbors)\n\n";
  absl::StrAppend(
      &md, "One `dossier serve` (",
      report.server_workers > 0 ? absl::StrCat("--workers ", report.server_workers)
                                : std::string("default --workers"),
      options.server_args.empty() ? "" : absl::StrCat(" ", absl::StrJoin(options.server_args, " ")),
      ") on loopback, ", std::thread::hardware_concurrency(),
      " hardware threads shared by server and clients. Each client is a thread on its own "
      "connection issuing Q3 calls back to back (ListNeighbors out of one of the workload's ",
      report.persons, " Q3 persons through its edge type, every page of 1000) for ",
      absl::StrFormat("%.0f", options.seconds),
      " s. Latency is per call; calls/s = all "
      "clients' calls / wall time. Load (`dossier load`): ",
      absl::StrFormat("%.1f s", report.load_seconds), "; server peak RSS ",
      absl::StrFormat("%.0f MiB", report.server_peak_rss / 1048576.0), ".\n\n",
      "| clients | calls | RPCs | calls/s | p50 (ms) | p99 (ms) | max (ms) | errors |\n"
      "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const ConcurrencyPoint& p : report.points) {
    absl::StrAppend(
        &md, absl::StrFormat("| %d | %d | %d | %.0f | %.3f | %.3f | %.3f | %d |\n", p.clients,
                             p.calls, p.rpcs, p.calls_per_second, p.latency.median_ms,
                             p.latency.p99_ms, p.latency.max_ms, p.errors));
  }
  const LightClientReport& light = report.light;
  absl::StrAppend(&md, "\n### The same server under a light client (h2load)\n\n");
  if (!light.skipped.empty()) {
    absl::StrAppend(&md, "Skipped: ", light.skipped, ".\n");
    return md;
  }
  absl::StrAppend(
      &md,
      "h2load (nghttp2's HTTP/2 load generator, C on one event loop) sends each request as "
      "gRPC frames over cleartext HTTP/2, `-m 1` (one call in flight per connection), one "
      "connection per client, ",
      absl::StrFormat("%.0f", options.seconds),
      " s a run (the connections are made first). It costs the 2 shared cores a small fraction of "
      "the CPU "
      "that gRPC's C++ stub costs (above), so these figures are the server's capacity. One "
      "constant request per run (h2load sends one body); every answer is checked to be the OK "
      "answer by its size. Q3 here: ",
      light.q3_call,
      ".\n\n| one client | p50 (ms) | p99 (ms) | max (ms) | calls |\n"
      "|---|---:|---:|---:|---:|\n");
  for (const auto& [label, l] : light.one_client) {
    absl::StrAppend(&md, absl::StrFormat("| %s | %.3f | %.3f | %.3f | %d |\n", label, l.median_ms,
                                         l.p99_ms, l.max_ms, l.count));
  }
  absl::StrAppend(&md,
                  "\n| clients (Q3) | calls | calls/s | p50 (ms) | p99 (ms) | max (ms) |\n"
                  "|---:|---:|---:|---:|---:|---:|\n");
  for (const H2loadPoint& p : light.points) {
    absl::StrAppend(&md, absl::StrFormat("| %d | %d | %.0f | %.3f | %.3f | %.3f |\n", p.clients,
                                         p.calls, p.calls_per_second, p.latency.median_ms,
                                         p.latency.p99_ms, p.latency.max_ms));
  }
  return md;
}

}  // namespace dossier::bench
