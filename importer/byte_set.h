// A set of bytes, and the first or last byte of a text in it.
//
// std::string_view::find_first_of and find_last_of call memchr on the set for every byte of the
// text they pass: the rules that stop a window at punctuation spent more time in those calls than
// in their own work. A set given as UTF-8 holds each byte of each character, as those functions
// match bytes.
#ifndef DOSSIER_IMPORTER_BYTE_SET_H_
#define DOSSIER_IMPORTER_BYTE_SET_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace dossier::importer {

class ByteSet {
 public:
  constexpr explicit ByteSet(std::string_view bytes) {
    for (char c : bytes) {
      const auto b = static_cast<unsigned char>(c);
      words_[b >> 6] |= uint64_t{1} << (b & 63);
    }
  }
  constexpr bool contains(char c) const {
    const auto b = static_cast<unsigned char>(c);
    return (words_[b >> 6] >> (b & 63)) & 1;
  }

  // As std::string_view::find_first_of(bytes, from) and find_last_of(bytes).
  size_t FindFirstIn(std::string_view text, size_t from = 0) const {
    for (size_t i = from; i < text.size(); ++i) {
      if (contains(text[i])) return i;
    }
    return std::string_view::npos;
  }
  size_t FindLastIn(std::string_view text) const {
    for (size_t i = text.size(); i-- > 0;) {
      if (contains(text[i])) return i;
    }
    return std::string_view::npos;
  }

 private:
  uint64_t words_[4] = {};
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_BYTE_SET_H_
