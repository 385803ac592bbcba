// Bringing a database written by an older build up to kFormatVersion, in place, when it is
// opened for writing. Each step is idempotent and the version is written last, so an upgrade
// cut short (a crash, a full disk) is finished by the next open.
//
// Version 1 -> 2: the by-document families held one key an entry,
// [document][evidence key] and [document][node][mention id], with empty values; version 2 holds
// lists (graph/document_lists.h). Each document's keys become one list in one atomic batch.
#ifndef DOSSIER_GRAPH_FORMAT_UPGRADE_H_
#define DOSSIER_GRAPH_FORMAT_UPGRADE_H_

#include "absl/status/status.h"
#include "graph/store.h"

namespace dossier::graph {

// Upgrades `store`, whose meta says `from_version`, and records kFormatVersion. An unknown
// version (newer than this build, or never written) is FAILED_PRECONDITION and changes nothing.
absl::Status UpgradeFormat(GraphStore& store, int from_version);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_FORMAT_UPGRADE_H_
