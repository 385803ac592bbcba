#include "importer/byte_set.h"

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::importer {
namespace {

TEST(ByteSetTest, FindsAsStringViewFindsEveryByteOfEveryCharacter) {
  // Sets as the rules write them, some with multi-byte characters, and texts mixing ASCII,
  // those characters' bytes, high bytes and NUL.
  const std::vector<std::string> sets = {".;\n", ",;:()\"“”", ".:;",
                                         "",     "\xff",      std::string(1, '\0')};
  const std::string alphabet = std::string("ab .;:,\n()\"\xe2\x80\x9c\x9d\xff") + '\0';
  std::mt19937 rng(5);
  for (const std::string& set : sets) {
    const ByteSet bytes(set);
    for (int round = 0; round < 2000; ++round) {
      std::string text(rng() % 24, ' ');
      for (char& c : text) c = alphabet[rng() % alphabet.size()];
      const std::string_view view(text);
      const size_t from = rng() % (text.size() + 2);
      ASSERT_EQ(bytes.FindFirstIn(view, from), view.find_first_of(set, from))
          << "set '" << set << "' text '" << text << "' from " << from;
      ASSERT_EQ(bytes.FindLastIn(view), view.find_last_of(set))
          << "set '" << set << "' text '" << text << "'";
    }
  }
}

TEST(ByteSetTest, HoldsExactlyItsBytes) {
  constexpr ByteSet kClauseEnds(".;\n");
  int members = 0;
  for (int b = 0; b < 256; ++b) members += kClauseEnds.contains(static_cast<char>(b));
  EXPECT_EQ(members, 3);
  EXPECT_TRUE(kClauseEnds.contains(';'));
  EXPECT_FALSE(kClauseEnds.contains(','));
  EXPECT_TRUE(ByteSet("\xff").contains('\xff'));
  EXPECT_FALSE(ByteSet("\xff").contains('\x7f'));
}

}  // namespace
}  // namespace dossier::importer
