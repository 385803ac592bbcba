#include "graph/page_token.h"

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "graph/key_codec.h"

namespace dossier::graph {
namespace {
constexpr char kTokenVersion = 1;
}

RequestFingerprint& RequestFingerprint::Add(std::string_view bytes) {
  Add(static_cast<uint64_t>(bytes.size()));
  for (unsigned char c : bytes) {
    hash_ ^= c;
    hash_ *= 1099511628211ull;
  }
  return *this;
}

RequestFingerprint& RequestFingerprint::Add(uint64_t value) {
  for (int i = 0; i < 8; ++i) {
    hash_ ^= (value >> (8 * i)) & 0xff;
    hash_ *= 1099511628211ull;
  }
  return *this;
}

std::string EncodePageToken(char kind, uint64_t fingerprint, std::string_view position) {
  std::string raw;
  raw.push_back(kTokenVersion);
  raw.push_back(kind);
  PutFixed64BE(&raw, fingerprint);
  raw.append(position);
  return absl::WebSafeBase64Escape(raw);
}

absl::StatusOr<std::string> DecodePageToken(std::string_view token, char kind,
                                            uint64_t fingerprint) {
  std::string raw;
  if (!absl::WebSafeBase64Unescape(absl::string_view(token.data(), token.size()), &raw) ||
      raw.size() < 10 || raw[0] != kTokenVersion || raw[1] != kind) {
    return absl::InvalidArgumentError("page_token is malformed");
  }
  if (DecodeFixed64BE(raw.data() + 2) != fingerprint) {
    return absl::InvalidArgumentError(
        "page_token belongs to a different request (its parameters changed)");
  }
  return raw.substr(10);
}

absl::StatusOr<int32_t> EffectivePageSize(int32_t requested, int32_t default_size,
                                          int32_t max_size) {
  if (requested < 0) {
    return absl::InvalidArgumentError(absl::StrCat("page_size is negative: ", requested));
  }
  if (requested == 0) return default_size;
  return requested > max_size ? max_size : requested;
}

}  // namespace dossier::graph
