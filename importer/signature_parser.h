// Signatories from signature blocks, wherever they stand: "Name, GROUP", "Name (GROUP)",
// "Name, MEP", numbered lists ("12. Prof. Name, role, institution"), flattened tables
// ("NO. | Name | Year | Country"), organisations signing (with translated names on the next
// line) and a collective signature closing the letter ("Friends of X, May 24, 2022").
#ifndef DOSSIER_IMPORTER_SIGNATURE_PARSER_H_
#define DOSSIER_IMPORTER_SIGNATURE_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/name_recognizer.h"

namespace dossier::importer {

struct SignatoryEntry {
  std::optional<PersonCandidate> person;
  std::optional<OrgCandidate> org;             // An organisation or collective that signs.
  std::string affiliation;                     // As stated.
  std::optional<OrgCandidate> group;           // Political group named in the affiliation.
  std::vector<OrgCandidate> affiliation_orgs;  // Other organisations in the affiliation.
  bool mep = false;                            // "Name, MEP" or a European Parliament group.
  Span evidence;
  std::string rule;
};

struct SignatureParse {
  std::vector<SignatoryEntry> signatories;
  std::vector<OrgCandidate> translations_of;  // Unused slot kept for clarity of intent.
  std::optional<OrgCandidate> sender_org;     // Organisation in a closing tail line.
};

// `lines`: signature-zone lines in document order. `tail` marks a letter without a closing
// formula whose last short block carries the signature and the date.
SignatureParse ParseSignatures(std::string_view text, const std::vector<Span>& lines, bool tail,
                               const NameRecognizer& recognizer, const Gazetteer& gazetteer);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_SIGNATURE_PARSER_H_
