// A server interceptor that observes every call: one structured log line
// (JSON on stderr: method, status code, latency, peer) and the Prometheus
// call counter and latency histogram.
#ifndef DOSSIER_SERVER_CALL_OBSERVER_H_
#define DOSSIER_SERVER_CALL_OBSERVER_H_

#include <atomic>

#include "grpcpp/support/server_interceptor.h"
#include "server/metrics.h"

namespace dossier::server {

class CallObserverFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // `metrics` must outlive the server.
  CallObserverFactory(Metrics* metrics, bool log_calls)
      : metrics_(metrics), log_calls_(log_calls) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

  Metrics* metrics() const { return metrics_; }
  bool log_calls() const { return log_calls_; }
  std::atomic<int64_t>& in_flight() { return in_flight_; }

 private:
  Metrics* metrics_;
  bool log_calls_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_CALL_OBSERVER_H_
