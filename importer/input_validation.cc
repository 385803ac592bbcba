#include "importer/input_validation.h"

#include "absl/strings/str_cat.h"
#include "importer/text_util.h"

namespace dossier::importer {

absl::Status ValidateLetterBytes(std::string_view bytes, size_t max_bytes) {
  if (bytes.empty()) return absl::InvalidArgumentError("empty input: the letter has no bytes");
  if (bytes.size() > max_bytes) {
    return absl::ResourceExhaustedError(absl::StrCat(
        "input of ", bytes.size(), " bytes exceeds the limit of ", max_bytes, " bytes"));
  }
  for (size_t i = 0; i < bytes.size();) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c == 0) {
      return absl::InvalidArgumentError(
          absl::StrCat("binary input: NUL byte at offset ", i, "; expected UTF-8 text"));
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    char32_t cp;
    int n = DecodeUtf8At(bytes, i, &cp);
    if (cp == 0xFFFD) {
      // U+FFFD itself is valid when written as EF BF BD.
      bool literal = n == 3 && c == 0xEF && static_cast<unsigned char>(bytes[i + 1]) == 0xBF &&
                     static_cast<unsigned char>(bytes[i + 2]) == 0xBD;
      if (!literal) {
        return absl::InvalidArgumentError(absl::StrCat(
            "invalid UTF-8 at byte offset ", i, " (byte 0x", absl::Hex(c, absl::kZeroPad2), ")"));
      }
    }
    i += n;
  }
  return absl::OkStatus();
}

}  // namespace dossier::importer
