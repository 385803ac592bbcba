#include "server/call_observer.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "absl/strings/match.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "google/protobuf/descriptor.h"
#include "grpcpp/server_context.h"
#include "nlohmann/json.hpp"

namespace dossier::server {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;

// "dossier.v1.GraphService/GetNode" names a method in the linked protos.
bool IsKnownMethod(const std::string& method) {
  std::string dotted = method;
  std::replace(dotted.begin(), dotted.end(), '/', '.');
  return google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(dotted) != nullptr;
}

class CallObserver : public grpc::experimental::Interceptor {
 public:
  CallObserver(CallObserverFactory* factory, grpc::experimental::ServerRpcInfo* info)
      : factory_(factory), info_(info), start_(absl::Now()) {
    std::string method = info->method() ? info->method() : "";
    // "/dossier.v1.GraphService/GetNode" -> "dossier.v1.GraphService/GetNode"
    method_ = method.empty() || method[0] != '/' ? method : method.substr(1);
    factory_->metrics()->SetInFlight(static_cast<double>(++factory_->in_flight()));
  }

  // A call cancelled before its status was sent still gets counted.
  ~CallObserver() override {
    if (!recorded_) Record(grpc::StatusCode::CANCELLED, "cancelled before completion", false);
    factory_->metrics()->SetInFlight(static_cast<double>(--factory_->in_flight()));
  }

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      grpc::Status status = methods->GetSendStatus();
      // gRPC 1.51's callback API answers a request it cannot parse (proto3
      // strings must be valid UTF-8) with UNIMPLEMENTED and no message, as if
      // the method did not exist; for the client it is a bad argument.
      if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED &&
          status.error_message().empty() && IsKnownMethod(method_)) {
        status = grpc::Status(grpc::StatusCode::INVALID_ARGUMENT,
                              "the request could not be parsed as a " + method_ +
                                  " request (string fields must be valid UTF-8)");
        methods->ModifySendStatus(status);
      }
      Record(status.error_code(), status.error_message(), true);
    }
    methods->Proceed();
  }

 private:
  // `context_alive`: false from the destructor, where the context may be gone.
  void Record(grpc::StatusCode code, const std::string& message, bool context_alive) {
    recorded_ = true;
    absl::Duration latency = absl::Now() - start_;
    factory_->metrics()->RecordCall(method_, code, latency);
    if (!factory_->log_calls()) return;
    nlohmann::json line = {
        {"ts", absl::FormatTime(absl::RFC3339_full, absl::Now(), absl::UTCTimeZone())},
        {"method", method_},
        {"code", StatusCodeName(code)},
        {"latency_ms", absl::ToDoubleMilliseconds(latency)},
    };
    if (context_alive && info_->server_context() != nullptr)
      line["peer"] = info_->server_context()->peer();
    if (code != grpc::StatusCode::OK && !message.empty()) line["message"] = message;
    std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);  // One write per line: no interleaving.
  }

  CallObserverFactory* factory_;
  grpc::experimental::ServerRpcInfo* info_;
  absl::Time start_;
  std::string method_;
  bool recorded_ = false;
};

}  // namespace

grpc::experimental::Interceptor* CallObserverFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new CallObserver(this, info);
}

}  // namespace dossier::server
