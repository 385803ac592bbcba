#include "importer/name_normalizer.h"

#include "gtest/gtest.h"
#include "importer/text_util.h"
#include "importer/url_extractor.h"
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

}  // namespace
}  // namespace dossier::importer
