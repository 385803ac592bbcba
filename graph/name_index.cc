#include "graph/name_index.h"

#include <algorithm>

#include "graph/key_codec.h"
#include "graph/name_normalizer.h"

namespace dossier::graph {
namespace {

void SortUnique(std::vector<std::string>* v) {
  std::sort(v->begin(), v->end());
  v->erase(std::unique(v->begin(), v->end()), v->end());
}

}  // namespace

std::vector<std::string> NormalizedFullNames(const internal::NodeRecord& record) {
  std::vector<std::string> names;
  auto add = [&](const std::string& raw) {
    std::string n = NormalizeName(raw);
    if (!n.empty()) names.push_back(std::move(n));
  };
  add(record.name());
  for (const std::string& alias : record.aliases()) add(alias);
  SortUnique(&names);
  return names;
}

std::vector<std::string> NameIndexKeys(NodeId id, const internal::NodeRecord& record) {
  std::vector<std::string> keys;
  for (const std::string& full : NormalizedFullNames(record)) {
    keys.push_back(NameIndexKey(kFullNameIndex, full, id));
    for (const std::string& token : NameTokens(full)) {
      keys.push_back(NameIndexKey(kTokenIndex, token, id));
    }
  }
  SortUnique(&keys);
  return keys;
}

}  // namespace dossier::graph
