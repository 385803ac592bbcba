#include "server/metrics.h"

#include <exception>
#include <vector>

#include "absl/strings/str_cat.h"
#include "prometheus/counter.h"
#include "prometheus/exposer.h"
#include "prometheus/family.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace dossier::server {

absl::StatusOr<std::unique_ptr<Metrics>> Metrics::Create(const std::string& listen) {
  std::unique_ptr<Metrics> metrics(new Metrics());
  metrics->registry_ = std::make_shared<prometheus::Registry>();
  metrics->calls_ = &prometheus::BuildCounter()
                         .Name("dossier_rpc_calls_total")
                         .Help("gRPC calls handled, by method and status code")
                         .Register(*metrics->registry_);
  metrics->latency_ = &prometheus::BuildHistogram()
                           .Name("dossier_rpc_latency_seconds")
                           .Help("gRPC call latency from receipt to status, by method")
                           .Register(*metrics->registry_);
  metrics->in_flight_ = &prometheus::BuildGauge()
                             .Name("dossier_rpc_in_flight")
                             .Help("gRPC calls currently being handled")
                             .Register(*metrics->registry_)
                             .Add({});
  if (listen.empty()) return metrics;
  // prometheus-cpp reports bind failures by throwing; keep exceptions inside.
  try {
    metrics->exposer_ = std::make_unique<prometheus::Exposer>(listen, /*num_threads=*/1);
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("cannot serve metrics on ", listen, ": ", e.what()));
  }
  metrics->exposer_->RegisterCollectable(metrics->registry_);
  std::vector<int> ports = metrics->exposer_->GetListeningPorts();
  std::string host = listen.substr(0, listen.rfind(':'));
  metrics->bound_address_ = absl::StrCat(host, ":", ports.empty() ? 0 : ports.front());
  return metrics;
}

Metrics::~Metrics() = default;

Metrics::MethodSeries& Metrics::SeriesFor(std::string_view method) {
  const absl::string_view key(method.data(), method.size());
  {
    std::shared_lock lock(series_mu_);
    auto it = series_.find(key);
    if (it != series_.end()) return *it->second;
  }
  std::unique_lock lock(series_mu_);
  std::unique_ptr<MethodSeries>& series = series_[key];
  if (series == nullptr) {
    static const prometheus::Histogram::BucketBoundaries kBuckets = {
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    series = std::make_unique<MethodSeries>();
    series->latency = &latency_->Add({{"method", std::string(method)}}, kBuckets);
  }
  return *series;
}

void Metrics::RecordCall(std::string_view method, grpc::StatusCode code, absl::Duration latency) {
  MethodSeries& series = SeriesFor(method);
  size_t index = static_cast<size_t>(code);
  if (index >= series.calls.size()) index = static_cast<size_t>(grpc::StatusCode::UNKNOWN);
  prometheus::Counter* counter = series.calls[index].load(std::memory_order_acquire);
  if (counter == nullptr) {
    // Family::Add returns the existing counter for the same labels, so two
    // threads racing here store the same pointer.
    counter = &calls_->Add({{"method", std::string(method)},
                            {"code", StatusCodeName(static_cast<grpc::StatusCode>(index))}});
    series.calls[index].store(counter, std::memory_order_release);
  }
  counter->Increment();
  series.latency->Observe(absl::ToDoubleSeconds(latency));
}

void Metrics::SetInFlight(double calls) { in_flight_->Set(calls); }

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return "OK";
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "UNKNOWN";
  }
}

}  // namespace dossier::server
