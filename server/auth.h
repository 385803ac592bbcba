// Bearer-token authentication with read and write scopes.
//
// The check runs in a gRPC server interceptor, not an AuthMetadataProcessor:
// in gRPC 1.51 a processor on insecure credentials aborts the process, and
// the server must work with and without TLS. The interceptor validates the
// `authorization: Bearer <token>` header, decides from the method whether
// the call needs `read` or `write`, and records its verdict in the call's
// metadata under kAuthVerdictKey (after removing any client-sent value, so
// it cannot be forged). Handlers enforce the verdict with RequireVerdict().
// The health service is exempt, so that load balancers and Kubernetes
// probes need no token; reflection is too (it only serves the public
// schema).
#ifndef DOSSIER_SERVER_AUTH_H_
#define DOSSIER_SERVER_AUTH_H_

#include <memory>
#include <string>
#include <string_view>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "grpcpp/support/server_interceptor.h"

namespace dossier::server {

enum class Scope { kRead, kWrite };

inline constexpr char kAuthVerdictKey[] = "x-dossier-auth-verdict";

struct TokenGrant {
  bool read = false;
  bool write = false;
};

class TokenStore {
 public:
  // One token per line: "TOKEN SCOPE[,SCOPE]" with scopes read and write
  // (write implies read). Blank lines and lines starting with # are skipped.
  static absl::StatusOr<std::shared_ptr<const TokenStore>> Load(const std::string& path);
  static absl::StatusOr<std::shared_ptr<const TokenStore>> Parse(std::string_view text);

  // nullptr for an unknown token.
  const TokenGrant* Find(std::string_view token) const;
  size_t size() const { return grants_.size(); }

 private:
  absl::flat_hash_map<std::string, TokenGrant> grants_;
};

// The scope a method of dossier.v1.GraphService needs; nullopt-like `exempt`
// for services that need none (health, reflection).
struct MethodPolicy {
  bool exempt = false;
  Scope scope = Scope::kRead;
};
MethodPolicy PolicyForMethod(std::string_view full_method_name);

// nullptr store: authentication is off and every call is allowed.
class AuthInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit AuthInterceptorFactory(std::shared_ptr<const TokenStore> store)
      : store_(std::move(store)) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  std::shared_ptr<const TokenStore> store_;
};

// OK when the interceptor allowed the call; otherwise UNAUTHENTICATED or
// PERMISSION_DENIED with the reason. A call without a verdict (interceptor
// not installed) is refused: failing closed.
grpc::Status RequireVerdict(const grpc::ServerContextBase& context);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_AUTH_H_
