#include "bench/external_id.h"

#include <algorithm>

namespace dossier::bench {

bool IsCanonicalInteger(std::string_view id) {
  if (id.empty() || (id.size() > 1 && id[0] == '0')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool ExternalIdLess(std::string_view a, std::string_view b) {
  const bool ia = IsCanonicalInteger(a);
  const bool ib = IsCanonicalInteger(b);
  if (ia != ib) return ia;
  // Canonical integers of any length compare by length, then digit by digit.
  if (ia && a.size() != b.size()) return a.size() < b.size();
  return a < b;
}

void SortExternalIds(std::vector<std::string>* ids) {
  std::sort(ids->begin(), ids->end(),
            [](const std::string& a, const std::string& b) { return ExternalIdLess(a, b); });
}

}  // namespace dossier::bench
