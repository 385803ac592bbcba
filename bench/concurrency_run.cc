#include "bench/concurrency_run.h"

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

// One Q3 answer: every page of the node's out-neighbours through the type.
bool OneCall(v1::GraphService::Stub& stub, const Call& call, int64_t* rpcs) {
  v1::ListNeighborsRequest request;
  request.set_node_id(call.node);
  request.set_direction(v1::DIRECTION_OUTGOING);
  request.add_edge_types(call.edge_type);
  request.set_page_size(1000);
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
  return md;
}

}  // namespace dossier::bench
