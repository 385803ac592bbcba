// gRPC calls driven by h2load (nghttp2's HTTP/2 load generator, Debian's
// nghttp2-client): a client written in C on an event loop, costing the shared
// cores a small fraction of what gRPC's C++ stub does (about 150 us of CPU a
// call here, more than the server's own), so its figures are the server's
// capacity rather than the clients'. The benchmark reports them beside the
// C++ clients' figures, never instead of them.
//
// h2load sends one constant body, so each run repeats one request. It cannot
// read gRPC's status (a trailer), so every answer is checked by size: the
// request is first made through a C++ stub, and an OK answer has exactly that
// many DATA bytes, where an error has none.
#ifndef DOSSIER_BENCH_H2LOAD_RUN_H_
#define DOSSIER_BENCH_H2LOAD_RUN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "bench/latency_stats.h"
#include "google/protobuf/message_lite.h"

namespace dossier::bench {

inline constexpr char kDefaultH2load[] = "/usr/bin/h2load";

// One request, as h2load sends it.
struct H2loadRequest {
  std::string method_path;          // "/dossier.v1.GraphService/ListNeighbors"
  std::string body;                 // The gRPC frame: flag, length, message.
  int64_t response_data_bytes = 0;  // DATA bytes of its OK answer (frame included).
};

// The gRPC length-prefixed frame of `message` (uncompressed).
std::string GrpcFrame(const google::protobuf::MessageLite& message);

struct H2loadPoint {
  int clients = 0;     // Connections, one request in flight each.
  int64_t calls = 0;   // Answered (HTTP 200 with the OK answer's size).
  double seconds = 0;  // h2load's own measuring window.
  double calls_per_second = 0;
  LatencySummary latency;  // From h2load's per-request log.
};

// `h2load -c CLIENTS -m 1 -D SECONDS` against `address` (HOST:PORT, cleartext
// HTTP/2). Files go to `work_dir`. FAILED_PRECONDITION when an answer was not
// the OK answer or a request failed.
absl::StatusOr<H2loadPoint> RunH2load(const std::string& h2load, const std::string& address,
                                      const H2loadRequest& request, int clients, double seconds,
                                      const std::string& work_dir);

// The point from h2load's printed summary and its --log-file (one line a request: start in us,
// HTTP status, duration in us). Exposed for tests.
absl::StatusOr<H2loadPoint> ParseH2loadOutput(std::string_view summary,
                                              std::string_view request_log,
                                              const H2loadRequest& request, int clients);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_H2LOAD_RUN_H_
