// Everything `dossier serve` can be configured with (flags or config file).
#ifndef DOSSIER_SERVER_SERVER_CONFIG_H_
#define DOSSIER_SERVER_SERVER_CONFIG_H_

#include <cstdint>
#include <string>

#include "absl/time/time.h"

namespace dossier::server {

// Hard caps: whatever a request asks for, the server never goes above these.
// A request's 0 ("default") means the cap itself unless noted.
struct ServerCaps {
  int32_t max_page_size = 1000;  // FindNodes, ListNeighbors.
  int32_t max_batch = 1000;  // BatchGetNodes ids, UpsertNodes nodes, edges per UpsertEdges message.
  int32_t max_depth = 6;     // Traverse, ShortestPath, Subgraph.
  int64_t max_nodes = 10'000;  // Nodes per traversal / subgraph.
  int64_t max_edges_per_node = 10'000;
  int64_t max_work = 1'000'000;  // Edges examined per traversal.
  int64_t max_subgraph_edges = 20'000;
  int32_t max_paths = 100;                           // All-shortest-paths count.
  int32_t max_traverse_batch = 4096;                 // Hits per streamed message.
  absl::Duration max_call_time = absl::Seconds(30);  // Any one call's work.
};

struct ServerConfig {
  std::string db = "./data";
  std::string listen = "127.0.0.1:50051";
  bool read_only = false;  // Refuse every mutation (FAILED_PRECONDITION).
  bool sync_writes = false;
  // Serve traversals from an in-memory copy of the adjacency lists, rebuilt
  // in the background after writes (graph/adjacency_snapshot.h).
  bool adjacency_snapshot = true;
  uint64_t block_cache_bytes = 256ull << 20;

  // TLS: both set, or neither (plaintext).
  std::string tls_cert_file;
  std::string tls_key_file;

  // Bearer tokens, one per line: "TOKEN read" or "TOKEN read,write".
  // Empty: no authentication.
  std::string token_file;

  // host:port for the Prometheus /metrics endpoint; empty: off.
  std::string metrics_listen;

  int worker_threads = 4;
  // Short, bounded reads run on gRPC's callback threads rather than the
  // workers (server/inline_policy.h); off: every call goes through the pool.
  bool inline_reads = true;
  int max_queued_calls = 256;
  int max_message_bytes = 64 << 20;
  absl::Duration keepalive_time = absl::Seconds(60);
  absl::Duration keepalive_timeout = absl::Seconds(20);
  absl::Duration shutdown_grace = absl::Seconds(5);
  bool log_calls = true;  // One JSON line per call on stderr.

  ServerCaps caps;

  // Testing only: sleep this long after each traversal hit, so that tests can
  // hit deadlines and cancel streams deterministically.
  absl::Duration testing_delay_per_hit = absl::ZeroDuration();
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_SERVER_CONFIG_H_
