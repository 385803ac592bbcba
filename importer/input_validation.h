// Rejects input the extractor must not try to read: empty, oversized, binary or invalid UTF-8.
#ifndef DOSSIER_IMPORTER_INPUT_VALIDATION_H_
#define DOSSIER_IMPORTER_INPUT_VALIDATION_H_

#include <cstddef>
#include <string_view>

#include "absl/status/status.h"

namespace dossier::importer {

// OK, or InvalidArgument naming the first offending byte offset, or ResourceExhausted when the
// input exceeds `max_bytes`.
absl::Status ValidateLetterBytes(std::string_view bytes, size_t max_bytes);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_INPUT_VALIDATION_H_
