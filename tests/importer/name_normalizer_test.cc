#include "importer/name_normalizer.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "gtest/gtest.h"
#include "importer/latin_ascii_table.h"
#include "importer/text_util.h"
#include "importer/url_extractor.h"
#include "tests/common/generated_table.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

using testing::TestGazetteer;

TEST(NameNormalizerTest, OrderCaseHonorificsHyphens) {
  const Gazetteer& g = TestGazetteer();
  std::string k = NormalizePersonKey("Kassym-Jomart Tokayev", g);
  EXPECT_EQ(NormalizePersonKey("TOKAYEV Kassym-Jomart", g), k);
  EXPECT_EQ(NormalizePersonKey("H.E. Kassym-Jomart Tokayev", g), k);
  EXPECT_EQ(NormalizePersonKey("Kassym Jomart TOKAEV", g), k);  // Spelling variant.
  EXPECT_EQ(NormalizePersonKey("Dr. Sarah Abel", g), NormalizePersonKey("Sarah ABEL", g));
  EXPECT_EQ(NormalizePersonKey("Professor Sir Richard Jolly", g),
            NormalizePersonKey("Richard Jolly", g));
  EXPECT_EQ(NormalizePersonKey("Helmut Scholz, MEP", g), NormalizePersonKey("Helmut Scholz", g));
}

TEST(NameNormalizerTest, DiacriticsAndCyrillic) {
  const Gazetteer& g = TestGazetteer();
  EXPECT_EQ(NormalizePersonKey("Dietmar Köster", g), NormalizePersonKey("Dietmar Koster", g));
  EXPECT_EQ(NormalizePersonKey("Rasa Juknevičienė", g), "jukneviciene rasa");
  // Cyrillic goes through "Any-Latin; Latin-ASCII": "Токаев" and "Tokayev" meet at "tokaev".
  std::string cyr = NormalizePersonKey("Токаев Касым-Жомарт", g);
  EXPECT_NE(cyr.find("tokaev"), std::string::npos) << cyr;
  for (char c : cyr) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
  EXPECT_EQ(NormalizePersonKey("Токаев", g), NormalizePersonKey("Tokayev", g));
}

TEST(NameNormalizerTest, PublicOverloadUsesDefaultData) {
  EXPECT_EQ(NormalizePersonKey("TOKAYEV Kassym-Jomart"),
            NormalizePersonKey("H.E. Kassym-Jomart Tokaev"));
}

// Keys are remembered per thread, but never across gazetteers: a second gazetteer whose name
// aliases differ keys the same name by its own tables, before and after the first one's turn.
TEST(NameNormalizerTest, RememberedKeysBelongToTheGazetteerThatMadeThem) {
  const Gazetteer& shipped = TestGazetteer();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / absl::StrFormat("gazetteer-%d", ::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::copy(Gazetteer::DefaultDataDir(), dir);
  {
    std::ofstream aliases(dir / "name_aliases.tsv", std::ios::app);
    aliases << "aigerim\tayagoz\n";
  }
  absl::StatusOr<Gazetteer> other = Gazetteer::Load(dir.string() + "/");
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(other.ok()) << other.status();
  EXPECT_NE(other->id(), shipped.id());
  const std::vector<std::string> own = {"aigerim", "tileuzhan"};
  const std::vector<std::string> aliased = {"ayagoz", "tileuzhan"};
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(PersonKeyTokens("Ms Aigerim Tileuzhan", shipped), own);
    EXPECT_EQ(PersonKeyTokens("Ms Aigerim Tileuzhan", *other), aliased);
  }
}

TEST(NameNormalizerTest, OrgAndUrlKeys) {
  EXPECT_EQ(NormalizeOrgKey("The European Work Hazards Network"), "european work hazards network");
  EXPECT_EQ(NormalizeOrgKey("S&D"), "s&d");
  EXPECT_EQ(NormalizeOrgKey("GUE/NGL"), "gue/ngl");
  EXPECT_EQ(NormalizeUrlKey("https://www.Instagram.com/p/CE66BvDAFxF/?utm_source=ig_web_copy_link"),
            "instagram.com/p/CE66BvDAFxF");
  EXPECT_EQ(NormalizeUrlKey("http://twitter.com/a/status/1?s=20#x"), "twitter.com/a/status/1?s=20");
}

}  // namespace
}  // namespace dossier::importer

