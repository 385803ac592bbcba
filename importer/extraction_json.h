// JSON view of a LetterExtraction, for tools, debugging and golden comparisons.
#ifndef DOSSIER_IMPORTER_EXTRACTION_JSON_H_
#define DOSSIER_IMPORTER_EXTRACTION_JSON_H_

#include <nlohmann/json.hpp>

#include "importer/extraction.h"

namespace dossier::importer {

nlohmann::json ExtractionToJson(const LetterExtraction& x);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_EXTRACTION_JSON_H_
