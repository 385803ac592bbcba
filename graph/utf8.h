// UTF-8 validation shared by every module that accepts text from outside.
#ifndef DOSSIER_GRAPH_UTF8_H_
#define DOSSIER_GRAPH_UTF8_H_

#include <cstddef>
#include <string_view>

namespace dossier {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code
// points above U+10FFFF). Otherwise stores the offset of the first bad byte.
bool IsValidUtf8(std::string_view text, size_t* first_invalid_byte = nullptr);

// True when every byte of `text` is below 0x80.
inline bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

}  // namespace dossier

#endif  // DOSSIER_GRAPH_UTF8_H_
