// Splits a letter into layout zones line by line, keeping byte offsets: letterhead, title,
// sender line, recipient block, place/date line, salutation, body, closing, signature blocks
// (wherever they stand), footnote definitions, annex and copy list.
#ifndef DOSSIER_IMPORTER_ZONER_H_
#define DOSSIER_IMPORTER_ZONER_H_

#include <string_view>
#include <vector>

#include "importer/extraction.h"
#include "importer/gazetteer.h"

namespace dossier::importer {

struct Line {
  Span span;  // Without the line break.
  std::string_view text;
  bool blank = false;
};

struct ZonedLetter {
  std::vector<Line> lines;
  std::vector<ZoneKind> kinds;  // One per line.
  std::vector<int> footnote;    // Footnote number defined on the line, or 0.
  int title_line = -1;
  int salutation_line = -1;
  int closing_line = -1;
  int copy_line = -1;
  int date_line = -1;       // Header place/date line, or a date-bearing tail line.
  std::vector<Zone> zones;  // Consecutive lines of one kind merged (blank lines skipped).
};

std::vector<Line> SplitLines(std::string_view text);

// True if the line is only a date, or "Place, date" ("Brussels, 16 October 2020").
bool IsPlaceDateLine(std::string_view line);

ZonedLetter ZoneLetter(std::string_view text, const Gazetteer& gazetteer);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_ZONER_H_
