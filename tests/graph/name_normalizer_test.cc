// NormalizeName transliterates a name whose non-ASCII text is Latin run by run; these tests check
// that it always agrees with transliterating the whole name, as it did before (the name index's
// keys on disk depend on it).
#include "graph/name_normalizer.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_format.h"
#include "graph/latin_lower_table.h"
#include "gtest/gtest.h"
#include "tests/common/generated_table.h"

namespace dossier::graph {
namespace {

std::string Utf8(char32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

// Every code point the run-wise path takes (the combining marks, U+0300 to U+036F, send a name
// down the whole-name path).
std::vector<char32_t> LatinBlockCodePoints() {
  std::vector<char32_t> cps;
  for (auto [first, last] :
       {std::pair<char32_t, char32_t>{0x80, 0x250}, {0x1E00, 0x1F00}, {0x2000, 0x2070}}) {
    for (char32_t cp = first; cp < last; ++cp) cps.push_back(cp);
  }
  return cps;
}

void ExpectAgrees(const std::string& name) {
  ASSERT_EQ(NormalizeName(name), NormalizeNameWholeForTest(name)) << name;
}

// The table is ICU's own answer for each code point. With DOSSIER_WRITE_LATIN_LOWER_TABLE set to
// graph/latin_lower_table.cc, the test writes the running ICU's answers into that file's table
// (for another ICU version; clang-format it and review the diff).
TEST(NameNormalizerTest, LatinLowerTableIsWhatIcuMakesOfEachCodePoint) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> icu(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
  ASSERT_TRUE(U_SUCCESS(status));
  std::string body;
  for (const auto& [first, last] : kLatinLowerBlocks) {
    for (char32_t cp = first; cp < last; ++cp) {
      icu::UnicodeString u(static_cast<UChar32>(cp));
      icu->transliterate(u);
      std::string expected;
      u.toUTF8String(expected);
      const std::optional<std::string_view> table = LatinLowerTableEntry(cp);
      ASSERT_TRUE(table.has_value()) << std::hex << static_cast<int>(cp);
      EXPECT_EQ(*table, expected) << "U+" << std::hex << static_cast<int>(cp);
      EXPECT_EQ(LatinLower(cp), table) << "the table answers for the ICU it was made with";
      if ((cp - first) % 8 == 0) body += absl::StrFormat("    /* U+%04X */", static_cast<int>(cp));
      body += " " + testing::CStringLiteral(expected) + ",";
      if ((cp - first) % 8 == 7 || cp + 1 == last) body += "\n";
    }
  }
  for (char32_t outside : {char32_t{0x7F}, char32_t{0x250}, char32_t{0x300}, char32_t{0x1F00},
                           char32_t{0x2070}, char32_t{0x4E00}}) {
    EXPECT_FALSE(LatinLowerTableEntry(outside).has_value())
        << std::hex << static_cast<int>(outside);
  }
  if (const char* rewrite = std::getenv("DOSSIER_WRITE_LATIN_LOWER_TABLE")) {
    EXPECT_TRUE(
        testing::RewriteGeneratedTable(rewrite, "constexpr std::string_view kLowered[] = {", body))
        << rewrite;
  }
}

TEST(NameNormalizerTest, EveryLatinCodePointAgreesAloneAndBesideAscii) {
  for (char32_t cp : LatinBlockCodePoints()) {
    const std::string c = Utf8(cp);
    for (const std::string& name :
         {c, "a" + c, c + "a", "A" + c + "B", "ab" + c + "cd", "AB" + c + "CD", " " + c + " ",
          "x" + c + c, "O'" + c + "x", "Mc" + c + "Y", c + "-" + c, "1" + c + "2", "Ae" + c,
          c + "g", c + "G", "\xc3\x86" + c + "g", "e" + c, "E" + c + "\xcc\x81"}) {
      ExpectAgrees(name);
    }
    if (HasFailure()) return;
  }
}

TEST(NameNormalizerTest, EveryLatinCodePointAgreesBesideEveryCombiningMark) {
  const std::vector<char32_t> cps = LatinBlockCodePoints();
  for (char32_t cp : cps) {
    for (char32_t mark = 0x300; mark < 0x370; ++mark) {
      ExpectAgrees("n" + Utf8(cp) + Utf8(mark) + "s");
      ExpectAgrees("N" + Utf8(mark) + Utf8(cp));
    }
    if (HasFailure()) return;
  }
}

// Every ordered pair, between ASCII letters of both cases: about 950,000 names, 3-4 s.
TEST(NameNormalizerTest, EveryPairOfLatinCodePointsAgrees) {
  const std::vector<char32_t> cps = LatinBlockCodePoints();
  for (char32_t a : cps) {
    for (char32_t b : cps) ExpectAgrees("x" + Utf8(a) + Utf8(b) + "Y");
    if (HasFailure()) return;
  }
}

TEST(NameNormalizerTest, RandomLatinNamesAgree) {
  const std::vector<char32_t> cps = LatinBlockCodePoints();
  const std::string ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 '-.,/";
  const std::vector<char32_t> marks = {0x300, 0x301, 0x308, 0x30C, 0x327, 0x328};
  std::mt19937_64 rng(20261127);
  for (int n = 0; n < 30000; ++n) {
    std::string name;
    const int length = 1 + static_cast<int>(rng() % 12);
    for (int i = 0; i < length; ++i) {
      if (rng() % 40 == 0) {
        name += Utf8(marks[rng() % marks.size()]);
      } else if (rng() % 3 == 0) {
        name += Utf8(cps[rng() % cps.size()]);
      } else {
        name += ascii[rng() % ascii.size()];
      }
    }
    ExpectAgrees(name);
    if (HasFailure()) return;
  }
}

TEST(NameNormalizerTest, OtherScriptsAndBrokenTextTakeTheWholeNamePath) {
  for (const std::string name : {"Токаев", "Kassym-Jomart Тоқаев", "黄雪琴", "Huang Xueqin 黄雪琴",
                                 "Ελένη Παπαδοπούλου", "Nguyễn Văn Đài", "Juknevičienė",
                                 "Jose\xcc\x81", "bad \xff byte", "cut \xc3", "Ł\xe2\x82"}) {
    ExpectAgrees(name);
  }
  EXPECT_EQ(NormalizeName("Nguyễn Văn Đài"), "nguyen van dai");
  EXPECT_EQ(NormalizeName("Mariam Müller-Łukasz"), "mariam muller lukasz");
}

}  // namespace
}  // namespace dossier::graph
