// The first bytes (up to eight) of a pattern that is looked for at many places of a text, such as
// every word start: one load and one compare rule out nearly every place where the pattern does
// not begin, before its bytes are compared.
#ifndef DOSSIER_IMPORTER_PATTERN_PREFIX_H_
#define DOSSIER_IMPORTER_PATTERN_PREFIX_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace dossier::importer {

class PatternPrefix {
 public:
  PatternPrefix() = default;  // Matches everywhere.
  explicit PatternPrefix(std::string_view pattern) {
    const size_t n = std::min<size_t>(pattern.size(), sizeof(bytes_));
    // Both words are laid out as the bytes themselves, like the text's word loaded in MayStartAt,
    // so the comparison holds whatever the machine's byte order.
    std::memcpy(&bytes_, pattern.data(), n);
    std::memset(&mask_, 0xff, n);
  }

  // False only where the pattern cannot begin at text[p]. Within eight bytes of the text's end
  // (or past it) it answers true, and the caller's full comparison decides.
  bool MayStartAt(std::string_view text, size_t p) const {
    if (p + sizeof(bytes_) > text.size()) return true;
    uint64_t word;
    std::memcpy(&word, text.data() + p, sizeof(word));
    return (word & mask_) == bytes_;
  }

 private:
  uint64_t bytes_ = 0;
  uint64_t mask_ = 0;
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_PATTERN_PREFIX_H_
