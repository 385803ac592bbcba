// Checks on what callers hand the store, with errors that name the field.
#ifndef DOSSIER_GRAPH_VALIDATION_H_
#define DOSSIER_GRAPH_VALIDATION_H_

#include <string_view>

#include "absl/status/status.h"
#include "graph/types.h"

namespace dossier::graph {

inline constexpr size_t kMaxTypeNameBytes = 128;
inline constexpr size_t kMaxKeyBytes = 4096;

absl::Status ValidateTypeName(std::string_view field, std::string_view name);
absl::Status ValidateText(std::string_view field, std::string_view text);
absl::Status ValidateProperties(std::string_view field, const Properties& properties);
absl::Status ValidateNodeSpec(const NodeSpec& spec);
absl::Status ValidateEvidence(const Evidence& evidence);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_VALIDATION_H_
