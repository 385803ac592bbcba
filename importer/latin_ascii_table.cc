#include "importer/latin_ascii_table.h"

#include <unicode/uversion.h>

#include <iterator>

namespace dossier::importer {
namespace {

// ICU's fold of each code point of kLatinAsciiBlocks, block after block, as ICU 72 (Debian 12)
// gives it. FoldToAsciiTest.LatinAsciiTableIsWhatIcuMakesOfEachCodePoint checks every entry against
// ICU; with another ICU, run it with DOSSIER_WRITE_LATIN_ASCII_TABLE=importer/latin_ascii_table.cc
// to rewrite the entries, then clang-format this file and review the diff.
// The major version of the ICU whose answers kFolds holds (the rewrite sets it too).
constexpr int kIcuMajorVersion = 72;

constexpr std::string_view kFolds[] = {
    /* U+0080 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0088 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0090 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0098 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+00A0 */ " ",  "!",   "",   "",   "",     "",     "",     "",
    /* U+00A8 */ "",   "(C)", "",   "<<", "",     "-",    "(R)",  "",
    /* U+00B0 */ "",   "+/-", "",   "",   "",     "",     "",     "",
    /* U+00B8 */ "",   "",    "",   ">>", " 1/4", " 1/2", " 3/4", "?",
    /* U+00C0 */ "A",  "A",   "A",  "A",  "A",    "A",    "AE",   "C",
    /* U+00C8 */ "E",  "E",   "E",  "E",  "I",    "I",    "I",    "I",
    /* U+00D0 */ "D",  "N",   "O",  "O",  "O",    "O",    "O",    "*",
    /* U+00D8 */ "O",  "U",   "U",  "U",  "U",    "Y",    "TH",   "ss",
    /* U+00E0 */ "a",  "a",   "a",  "a",  "a",    "a",    "ae",   "c",
    /* U+00E8 */ "e",  "e",   "e",  "e",  "i",    "i",    "i",    "i",
    /* U+00F0 */ "d",  "n",   "o",  "o",  "o",    "o",    "o",    "/",
    /* U+00F8 */ "o",  "u",   "u",  "u",  "u",    "y",    "th",   "y",
    /* U+0100 */ "A",  "a",   "A",  "a",  "A",    "a",    "C",    "c",
    /* U+0108 */ "C",  "c",   "C",  "c",  "C",    "c",    "D",    "d",
    /* U+0110 */ "D",  "d",   "E",  "e",  "E",    "e",    "E",    "e",
    /* U+0118 */ "E",  "e",   "E",  "e",  "G",    "g",    "G",    "g",
    /* U+0120 */ "G",  "g",   "G",  "g",  "H",    "h",    "H",    "h",
    /* U+0128 */ "I",  "i",   "I",  "i",  "I",    "i",    "I",    "i",
    /* U+0130 */ "I",  "i",   "IJ", "ij", "J",    "j",    "K",    "k",
    /* U+0138 */ "q",  "L",   "l",  "L",  "l",    "L",    "l",    "L",
    /* U+0140 */ "l",  "L",   "l",  "N",  "n",    "N",    "n",    "N",
    /* U+0148 */ "n",  "'n",  "N",  "n",  "O",    "o",    "O",    "o",
    /* U+0150 */ "O",  "o",   "OE", "oe", "R",    "r",    "R",    "r",
    /* U+0158 */ "R",  "r",   "S",  "s",  "S",    "s",    "S",    "s",
    /* U+0160 */ "S",  "s",   "T",  "t",  "T",    "t",    "T",    "t",
    /* U+0168 */ "U",  "u",   "U",  "u",  "U",    "u",    "U",    "u",
    /* U+0170 */ "U",  "u",   "U",  "u",  "W",    "w",    "Y",    "y",
    /* U+0178 */ "Y",  "Z",   "z",  "Z",  "z",    "Z",    "z",    "s",
    /* U+0180 */ "b",  "B",   "B",  "b",  "",     "",     "",     "C",
    /* U+0188 */ "c",  "D",   "D",  "D",  "d",    "",     "",     "",
    /* U+0190 */ "E",  "F",   "f",  "G",  "",     "hv",   "I",    "I",
    /* U+0198 */ "K",  "k",   "l",  "",   "",     "N",    "n",    "",
    /* U+01A0 */ "O",  "o",   "OI", "oi", "P",    "p",    "",     "",
    /* U+01A8 */ "",   "",    "",   "t",  "T",    "t",    "T",    "U",
    /* U+01B0 */ "u",  "",    "V",  "Y",  "y",    "Z",    "z",    "",
    /* U+01B8 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+01C0 */ "",   "",    "",   "",   "DZ",   "Dz",   "dz",   "LJ",
    /* U+01C8 */ "Lj", "lj",  "NJ", "Nj", "nj",   "A",    "a",    "I",
    /* U+01D0 */ "i",  "O",   "o",  "U",  "u",    "U",    "u",    "U",
    /* U+01D8 */ "u",  "U",   "u",  "U",  "u",    "",     "A",    "a",
    /* U+01E0 */ "A",  "a",   "AE", "ae", "G",    "g",    "G",    "g",
    /* U+01E8 */ "K",  "k",   "O",  "o",  "O",    "o",    "",     "",
    /* U+01F0 */ "j",  "DZ",  "Dz", "dz", "G",    "g",    "",     "",
    /* U+01F8 */ "N",  "n",   "A",  "a",  "AE",   "ae",   "O",    "o",
    /* U+0200 */ "A",  "a",   "A",  "a",  "E",    "e",    "E",    "e",
    /* U+0208 */ "I",  "i",   "I",  "i",  "O",    "o",    "O",    "o",
    /* U+0210 */ "R",  "r",   "R",  "r",  "U",    "u",    "U",    "u",
    /* U+0218 */ "S",  "s",   "T",  "t",  "",     "",     "H",    "h",
    /* U+0220 */ "",   "d",   "",   "",   "Z",    "z",    "A",    "a",
    /* U+0228 */ "E",  "e",   "O",  "o",  "O",    "o",    "O",    "o",
    /* U+0230 */ "O",  "o",   "Y",  "y",  "l",    "n",    "t",    "j",
    /* U+0238 */ "db", "qp",  "A",  "C",  "c",    "L",    "T",    "s",
    /* U+0240 */ "z",  "",    "",   "B",  "U",    "",     "E",    "e",
    /* U+0248 */ "J",  "j",   "",   "",   "R",    "r",    "Y",    "y",
    /* U+0300 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0308 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0310 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0318 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0320 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0328 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0330 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0338 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0340 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0348 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0350 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0358 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0360 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+0368 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+1E00 */ "A",  "a",   "B",  "b",  "B",    "b",    "B",    "b",
    /* U+1E08 */ "C",  "c",   "D",  "d",  "D",    "d",    "D",    "d",
    /* U+1E10 */ "D",  "d",   "D",  "d",  "E",    "e",    "E",    "e",
    /* U+1E18 */ "E",  "e",   "E",  "e",  "E",    "e",    "F",    "f",
    /* U+1E20 */ "G",  "g",   "H",  "h",  "H",    "h",    "H",    "h",
    /* U+1E28 */ "H",  "h",   "H",  "h",  "I",    "i",    "I",    "i",
    /* U+1E30 */ "K",  "k",   "K",  "k",  "K",    "k",    "L",    "l",
    /* U+1E38 */ "L",  "l",   "L",  "l",  "L",    "l",    "M",    "m",
    /* U+1E40 */ "M",  "m",   "M",  "m",  "N",    "n",    "N",    "n",
    /* U+1E48 */ "N",  "n",   "N",  "n",  "O",    "o",    "O",    "o",
    /* U+1E50 */ "O",  "o",   "O",  "o",  "P",    "p",    "P",    "p",
    /* U+1E58 */ "R",  "r",   "R",  "r",  "R",    "r",    "R",    "r",
    /* U+1E60 */ "S",  "s",   "S",  "s",  "S",    "s",    "S",    "s",
    /* U+1E68 */ "S",  "s",   "T",  "t",  "T",    "t",    "T",    "t",
    /* U+1E70 */ "T",  "t",   "U",  "u",  "U",    "u",    "U",    "u",
    /* U+1E78 */ "U",  "u",   "U",  "u",  "V",    "v",    "V",    "v",
    /* U+1E80 */ "W",  "w",   "W",  "w",  "W",    "w",    "W",    "w",
    /* U+1E88 */ "W",  "w",   "X",  "x",  "X",    "x",    "Y",    "y",
    /* U+1E90 */ "Z",  "z",   "Z",  "z",  "Z",    "z",    "h",    "t",
    /* U+1E98 */ "w",  "y",   "a",  "s",  "s",    "s",    "SS",   "",
    /* U+1EA0 */ "A",  "a",   "A",  "a",  "A",    "a",    "A",    "a",
    /* U+1EA8 */ "A",  "a",   "A",  "a",  "A",    "a",    "A",    "a",
    /* U+1EB0 */ "A",  "a",   "A",  "a",  "A",    "a",    "A",    "a",
    /* U+1EB8 */ "E",  "e",   "E",  "e",  "E",    "e",    "E",    "e",
    /* U+1EC0 */ "E",  "e",   "E",  "e",  "E",    "e",    "E",    "e",
    /* U+1EC8 */ "I",  "i",   "I",  "i",  "O",    "o",    "O",    "o",
    /* U+1ED0 */ "O",  "o",   "O",  "o",  "O",    "o",    "O",    "o",
    /* U+1ED8 */ "O",  "o",   "O",  "o",  "O",    "o",    "O",    "o",
    /* U+1EE0 */ "O",  "o",   "O",  "o",  "U",    "u",    "U",    "u",
    /* U+1EE8 */ "U",  "u",   "U",  "u",  "U",    "u",    "U",    "u",
    /* U+1EF0 */ "U",  "u",   "Y",  "y",  "Y",    "y",    "Y",    "y",
    /* U+1EF8 */ "Y",  "y",   "LL", "ll", "V",    "v",    "Y",    "y",
    /* U+2000 */ " ",  " ",   " ",  " ",  " ",    " ",    " ",    " ",
    /* U+2008 */ " ",  " ",   " ",  "",   "",     "",     "",     "",
    /* U+2010 */ "-",  "-",   "-",  "-",  "-",    "-",    "||",   "",
    /* U+2018 */ "'",  "'",   ",",  "'",  "\"",   "\"",   ",,",   "\"",
    /* U+2020 */ "",   "",    "",   "",   ".",    "..",   "...",  "",
    /* U+2028 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+2030 */ "",   "",    "'",  "\"", "",     "",     "",     "",
    /* U+2038 */ "",   "<",   ">",  "",   "!!",   "",     "",     "",
    /* U+2040 */ "",   "",    "",   "",   "/",    "[",    "]",    "??",
    /* U+2048 */ "?!", "!?",  "",   "",   "",     "",     "*",    "",
    /* U+2050 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+2058 */ "",   "",    "",   "",   "",     "",     "",     " ",
    /* U+2060 */ "",   "",    "",   "",   "",     "",     "",     "",
    /* U+2068 */ "",   "",    "",   "",   "",     "",     "",     "",
};

}  // namespace

std::optional<std::string_view> LatinAsciiTableEntry(char32_t cp) {
  size_t base = 0;
  for (const auto& [first, last] : kLatinAsciiBlocks) {
    if (cp >= first && cp < last) return kFolds[base + (cp - first)];
    base += last - first;
  }
  return std::nullopt;
}

std::optional<std::string_view> LatinAsciiFold(char32_t cp) {
  // Another ICU may answer otherwise: its folds then come from ICU itself, as they did before the
  // table, and the table's test says to rewrite it.
  static const bool same_icu = [] {
    UVersionInfo version;
    u_getVersion(version);
    return version[0] == kIcuMajorVersion;
  }();
  if (!same_icu) return std::nullopt;
  return LatinAsciiTableEntry(cp);
}

static_assert(std::size(kFolds) ==
              (0x0250 - 0x0080) + (0x0370 - 0x0300) + (0x1F00 - 0x1E00) + (0x2070 - 0x2000));

}  // namespace dossier::importer
