// The importer's public entry point: one letter's bytes in, a LetterExtraction out.
//
//   absl::StatusOr<Gazetteer> g = Gazetteer::Load(Gazetteer::DefaultDataDir());
//   absl::StatusOr<LetterExtraction> x = ExtractLetter(bytes, "letter.txt", *g, {});
//
// Bad input (empty, over the size limit, NUL bytes, invalid UTF-8) is an error Status; any
// other input yields an extraction, with warnings for what could not be found.
#ifndef DOSSIER_IMPORTER_LETTER_PARSER_H_
#define DOSSIER_IMPORTER_LETTER_PARSER_H_

#include <cstddef>
#include <string_view>

#include "absl/status/statusor.h"
#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/name_normalizer.h"  // NormalizePersonKey, NormalizeOrgKey.
#include "importer/url_extractor.h"    // NormalizeUrlKey.

namespace dossier::importer {

struct ExtractOptions {
  size_t max_bytes = 4 * 1024 * 1024;
  // Emit a mentioned-in relation for every person and organisation (evidence: first mention).
  bool mentioned_in = true;
};

absl::StatusOr<LetterExtraction> ExtractLetter(std::string_view bytes, std::string_view file_name,
                                               const Gazetteer& gazetteer,
                                               const ExtractOptions& options);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_LETTER_PARSER_H_
