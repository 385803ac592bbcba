// What one call's work needs besides its request: the graph, the server's
// caps, when to stop and how to learn that the client went away.
#ifndef DOSSIER_SERVER_CALL_ENV_H_
#define DOSSIER_SERVER_CALL_ENV_H_

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "dossier/v1/resources.pb.h"
#include "google/protobuf/repeated_field.h"
#include "graph/graph.h"
#include "graph/queries.h"
#include "server/server_config.h"

namespace dossier::server {

struct CallEnv {
  graph::Graph* graph = nullptr;
  const ServerCaps* caps = nullptr;
  absl::Time deadline = absl::InfiniteFuture();  // Work stops here (before the client's deadline).
  std::function<bool()> cancelled;               // True once the client cancelled.
};

// The caps of a traversal: requested values (0: the cap) clipped to the
// server's hard caps; negative values are INVALID_ARGUMENT. The deadline is
// the earlier of the call's and the request's time budget.
absl::StatusOr<graph::TraversalLimits> EffectiveLimits(const v1::TraversalLimits& requested,
                                                       const CallEnv& env);

// `requested` 0 gives `default_value`; negative is INVALID_ARGUMENT naming
// `field`; above `cap` is coerced down to it.
absl::StatusOr<int64_t> ClipLimit(std::string_view field, int64_t requested, int64_t default_value,
                                  int64_t cap);

// INVALID_ARGUMENT for id 0, naming `field`.
absl::Status ValidateNodeId(std::string_view field, uint64_t id);
// INVALID_ARGUMENT for an empty list or any id 0; NOT_FOUND for a missing node.
absl::StatusOr<std::vector<graph::NodeId>> ResolveSeeds(
    std::string_view field, const google::protobuf::RepeatedField<uint64_t>& ids,
    const graph::ReadView& view, size_t max_count);
// Each name must be a valid type name (non-empty UTF-8, bounded length).
absl::StatusOr<std::vector<std::string>> TypeNames(
    std::string_view field, const google::protobuf::RepeatedPtrField<std::string>& names);

}  // namespace dossier::server

#endif  // DOSSIER_SERVER_CALL_ENV_H_
