#include "importer/pattern_prefix.h"

#include <string>
#include <string_view>

#include "gtest/gtest.h"

namespace dossier::importer {
namespace {

// Every place a pattern truly begins must pass (else a name would be missed); places farther
// than eight bytes from the end where its first bytes differ must not.
TEST(PatternPrefixTest, PassesEveryTrueStartAndRulesOutMismatchesAwayFromTheEnd) {
  const std::string text =
      "the Committee to Protect Journalists and the Committee against Torture, "
      "\xc3\xa9tudes \xff\xfe bytes, CPJ";
  for (std::string_view pattern :
       {std::string_view("Committee to Protect Journalists"), std::string_view("Committee"),
        std::string_view("CPJ"), std::string_view("the"), std::string_view("\xc3\xa9tudes"),
        std::string_view("\xff\xfe"), std::string_view("Committee against Torture")}) {
    const PatternPrefix prefix(pattern);
    for (size_t p = 0; p < text.size(); ++p) {
      const bool starts = text.compare(p, pattern.size(), pattern) == 0;
      const std::string_view head = pattern.substr(0, 8);
      const bool head_differs = text.compare(p, head.size(), head) != 0;
      if (starts) {
        EXPECT_TRUE(prefix.MayStartAt(text, p)) << pattern << " at " << p;
      } else if (head_differs && text.size() - p >= 8) {
        EXPECT_FALSE(prefix.MayStartAt(text, p)) << pattern << " at " << p;
      }
    }
  }
}

TEST(PatternPrefixTest, NearTheEndAndForAnEmptyPatternItLeavesTheDecisionToTheCaller) {
  const PatternPrefix cpj("CPJ");
  EXPECT_TRUE(cpj.MayStartAt("xx CPJ", 3));
  EXPECT_TRUE(cpj.MayStartAt("xx ABC", 3));  // Within eight bytes of the end.
  EXPECT_FALSE(cpj.MayStartAt("xx ABC and more text", 3));
  EXPECT_TRUE(cpj.MayStartAt("xx CPJ and more text", 3));
  EXPECT_TRUE(cpj.MayStartAt("xx CPJ", 6));  // At the end, and past it.
  EXPECT_TRUE(cpj.MayStartAt("xx CPJ", 60));
  const PatternPrefix empty("");
  EXPECT_TRUE(empty.MayStartAt("anything at all here", 4));
  EXPECT_TRUE(PatternPrefix().MayStartAt("anything at all here", 0));
}

}  // namespace
}  // namespace dossier::importer
