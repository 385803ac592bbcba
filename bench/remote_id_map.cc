#include "bench/remote_id_map.h"

#include "absl/strings/str_cat.h"
#include "bench/dossier_server.h"

namespace dossier::bench {
namespace {

constexpr uint64_t kBatch = 1000;  // The server's default --max-batch.

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  return context;
}

}  // namespace

absl::StatusOr<RemoteIdMap> RemoteIdMap::Build(v1::GraphService::Stub& stub) {
  v1::GetStatsResponse stats;
  if (absl::Status s = FromGrpc(stub.GetStats(Context().get(), {}, &stats)); !s.ok()) return s;
  const uint64_t want = stats.node_count();
  RemoteIdMap map;
  map.by_external_.reserve(want);
  map.external_.reserve(want + 1);
  // Ids start at 1; a run of empty batches well past the count means the
  // rest were deleted.
  uint64_t empty_batches = 0;
  for (uint64_t first = 1; map.size() < want && empty_batches < 100; first += kBatch) {
    v1::BatchGetNodesRequest request;
    for (uint64_t id = first; id < first + kBatch; ++id) request.add_ids(id);
    v1::BatchGetNodesResponse response;
    grpc::Status status = stub.BatchGetNodes(Context().get(), request, &response);
    const size_t before = map.size();
    if (status.ok()) {
      for (const v1::Node& node : response.nodes()) map.Add(node);
    } else if (status.error_code() == grpc::StatusCode::NOT_FOUND) {
      for (uint64_t id : request.ids()) {
        v1::GetNodeRequest one;
        one.set_id(id);
        v1::GetNodeResponse got;
        grpc::Status s = stub.GetNode(Context().get(), one, &got);
        if (s.ok()) {
          map.Add(got.node());
        } else if (s.error_code() != grpc::StatusCode::NOT_FOUND) {
          return FromGrpc(s);
        }
      }
    } else {
      return FromGrpc(status);
    }
    empty_batches = map.size() == before ? empty_batches + 1 : 0;
  }
  if (map.size() != want) {
    return absl::InternalError(
        absl::StrCat("id map: found ", map.size(), " nodes, GetStats counts ", want));
  }
  return map;
}

void RemoteIdMap::Add(const v1::Node& node) {
  if (external_.size() <= node.id()) external_.resize(node.id() + 1);
  external_[node.id()] = node.external_id();
  ++nodes_;
  if (!node.external_id().empty()) by_external_.emplace(node.external_id(), node.id());
}

uint64_t RemoteIdMap::NodeId(std::string_view external_id) const {
  auto it = by_external_.find(absl::string_view(external_id.data(), external_id.size()));
  return it == by_external_.end() ? 0 : it->second;
}

std::string RemoteIdMap::ExternalId(uint64_t node_id) const {
  if (node_id < external_.size() && !external_[node_id].empty()) return external_[node_id];
  return absl::StrCat("#", node_id);
}

}  // namespace dossier::bench