namespace dossier::importer {
namespace {

// The ASCII fast path must fold exactly as the transliterator does.
TEST(FoldToAsciiTest, AsciiFastPathMatchesTransliteration) {
  EXPECT_EQ(FoldToAsciiLower("Kassym-Jomart TOKAYEV, H.E."), "kassym-jomart tokayev, h.e.");
  EXPECT_EQ(FoldToAscii("Kassym-Jomart TOKAYEV"), "Kassym-Jomart TOKAYEV");
  EXPECT_EQ(FoldToAsciiLower("Rasa Juknevičienė"), "rasa jukneviciene");
  EXPECT_EQ(FoldToAsciiLower("Токаев"), "tokaev");
  EXPECT_EQ(FoldToAsciiLower("Niklas NIENAß"), "niklas nienass");
}

std::string Utf8(char32_t cp) {
  std::string out;
  if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  }
  out += static_cast<char>(0x80 | (cp & 0x3F));
  return out;
}

// The table is ICU's own answer for each code point, so folding through it matches ICU. With
// DOSSIER_WRITE_LATIN_ASCII_TABLE set to importer/latin_ascii_table.cc, the test writes the running
// ICU's answers into that file's table (for another ICU version; clang-format it and review the
// diff).
TEST(FoldToAsciiTest, LatinAsciiTableIsWhatIcuMakesOfEachCodePoint) {
  std::string body;
  for (const auto& [first, last] : kLatinAsciiBlocks) {
    for (char32_t cp = first; cp < last; ++cp) {
      const std::string icu = FoldToAsciiWithIcuForTest(Utf8(cp), false);
      const std::optional<std::string_view> table = LatinAsciiTableEntry(cp);
      ASSERT_TRUE(table.has_value()) << std::hex << static_cast<int>(cp);
      EXPECT_EQ(*table, icu) << "U+" << std::hex << static_cast<int>(cp);
      EXPECT_EQ(LatinAsciiFold(cp), table) << "the table answers for the ICU it was made with";
      if ((cp - first) % 8 == 0) body += absl::StrFormat("    /* U+%04X */", static_cast<int>(cp));
      body += " " + dossier::testing::CStringLiteral(icu) + ",";
      if ((cp - first) % 8 == 7 || cp + 1 == last) body += "\n";
    }
  }
  for (char32_t outside : {char32_t{0x7F}, char32_t{0x250}, char32_t{0x2FF}, char32_t{0x370},
                           char32_t{0x2070}, char32_t{0x4E00}}) {
    EXPECT_FALSE(LatinAsciiTableEntry(outside).has_value())
        << std::hex << static_cast<int>(outside);
  }
  if (const char* rewrite = std::getenv("DOSSIER_WRITE_LATIN_ASCII_TABLE")) {
    EXPECT_TRUE(dossier::testing::RewriteGeneratedTable(
        rewrite, "constexpr std::string_view kFolds[] = {", body))
        << rewrite;
  }
}

// Latin letters and punctuation fold one code point at a time from a table: every code point
// of those blocks, alone and between lower- and upper-case neighbours, must fold exactly as ICU
// folds the whole string.
TEST(FoldToAsciiTest, PerCodePointTableMatchesTransliteration) {
  const std::pair<char32_t, char32_t> blocks[] = {
      {0x80, 0x250}, {0x300, 0x370}, {0x1E00, 0x1F00}, {0x2000, 0x2070}, {0x2070, 0x2100}};
  int checked = 0;
  for (const auto& [first, last] : blocks) {
    for (char32_t cp = first; cp < last; ++cp) {
      if (cp >= 0xD800 && cp < 0xE000) continue;
      const std::string c = Utf8(cp);
      for (const std::string& s : {c, "a" + c + "b", "A" + c + "B", "Ab" + c + "Cd", c + c,
                                   "e" + Utf8(0x301) + c, c + "\u2019s"}) {
        ASSERT_EQ(FoldToAsciiLower(s), FoldToAsciiWithIcuForTest(s, true))
            << "U+" << std::hex << static_cast<int>(cp);
        ASSERT_EQ(FoldToAscii(s), FoldToAsciiWithIcuForTest(s, false))
            << "U+" << std::hex << static_cast<int>(cp);
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 5000);
  // Mixed scripts still go through ICU as a whole.
  EXPECT_EQ(FoldToAsciiLower("Ælfred Токаев"), FoldToAsciiWithIcuForTest("Ælfred Токаев", true));
}

// The transliterator is shared by every thread (so that Han's rules are compiled once a
// process): threads folding other scripts at once must each get what one thread gets alone.
TEST(FoldToAsciiTest, ThreadsFoldingOtherScriptsAtOnceAgreeWithOneThread) {
  const std::vector<std::string> names = {"黄雪琴", "王建兵", "Токаев",        "Ελένη Παπαδοπούλου",
                                          "김대중", "محمد",   "Ælfred Токаев", "習近平"};
  std::vector<std::string> expected;
  for (const std::string& n : names) expected.push_back(FoldToAsciiWithIcuForTest(n, true));
  for (const std::string& e : expected) EXPECT_FALSE(e.empty());
  constexpr int kThreads = 8;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 20; ++round) {
        for (size_t i = 0; i < names.size(); ++i) {
          // Rotated per thread so that threads fold different scripts at the same moment.
          const std::string& n = names[(i + t) % names.size()];
          std::string name = n + std::string(round % 3, ' ');  // Defeats the per-thread memo.
          if (round == 0) got[t].push_back(FoldToAsciiLower(name));
          EXPECT_EQ(FoldToAsciiWithIcuForTest(name, true),
                    FoldToAsciiWithIcuForTest(n, true) + std::string(round % 3, ' '));
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got[t].size(), names.size());
    for (size_t i = 0; i < names.size(); ++i) {
      EXPECT_EQ(got[t][i], expected[(i + t) % names.size()]) << "thread " << t;
    }
  }
}

}  // namespace
}  // namespace dossier::importer
