// Bringing a database written by an older build up to kFormatVersion, in place, when it is
// opened for writing.
//
// Before it changes anything, an upgrade marks the database "upgrading N to M" in
// meta/format_version: a value no build reads as a format, so an older build refuses a
// half-upgraded database instead of misreading it. Each step is idempotent and the new version
// is written last, so an upgrade cut short (a crash, a full disk) is finished by the next open
// for writing.
//
// Version 1 -> 2: the by-document families held one key an entry, [document][evidence key] and
// [document][node][mention id], with empty values; version 2 holds lists (document_lists.h).
// Each document's keys become one list in one atomic batch. Keys of neither layout (corruption
// the format-1 checker would have reported) are left for `dossier check` to name.
#ifndef DOSSIER_GRAPH_FORMAT_UPGRADE_H_
#define DOSSIER_GRAPH_FORMAT_UPGRADE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "graph/store.h"

namespace dossier::graph {

// The value meta/format_version holds while an upgrade from `from_version` is under way.
std::string UpgradingMarker(int from_version);
// The version an interrupted upgrade started from, if `value` is such a marker.
std::optional<int> UpgradeInProgressFrom(std::string_view value);

struct UpgradeOptions {
  // A batch is written once it holds this many bytes, between two documents.
  size_t batch_bytes = 4 << 20;
};

// Upgrades `store`, whose meta says `from_version` (or an upgrade from it under way), and
// records kFormatVersion. A version this build cannot upgrade from is FAILED_PRECONDITION and
// changes nothing.
absl::Status UpgradeFormat(GraphStore& store, int from_version, const UpgradeOptions& options = {});

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_FORMAT_UPGRADE_H_
