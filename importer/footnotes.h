// Footnotes: definitions ("¹ https://...", "[1] https://...") wherever they stand (often
// interleaved with the body at page breaks) and the markers in the body they belong to, with
// the text each marker is attached to.
#ifndef DOSSIER_IMPORTER_FOOTNOTES_H_
#define DOSSIER_IMPORTER_FOOTNOTES_H_

#include <optional>
#include <string_view>
#include <vector>

#include "importer/extraction.h"

namespace dossier::importer {

struct FootnoteDefinitionLine {
  int number = 0;
  Span text;  // After the marker, trimmed.
};

// If the line starts with a footnote marker followed by text, its number and text span.
std::optional<FootnoteDefinitionLine> ParseFootnoteDefinition(std::string_view text, Span line);

struct FootnoteMarker {
  int number = 0;
  Span span;
  Span anchor;  // The words the marker is attached to (may be empty).
};

// Superscript markers (¹²...¹¹) and bracketed markers ([1]) inside body text.
std::vector<FootnoteMarker> FindFootnoteMarkers(std::string_view text, Span span);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_FOOTNOTES_H_
