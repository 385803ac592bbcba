// Prometheus metrics of the server: per-method call counts by status code
// and latency histograms, served by prometheus-cpp's Exposer on /metrics.
#ifndef DOSSIER_SERVER_METRICS_H_
#define DOSSIER_SERVER_METRICS_H_

#include <array>
#include <atomic>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"

namespace prometheus {
class Exposer;
class Registry;
template <typename T>
class Family;
class Counter;
class Histogram;
class Gauge;
}  // namespace prometheus

namespace dossier::server {

class Metrics {
 public:
  // `listen` host:port serves /metrics (port 0 picks a free one); empty
  // keeps the metrics in memory only.
  static absl::StatusOr<std::unique_ptr<Metrics>> Create(const std::string& listen);
  ~Metrics();

  void RecordCall(std::string_view method, grpc::StatusCode code, absl::Duration latency);
  void SetInFlight(double calls);

  // "host:port" actually bound; empty when not serving.
  const std::string& bound_address() const { return bound_address_; }

 private:
  Metrics() = default;

  // One method's series, looked up once: prometheus-cpp's Family::Add builds
  // a label map and takes the family's lock on every call, which showed in
  // profiles of short calls.
  struct MethodSeries {
    prometheus::Histogram* latency = nullptr;
    std::array<std::atomic<prometheus::Counter*>, 17> calls{};  // By status code.
  };
  MethodSeries& SeriesFor(std::string_view method);

  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  prometheus::Family<prometheus::Counter>* calls_ = nullptr;
  prometheus::Family<prometheus::Histogram>* latency_ = nullptr;
  prometheus::Gauge* in_flight_ = nullptr;
  std::shared_mutex series_mu_;
  absl::flat_hash_map<std::string, std::unique_ptr<MethodSeries>> series_;  // By method.
  std::string bound_address_;
};

// "NOT_FOUND" etc.
const char* StatusCodeName(grpc::StatusCode code);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_METRICS_H_
