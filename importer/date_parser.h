// Dates as letters write them: "16 October 2020", "1st August 2019", "October 16, 2020",
// "6 Dec. 2021", "16.10.2020", "2020-10-16".
#ifndef DOSSIER_IMPORTER_DATE_PARSER_H_
#define DOSSIER_IMPORTER_DATE_PARSER_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"

namespace dossier::importer {

struct FoundDate {
  std::string iso;  // YYYY-MM-DD
  Span span;        // Absolute byte span of the date expression.
};

// Every complete (day, month, year) date in text[span], in order.
std::vector<FoundDate> FindDates(std::string_view text, Span span);

// The ISO form of a string that is exactly one date (surrounding spaces/punctuation allowed).
std::optional<std::string> ParseDate(std::string_view s);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_DATE_PARSER_H_
