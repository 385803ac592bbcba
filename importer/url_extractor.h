// Cited URLs: found as written (angle brackets, Markdown link syntax and trailing punctuation
// removed) with a normalised key for cross-letter resolution.
#ifndef DOSSIER_IMPORTER_URL_EXTRACTOR_H_
#define DOSSIER_IMPORTER_URL_EXTRACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"

namespace dossier::importer {

struct FoundUrl {
  std::string url;
  Span span;
};

std::vector<FoundUrl> FindUrls(std::string_view text, Span span);

// Scheme dropped, host lowercased without "www.", default ports, fragments, trailing '/' and
// utm_* tracking parameters removed: "https://www.Example.org/a/?utm_source=x" -> "example.org/a".
std::string NormalizeUrlKey(std::string_view url);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_URL_EXTRACTOR_H_
