// Opaque keyset page tokens (AIP-158). A token carries the position after
// the last item returned and a fingerprint of the request it belongs to, so a
// token cannot be replayed against a different query.
#ifndef DOSSIER_GRAPH_PAGE_TOKEN_H_
#define DOSSIER_GRAPH_PAGE_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace dossier::graph {

// A stable 64-bit fingerprint (FNV-1a) of request parameters.
class RequestFingerprint {
 public:
  RequestFingerprint& Add(std::string_view bytes);
  RequestFingerprint& Add(uint64_t value);
  uint64_t value() const { return hash_; }

 private:
  uint64_t hash_ = 1469598103934665603ull;
};

std::string EncodePageToken(char kind, uint64_t fingerprint, std::string_view position);
// INVALID_ARGUMENT when the token is malformed or belongs to another request.
absl::StatusOr<std::string> DecodePageToken(std::string_view token, char kind,
                                            uint64_t fingerprint);

// Applies AIP-158's rules: negative is an error, 0 the default, above the
// maximum coerced down.
absl::StatusOr<int32_t> EffectivePageSize(int32_t requested, int32_t default_size,
                                          int32_t max_size);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_PAGE_TOKEN_H_
