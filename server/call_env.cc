#include "server/call_env.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "graph/validation.h"

namespace dossier::server {

absl::StatusOr<int64_t> ClipLimit(std::string_view field, int64_t requested, int64_t default_value,
                                  int64_t cap) {
  if (requested < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), " must not be negative (got ", requested, ")"));
  }
  int64_t value = requested == 0 ? default_value : requested;
  return std::min(value, cap);
}

absl::StatusOr<graph::TraversalLimits> EffectiveLimits(const v1::TraversalLimits& requested,
                                                       const CallEnv& env) {
  const ServerCaps& caps = *env.caps;
  graph::TraversalLimits limits;
  absl::StatusOr<int64_t> v =
      ClipLimit("limits.max_nodes", requested.max_nodes(), caps.max_nodes, caps.max_nodes);
  if (!v.ok()) return v.status();
  limits.max_nodes = *v;
  v = ClipLimit("limits.max_edges_per_node", requested.max_edges_per_node(),
                caps.max_edges_per_node, caps.max_edges_per_node);
  if (!v.ok()) return v.status();
  limits.max_edges_per_node = *v;
  v = ClipLimit("limits.max_work", requested.max_work(), caps.max_work, caps.max_work);
  if (!v.ok()) return v.status();
  limits.max_work = *v;
  v = ClipLimit("limits.time_budget_ms", requested.time_budget_ms(), 0, INT64_MAX);
  if (!v.ok()) return v.status();
  limits.deadline = env.deadline;
  if (*v > 0) limits.deadline = std::min(limits.deadline, absl::Now() + absl::Milliseconds(*v));
  limits.cancelled = env.cancelled;
  return limits;
}

absl::Status ValidateNodeId(std::string_view field, uint64_t id) {
  if (id == graph::kNoNode) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), " must be a node id (non-zero)"));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<graph::NodeId>> ResolveSeeds(
    std::string_view field, const google::protobuf::RepeatedField<uint64_t>& ids,
    const graph::ReadView& view, size_t max_count) {
  if (ids.empty()) return absl::InvalidArgumentError(absl::StrCat(std::string(field), " is empty"));
  if (static_cast<size_t>(ids.size()) > max_count) {
    return absl::InvalidArgumentError(absl::StrCat(std::string(field), " has ", ids.size(),
                                                   " ids; at most ", max_count, " are allowed"));
  }
  std::vector<graph::NodeId> seeds;
  for (uint64_t id : ids) {
    if (absl::Status s = ValidateNodeId(field, id); !s.ok()) return s;
    absl::StatusOr<graph::Node> node = view.GetNode(id);
    if (!node.ok()) return node.status();
    seeds.push_back(id);
  }
  return seeds;
}

absl::StatusOr<std::vector<std::string>> TypeNames(
    std::string_view field, const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::vector<std::string> out;
  for (const std::string& name : names) {
    if (absl::Status s = graph::ValidateTypeName(field, name); !s.ok()) {
      return absl::InvalidArgumentError(s.message());
    }
    out.push_back(name);
  }
  return out;
}

}  // namespace dossier::server
