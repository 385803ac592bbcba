// Letter-level facts read from the zones: date and place (header place/date line, a date on
// the signature line or at the very end), title/subject line, language(s), and the
// organisation the letter speaks for ("letter from X to", "on behalf of X", sender line).
#ifndef DOSSIER_IMPORTER_LETTER_METADATA_H_
#define DOSSIER_IMPORTER_LETTER_METADATA_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/zoner.h"

namespace dossier::importer {

struct DatePlace {
  std::optional<std::string> iso;
  std::optional<Span> span;
  std::optional<std::string> place;
};

// `gazetteer` (optional) tells a place apart from an organisation or title in the last part of
// a signature line ("Name, Coordinator, Alliance, Palangka Raya, 1st August 2019").
DatePlace FindLetterDate(std::string_view text, const ZonedLetter& zoned,
                         const Gazetteer* gazetteer = nullptr);

struct LanguageGuess {
  std::string main;
  std::vector<std::string> all;
};
LanguageGuess GuessLanguages(std::string_view text, const ZonedLetter& zoned);

// "An open letter from <role> NAME to ..." / "... by <group>": the span of the sender phrase.
std::optional<Span> TitleSenderPhrase(std::string_view text, Span title);
// "on behalf of 55 feminists based in the UK" in the body.
std::optional<Span> OnBehalfOfPhrase(std::string_view text, Span body_line);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_LETTER_METADATA_H_
