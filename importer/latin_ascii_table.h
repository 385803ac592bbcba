// What ICU's "Any-Latin; Latin-ASCII" makes of each code point of the Latin and punctuation blocks
// letters are written in, taken one at a time (not lower-cased). Folding a name through this table
// needs no transliterator: a process whose letters are all in these blocks never builds ICU's
// transliterator registry (half the instructions of a one-letter import).
#ifndef DOSSIER_IMPORTER_LATIN_ASCII_TABLE_H_
#define DOSSIER_IMPORTER_LATIN_ASCII_TABLE_H_

#include <optional>
#include <string_view>
#include <utility>

namespace dossier::importer {

inline constexpr std::pair<char32_t, char32_t> kLatinAsciiBlocks[] = {
    {0x0080, 0x0250},  // Latin-1 Supplement, Latin Extended-A and -B.
    {0x0300, 0x0370},  // Combining diacritical marks.
    {0x1E00, 0x1F00},  // Latin Extended Additional.
    {0x2000, 0x2070},  // General punctuation (quotes, dashes, spaces).
};

// ICU's fold of `cp` alone, or nothing outside the blocks, or under another ICU major version than
// the one the table was made with (whose answers might differ).
std::optional<std::string_view> LatinAsciiFold(char32_t cp);
// The table's entry whatever ICU runs (for its test and rewrite).
std::optional<std::string_view> LatinAsciiTableEntry(char32_t cp);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_LATIN_ASCII_TABLE_H_
