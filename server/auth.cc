#include "server/auth.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace dossier::server {
namespace {

using grpc::experimental::InterceptionHookPoints;
using grpc::experimental::InterceptorBatchMethods;

absl::string_view AsAbsl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Verdicts, as stored in the call's metadata. Static storage: the metadata
// map holds string_refs, which must outlive the call.
constexpr char kAllow[] = "allow";
constexpr char kNoToken[] = "no-token";
constexpr char kBadToken[] = "bad-token";
constexpr char kNoWriteScope[] = "no-write-scope";
constexpr char kNoReadScope[] = "no-read-scope";

class AuthInterceptor : public grpc::experimental::Interceptor {
 public:
  AuthInterceptor(const TokenStore* store, std::string method)
      : store_(store), method_(std::move(method)) {}

  void Intercept(InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      std::string_view token;
      bool has_header = false;
      for (auto it = metadata->begin(); it != metadata->end();) {
        std::string_view key(it->first.data(), it->first.size());
        if (key == kAuthVerdictKey) {
          it = metadata->erase(it);  // A client cannot send its own verdict.
          continue;
        }
        if (key == "authorization") {
          has_header = true;
          std::string_view value(it->second.data(), it->second.size());
          if (absl::StartsWithIgnoreCase(AsAbsl(value), "bearer ")) {
            token = value.substr(7);
            while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
          }
        }
        ++it;
      }
      const char* verdict = Decide(has_header, token);
      metadata->emplace(grpc::string_ref(kAuthVerdictKey), grpc::string_ref(verdict));
    }
    methods->Proceed();
  }

 private:
  const char* Decide(bool has_header, std::string_view token) const {
    MethodPolicy policy = PolicyForMethod(method_);
    if (store_ == nullptr || policy.exempt) return kAllow;
    if (!has_header || token.empty()) return kNoToken;
    const TokenGrant* grant = store_->Find(token);
    if (grant == nullptr) return kBadToken;
    if (policy.scope == Scope::kWrite && !grant->write) return kNoWriteScope;
    if (policy.scope == Scope::kRead && !grant->read) return kNoReadScope;
    return kAllow;
  }

  const TokenStore* store_;
  std::string method_;
};

}  // namespace

absl::StatusOr<std::shared_ptr<const TokenStore>> TokenStore::Load(const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read token file ", path));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<std::shared_ptr<const TokenStore>> store = Parse(text.str());
  if (!store.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("token file ", path, ": ", store.status().message()));
  }
  return store;
}

absl::StatusOr<std::shared_ptr<const TokenStore>> TokenStore::Parse(std::string_view text) {
  auto store = std::make_shared<TokenStore>();
  int line_number = 0;
  for (absl::string_view line : absl::StrSplit(AsAbsl(text), '\n')) {
    ++line_number;
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    std::vector<absl::string_view> fields =
        absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
    if (fields.size() != 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", line_number, ": expected \"TOKEN SCOPES\" (scopes: read, write)"));
    }
    TokenGrant grant;
    for (absl::string_view scope : absl::StrSplit(fields[1], ',', absl::SkipEmpty())) {
      if (scope == "read") {
        grant.read = true;
      } else if (scope == "write") {
        grant.write = true;
        grant.read = true;  // Writers may read what they wrote.
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", line_number, ": unknown scope \"", scope, "\" (read, write)"));
      }
    }
    store->grants_[std::string(fields[0])] = grant;
  }
  if (store->grants_.empty()) return absl::InvalidArgumentError("no tokens");
  return std::shared_ptr<const TokenStore>(std::move(store));
}

const TokenGrant* TokenStore::Find(std::string_view token) const {
  auto it = grants_.find(AsAbsl(token));
  return it == grants_.end() ? nullptr : &it->second;
}

MethodPolicy PolicyForMethod(std::string_view full_method_name) {
  absl::string_view name = AsAbsl(full_method_name);
  if (absl::StartsWith(name, "/grpc.health.") || absl::StartsWith(name, "/grpc.reflection.")) {
    return {.exempt = true};
  }
  // Runs on every call: match "/Name" at the end without building strings.
  static constexpr absl::string_view kWriters[] = {"/ImportDocument", "/UpsertNodes",
                                                   "/UpsertEdges", "/DeleteNode", "/DeleteEdge"};
  for (absl::string_view writer : kWriters) {
    if (absl::EndsWith(name, writer)) return {.scope = Scope::kWrite};
  }
  return {.scope = Scope::kRead};
}

grpc::experimental::Interceptor* AuthInterceptorFactory::CreateServerInterceptor(
    grpc::experimental::ServerRpcInfo* info) {
  return new AuthInterceptor(store_.get(), info->method() ? info->method() : "");
}

grpc::Status RequireVerdict(const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(kAuthVerdictKey);
  std::string_view verdict = it == metadata.end()
                                 ? std::string_view()
                                 : std::string_view(it->second.data(), it->second.size());
  if (verdict == kAllow) return grpc::Status::OK;
  if (verdict == kNoToken) {
    return {grpc::StatusCode::UNAUTHENTICATED,
            "this server needs a bearer token: send metadata \"authorization: Bearer TOKEN\" "
            "(dossier CLI: --token or --token-file)"};
  }
  if (verdict == kBadToken)
    return {grpc::StatusCode::UNAUTHENTICATED, "the bearer token is not valid"};
  if (verdict == kNoWriteScope) {
    return {grpc::StatusCode::PERMISSION_DENIED,
            "this call writes and the token has no write scope"};
  }
  if (verdict == kNoReadScope) {
    return {grpc::StatusCode::PERMISSION_DENIED, "the token has no read scope"};
  }
  return {grpc::StatusCode::INTERNAL, "the call was not checked for authorisation"};
}

}  // namespace dossier::server
