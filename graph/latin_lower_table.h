// What ICU's "Any-Latin; Latin-ASCII; Lower" makes of each code point of the Latin and punctuation
// blocks names are written in, taken one at a time. The name index normalises a name's runs of
// these code points through it without a transliterator: a process whose names are all in these
// blocks never builds ICU's transliterator registry (about 150 M instructions under callgrind in a
// one-letter import).
#ifndef DOSSIER_GRAPH_LATIN_LOWER_TABLE_H_
#define DOSSIER_GRAPH_LATIN_LOWER_TABLE_H_

#include <optional>
#include <string_view>
#include <utility>

namespace dossier::graph {

// Not the combining marks: one after an ASCII letter is dropped with the whole name ("a" + U+0300
// -> "a") but kept when transliterated alone.
inline constexpr std::pair<char32_t, char32_t> kLatinLowerBlocks[] = {
    {0x0080, 0x0250},  // Latin-1 Supplement, Latin Extended-A and -B.
    {0x1E00, 0x1F00},  // Latin Extended Additional.
    {0x2000, 0x2070},  // General punctuation (quotes, dashes, spaces).
};

// ICU's transliteration of `cp` alone (UTF-8, lower case; what Latin-ASCII leaves is kept), or
// nothing outside the blocks, or under another ICU major version than the one the table was made
// with (whose answers might differ).
std::optional<std::string_view> LatinLower(char32_t cp);
// The table's entry whatever ICU runs (for its test and rewrite).
std::optional<std::string_view> LatinLowerTableEntry(char32_t cp);

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_LATIN_LOWER_TABLE_H_
