// Who a letter is addressed and copied to: the recipient block ("To:" lists, a title line over
// "H.E. Name"), the salutation ("Dear Mr. X, the Ambassador of Y,") and the copy list
// ("Copy:", "cc:", "MEPs A, B, C").
#ifndef DOSSIER_IMPORTER_RECIPIENT_PARSER_H_
#define DOSSIER_IMPORTER_RECIPIENT_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/name_recognizer.h"

namespace dossier::importer {

struct RecipientEntry {
  std::optional<PersonCandidate> person;
  std::optional<OrgCandidate> org;  // When an institution is addressed.
  std::string title;                // As stated, e.g. "President of the Republic of Kazakhstan".
  Span evidence;                    // Line(s) holding the name and title.
  std::string rule;
};

// `lines`: the recipient-block lines in order.
std::vector<RecipientEntry> ParseRecipientBlock(std::string_view text,
                                                const std::vector<Span>& lines,
                                                const NameRecognizer& recognizer,
                                                const Gazetteer& gazetteer);
std::vector<RecipientEntry> ParseSalutation(std::string_view text, Span line,
                                            const NameRecognizer& recognizer);
// `lines`: the copy-list lines, the first one starting with "Copy:" or "cc:".
std::vector<RecipientEntry> ParseCopyList(std::string_view text, const std::vector<Span>& lines,
                                          const NameRecognizer& recognizer,
                                          const Gazetteer& gazetteer);

// Splits [span] at top-level commas (not inside parentheses); returns trimmed parts.
std::vector<Span> SplitTopLevel(std::string_view text, Span span, char sep = ',');

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_RECIPIENT_PARSER_H_
