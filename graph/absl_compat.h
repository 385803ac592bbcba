// Debian's Abseil is built with its own absl::string_view (not an alias of
// std::string_view), so absl::StrCat and friends do not take a
// std::string_view. These bridges keep that detail in one place.
#ifndef DOSSIER_GRAPH_ABSL_COMPAT_H_
#define DOSSIER_GRAPH_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace dossier {

inline absl::string_view ToAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}
inline std::string_view ToStd(absl::string_view s) { return std::string_view(s.data(), s.size()); }

}  // namespace dossier

#endif  // DOSSIER_GRAPH_ABSL_COMPAT_H_
