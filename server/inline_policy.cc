#include "server/inline_policy.h"

#include <algorithm>

#include "server/read_operations.h"

namespace dossier::server {
namespace {

// The page the call will actually read: 0 asks for the default, a negative
// size is refused before any read (so it is cheap wherever it runs), and
// anything above the server's cap is coerced down to it.
int32_t EffectivePage(int32_t requested, int32_t default_size, int32_t cap) {
  if (requested < 0) return 0;
  return std::min(requested == 0 ? default_size : requested, cap);
}

}  // namespace

bool RunsInline(const v1::GetNodeRequest& request, const ServerCaps& caps) { return true; }

bool RunsInline(const v1::BatchGetNodesRequest& request, const ServerCaps& caps) {
  // Above max_batch the call is refused before reading: cheap too.
  return request.ids_size() <= kInlineMaxNodeReads || request.ids_size() > caps.max_batch;
}

bool RunsInline(const v1::FindNodesRequest& request, const ServerCaps& caps) {
  // Verbatim matches are a subset of the exact ones: bounded the same way.
  if (request.match() != v1::NAME_MATCH_EXACT && request.match() != v1::NAME_MATCH_UNSPECIFIED &&
      request.match() != v1::NAME_MATCH_VERBATIM) {
    return false;
  }
  return EffectivePage(request.page_size(), kFindNodesDefaultPageSize, caps.max_page_size) <=
         kInlineMaxNodeReads;
}

bool RunsInline(const v1::ListNeighborsRequest& request, const ServerCaps& caps) {
  if (!request.neighbor_types().empty()) return false;
  if (request.skip() > kInlineMaxSkip) return false;  // A negative skip is refused cheaply.
  const int32_t page =
      EffectivePage(request.page_size(), kListNeighborsDefaultPageSize, caps.max_page_size);
  return page <= (request.include_nodes() ? kInlineMaxNodeReads : kInlineMaxEntries);
}

bool RunsInline(const v1::GetStatsRequest& request, const ServerCaps& caps) { return true; }

}  // namespace dossier::server
