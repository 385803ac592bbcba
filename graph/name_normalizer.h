// Normalises names for the name index: any script to Latin, diacritics
// dropped, lower case, punctuation and hyphens to single spaces. Thus
// "Juknevičienė" ~ "jukneviciene", "Kassym-Jomart" ~ "kassym jomart" and
// "Токаев" ~ "tokaev".
#ifndef DOSSIER_GRAPH_NAME_NORMALIZER_H_
#define DOSSIER_GRAPH_NAME_NORMALIZER_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier::graph {

// Thread-safe. Invalid UTF-8 sequences become U+FFFD and are kept.
std::string NormalizeName(std::string_view name);
// NormalizeName by transliterating the whole name at once, as it did before Latin names were
// transliterated run by run: tests check that both agree.
std::string NormalizeNameWholeForTest(std::string_view name);

// The distinct words of NormalizeName(name), in order of first appearance.
std::vector<std::string> NameTokens(std::string_view name);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_NAME_NORMALIZER_H_
