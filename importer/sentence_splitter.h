// Sentence boundaries inside a paragraph, robust to abbreviations (Mr., H.E., No., U.S.) and
// to the missing spaces of PDF conversion ("Zhengjun.Three months later").
#ifndef DOSSIER_IMPORTER_SENTENCE_SPLITTER_H_
#define DOSSIER_IMPORTER_SENTENCE_SPLITTER_H_

#include <string_view>
#include <vector>

#include "importer/extraction.h"

namespace dossier::importer {

std::vector<Span> SplitSentences(std::string_view text, Span paragraph);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_SENTENCE_SPLITTER_H_
