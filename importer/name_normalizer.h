// Resolution keys. Person keys ignore case, diacritics, script (Cyrillic is transliterated),
// honorifics, hyphens and word order, and fold known transliteration variants, so that
// "TOKAYEV Kassym-Jomart", "H.E. Kassym-Jomart Tokayev" and "Касым-Жомарт Токаев" share one key.
#ifndef DOSSIER_IMPORTER_NAME_NORMALIZER_H_
#define DOSSIER_IMPORTER_NAME_NORMALIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "importer/gazetteer.h"

namespace dossier::importer {

// Order-insensitive person key: sorted lowercase ASCII tokens without honorifics, variant
// spellings folded through the gazetteer's tables. Uses the gazetteer found at
// Gazetteer::DefaultDataDir() (built-in honorifics only when none can be loaded).
std::string NormalizePersonKey(std::string_view name);
std::string NormalizePersonKey(std::string_view name, const Gazetteer& gazetteer);

// The name tokens behind a person key, in written order (lowercase ASCII, variants folded).
std::vector<std::string> PersonKeyTokens(std::string_view name, const Gazetteer& gazetteer);

// Strips leading/trailing honorifics ("H.E.", "Dr.", "Professor Sir", ", MEP") from a name as
// written; the removed honorifics are appended to `honorifics` when given.
std::string StripHonorifics(std::string_view name, const Gazetteer& gazetteer,
                            std::vector<std::string>* honorifics = nullptr);

// Organisation key: lowercase ASCII words, leading "the" dropped, punctuation other than
// '&' and '/' turned into spaces: "The European Work Hazards Network" -> "european work hazards
// network".
std::string NormalizeOrgKey(std::string_view name);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_NAME_NORMALIZER_H_
