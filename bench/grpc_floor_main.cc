// dossier_bench_grpc_floor: what gRPC itself costs on this machine, as the peer that the
// server's own figures are read against. An in-process server answers GetNode with a constant
// node (no graph, no interceptors), through the callback API (as `dossier serve`) or the sync
// API; clients are threads with their own connections calling it back to back, as in
// dossier_bench_concurrency. The server runs in a child process, as `dossier serve` does in
// that benchmark, so the two share the cores the same way.
//
// Then, unless --h2load is empty, the same servers under h2load (bench/h2load_run.h), the
// light client of the concurrency run: the floor that run's h2load figures are read against.
//
//   dossier_bench_grpc_floor [--api callback|sync|both] [--clients 1,16] [--seconds 5]
//       [--h2load /usr/bin/h2load]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/h2load_run.h"
#include "dossier/v1/graph_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace {

using dossier::v1::GetNodeRequest;
using dossier::v1::GetNodeResponse;
using dossier::v1::GraphService;

void FillConstantNode(GetNodeResponse* response) {
  dossier::v1::Node* node = response->mutable_node();
  node->set_id(42);
  node->set_type("Person");
  node->set_name("Constant Node");
}

class CallbackFloor final : public GraphService::CallbackService {
  grpc::ServerUnaryReactor* GetNode(grpc::CallbackServerContext* context,
                                    const GetNodeRequest* request,
                                    GetNodeResponse* response) override {
    FillConstantNode(response);
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
};

class SyncFloor final : public GraphService::Service {
  grpc::Status GetNode(grpc::ServerContext* context, const GetNodeRequest* request,
                       GetNodeResponse* response) override {
    FillConstantNode(response);
    return grpc::Status::OK;
  }
};

struct RunResult {
  int64_t calls = 0;
  double seconds = 0;
  double p50_ms = 0;
  double p99_ms = 0;
};

RunResult RunClients(const std::string& address, int clients, double seconds) {
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(clients);
  std::vector<std::thread> threads;
  auto start = std::chrono::steady_clock::now();
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);  // One connection per client.
      auto stub = GraphService::NewStub(
          grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
      GetNodeRequest request;
      request.set_id(42);
      while (!stop.load(std::memory_order_relaxed)) {
        grpc::ClientContext context;
        GetNodeResponse response;
        auto t0 = std::chrono::steady_clock::now();
        grpc::Status status = stub->GetNode(&context, request, &response);
        auto t1 = std::chrono::steady_clock::now();
        if (!status.ok()) {
          std::fprintf(stderr, "call failed: %s\n", status.error_message().c_str());
          std::exit(2);
        }
        latencies[c].push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (std::thread& t : threads) t.join();
  RunResult r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  r.calls = static_cast<int64_t>(all.size());
  if (!all.empty()) {
    std::sort(all.begin(), all.end());
    r.p50_ms = all[all.size() / 2];
    r.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  }
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  std::string api = "both";
  std::string clients_flag = "1,16";
  double seconds = 5;
  std::string h2load = dossier::bench::kDefaultH2load;
  CLI::App app{"gRPC's own cost on this machine: a constant GetNode, callback and sync APIs."};
  app.add_option("--api", api, "callback, sync or both")->capture_default_str();
  app.add_option("--clients", clients_flag, "Client counts, one run each")->capture_default_str();
  app.add_option("--seconds", seconds, "Duration of each run")->capture_default_str();
  app.add_option("--h2load", h2load, "h2load for the light-client rows (empty: none)")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  const bool with_h2load = !h2load.empty() && access(h2load.c_str(), X_OK) == 0;
  std::string work_dir;
  if (with_h2load) {
    const char* tmp = std::getenv("TMPDIR");
    work_dir = absl::StrCat(tmp && *tmp ? tmp : "/tmp", "/dossier-floor-XXXXXX");
    if (mkdtemp(work_dir.data()) == nullptr) {
      std::perror("mkdtemp");
      return 2;
    }
  }

  std::vector<std::string> apis;
  if (api == "both") {
    apis = {"callback", "sync"};
  } else if (api == "callback" || api == "sync") {
    apis = {api};
  } else {
    std::fprintf(stderr, "--api must be callback, sync or both, got '%s'\n", api.c_str());
    return 1;
  }
  std::vector<int> client_counts;
  for (absl::string_view part : absl::StrSplit(clients_flag, ',')) {
    client_counts.push_back(std::stoi(std::string(part)));
  }

  std::printf(
      "| api | clients | calls | calls/s | p50 (ms) | p99 (ms) "
      "|\n|---|---:|---:|---:|---:|---:|\n");
  // gRPC must not be initialised before fork(): every server is forked first, and only then
  // does this process start gRPC for the clients.
  std::vector<pid_t> children;
  std::vector<int> ports;
  for (const std::string& which : apis) {
    int port_pipe[2];
    if (pipe(port_pipe) != 0) {
      std::perror("pipe");
      return 2;
    }
    pid_t child = fork();
    if (child < 0) {
      std::perror("fork");
      return 2;
    }
    if (child == 0) {
      close(port_pipe[0]);
      CallbackFloor callback_service;
      SyncFloor sync_service;
      grpc::ServerBuilder builder;
      int port = 0;
      builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
      if (which == "callback") {
        builder.RegisterService(&callback_service);
      } else {
        builder.RegisterService(&sync_service);
      }
      std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
      if (write(port_pipe[1], &port, sizeof(port)) != sizeof(port)) _exit(2);
      close(port_pipe[1]);
      if (server == nullptr) _exit(2);
      server->Wait();  // Until the parent kills it.
      _exit(0);
    }
    close(port_pipe[1]);
    int port = 0;
    if (read(port_pipe[0], &port, sizeof(port)) != sizeof(port) || port == 0) {
      std::fprintf(stderr, "the %s server did not start\n", which.c_str());
      return 2;
    }
    close(port_pipe[0]);
    children.push_back(child);
    ports.push_back(port);
  }
  for (size_t i = 0; i < apis.size(); ++i) {
    const std::string& which = apis[i];
    const int port = ports[i];
    const std::string address = absl::StrCat("127.0.0.1:", port);
    RunClients(address, 1, 1.0);  // Warm-up.
    for (int clients : client_counts) {
      RunResult r = RunClients(address, clients, seconds);
      std::printf("| %s | %d | %lld | %.0f | %.3f | %.3f |\n", which.c_str(), clients,
                  static_cast<long long>(r.calls), r.calls / r.seconds, r.p50_ms, r.p99_ms);
      std::fflush(stdout);
    }
    if (with_h2load) {
      GetNodeRequest request;
      request.set_id(42);
      GetNodeResponse response;
      FillConstantNode(&response);
      const dossier::bench::H2loadRequest light{
          .method_path = "/dossier.v1.GraphService/GetNode",
          .body = dossier::bench::GrpcFrame(request),
          .response_data_bytes = 5 + static_cast<int64_t>(response.ByteSizeLong())};
      for (int clients : client_counts) {
        absl::StatusOr<dossier::bench::H2loadPoint> p =
            dossier::bench::RunH2load(h2load, address, light, clients, seconds, work_dir);
        if (!p.ok()) {
          std::fprintf(stderr, "h2load: %s\n", p.status().ToString().c_str());
          return 2;
        }
        std::printf("| %s, h2load | %d | %lld | %.0f | %.3f | %.3f |\n", which.c_str(), clients,
                    static_cast<long long>(p->calls), p->calls_per_second, p->latency.median_ms,
                    p->latency.p99_ms);
        std::fflush(stdout);
      }
    }
    kill(children[i], SIGKILL);
    waitpid(children[i], nullptr, 0);
  }
  if (with_h2load) {
    std::error_code ec;
    std::filesystem::remove_all(work_dir, ec);
  }
  return 0;
}
