// The tokenizer every extraction rule reads words through, and its per-letter memo.
#include "importer/text_util.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::importer {
namespace {

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens) out.emplace_back(t.text);
  return out;
}

bool SameTokens(const std::vector<Token>& a, const std::vector<Token>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const Token &x = a[i], &y = b[i];
    if (x.span.start != y.span.start || x.span.end != y.span.end || x.text != y.text ||
        x.gap_before != y.gap_before || x.upper_initial != y.upper_initial ||
        x.all_upper != y.all_upper || x.has_digit != y.has_digit || x.possessive != y.possessive ||
        x.period_after != y.period_after) {
      return false;
    }
  }
  return true;
}

TEST(TokenizeTest, WordsKeepByteOffsetsGapsAndShape) {
  const std::string text = "Dr. Zhanna-Mariya O’Brien’s KeChengbing (#MeToo) ARRESTED in 2020.";
  std::vector<Token> tokens = Tokenize(text, {0, text.size()});
  EXPECT_EQ(Texts(tokens),
            (std::vector<std::string>{"Dr", "Zhanna-Mariya", "O’Brien", "Ke", "Chengbing", "MeToo",
                                      "ARRESTED", "in", "2020"}));
  EXPECT_TRUE(tokens[0].period_after);
  EXPECT_EQ(tokens[1].gap_before, ". ");
  // Text and gap are views into the tokenised text, not copies; a possessive's view ends
  // where its span does, before the "’s".
  for (const Token& t : tokens) {
    EXPECT_EQ(t.text.data(), text.data() + t.span.start) << t.text;
    EXPECT_EQ(t.text.size(), t.span.end - t.span.start) << t.text;
    EXPECT_EQ(t.gap_before.data() + t.gap_before.size(), t.text.data()) << t.text;
  }
  EXPECT_EQ(text.substr(tokens[2].span.start, tokens[2].span.end - tokens[2].span.start),
            "O’Brien");
  EXPECT_TRUE(tokens[2].possessive);
  EXPECT_EQ(tokens[4].gap_before, "");  // The glued word's second half follows directly.
  EXPECT_TRUE(tokens[6].all_upper);
  EXPECT_TRUE(tokens[8].has_digit);
  EXPECT_TRUE(tokens[8].period_after);
  // A span narrows the words to those inside it.
  EXPECT_EQ(Texts(Tokenize(text, {tokens[6].span.start, text.size()})),
            (std::vector<std::string>{"ARRESTED", "in", "2020"}));
}

// Words of ASCII letters, digits and joiners take a one-pass path; a byte beyond ASCII right
// after a word sends the same word through the general rules. Both must make the same token.
TEST(TokenizeTest, AsciiWordsComeOutAsTheGeneralRulesMakeThem) {
  const std::vector<std::string> words = {
      "a",           "A",          "Ab",     "ABC",   "NGO's", "Nazarbayev's",
      "x's",         "ab's",       "AB's",   "12's",  "1990s", "12th",
      "O'Brien",     "co-founder", "UN-led", "well-", "it's",  "IT'S",
      "KeChengbing", "McDonald",   "iPhone", "DeVos", "MeToo", "Zhanna-Mariya",
      "x-1",         "A1B2",       "end"};
  for (const std::string& word : words) {
    for (const std::string& before : {std::string(""), std::string("#"), std::string("(")}) {
      const std::string fast = before + word + ". x";
      const std::string general = before + word + "\xc2\xa0x";  // U+00A0 right after the word.
      std::vector<Token> a = Tokenize(fast, {0, fast.size()});
      std::vector<Token> b = Tokenize(general, {0, general.size()});
      // The general text has no period after the word, and its last token differs.
      ASSERT_GE(a.size(), 2u) << fast;
      ASSERT_EQ(a.size(), b.size()) << fast;
      for (size_t i = 0; i + 1 < a.size(); ++i) {
        b[i].period_after = a[i].period_after && i + 2 == a.size();
        EXPECT_TRUE(SameTokens({a[i]}, {b[i]}))
            << "'" << fast << "' token " << i << ": '" << a[i].text << "' vs '" << b[i].text << "'";
      }
      // "well-." ends its word before the hyphen, so no period follows it directly.
      EXPECT_EQ(a[a.size() - 2].period_after, word.back() != '-') << fast;
    }
  }
}

TEST(TokenizeTest, AMemoAnswersTheLettersSpansAsTokenizingWould) {
  const std::string letter = "Anna Weber was detained. Marie Dupont signed, with Anna Weber.";
  const std::vector<Span> spans = {{0, 24}, {25, letter.size()}, {0, letter.size()}, {5, 40}};
  std::vector<std::vector<Token>> plain;
  for (const Span& s : spans) plain.push_back(Tokenize(letter, s));
  TokenizeMemo memo(letter);
  for (int round = 0; round < 2; ++round) {  // Tokenised, then from memory.
    for (size_t i = 0; i < spans.size(); ++i) {
      EXPECT_TRUE(SameTokens(Tokenize(letter, spans[i]), plain[i])) << round << " " << i;
    }
  }
  // Other bytes at the same offsets are other words: a copy of the letter, changed, is not served
  // from the letter's memo.
  std::string changed = letter;
  changed.replace(0, 4, "Olga");
  EXPECT_EQ(Texts(Tokenize(changed, spans[0])),
            (std::vector<std::string>{"Olga", "Weber", "was", "detained"}));
  const std::string_view prefix(letter.data(), 24);  // Same address, not the letter's size.
  EXPECT_EQ(Tokenize(prefix, {0, 100}).size(), 4u);
}

TEST(TokenizeTest, TheMemoEndsWithItsScope) {
  std::string letter = "Anna Weber";
  {
    TokenizeMemo memo(letter);
    EXPECT_EQ(Texts(Tokenize(letter, {0, letter.size()})),
              (std::vector<std::string>{"Anna", "Weber"}));
  }
  letter.replace(0, 4, "Olga");  // Same buffer, new bytes: no memo remembers the old ones.
  EXPECT_EQ(Texts(Tokenize(letter, {0, letter.size()})),
            (std::vector<std::string>{"Olga", "Weber"}));
}

// Names and lines are compared after this: every kind of white space, ASCII or not, becomes one
// space between words and none at the ends; everything else, invalid bytes included, is kept.
TEST(CollapseSpacesTest, EveryRunOfWhiteSpaceBecomesOneSpaceAndTheEndsNone) {
  EXPECT_EQ(CollapseSpaces("Ms  Aigerim\tTileuzhan"), "Ms Aigerim Tileuzhan");
  EXPECT_EQ(CollapseSpaces(" \n\r\v\f leading and trailing \t\n"), "leading and trailing");
  // U+00A0 no-break space, U+2003 em space and U+FEFF between words; U+00E9 and U+4E2D kept.
  EXPECT_EQ(CollapseSpaces("Ren\xc3\xa9\xc2\xa0 Dupont\xe2\x80\x83\xe4\xb8\xad\xef\xbb\xbf"
                           "x"),
            "Ren\xc3\xa9 Dupont \xe4\xb8\xad x");
  EXPECT_EQ(CollapseSpaces("a\xff  b\xc3"), "a\xff b\xc3");  // Invalid bytes pass through.
  EXPECT_EQ(CollapseSpaces(""), "");
  EXPECT_EQ(CollapseSpaces(" \t "), "");
  EXPECT_EQ(CollapseSpaces("one"), "one");
}

// Footnote markers are found by skipping every ASCII byte but '[' unread, which holds only while
// no ASCII character is a superscript digit.
TEST(SuperscriptDigitTest, TheTenDigitsAreReadAndNoAsciiCharacterIsOne) {
  const char32_t digits[] = {U'⁰', U'¹', U'²', U'³', U'⁴', U'⁵', U'⁶', U'⁷', U'⁸', U'⁹'};
  for (int d = 0; d < 10; ++d) EXPECT_EQ(SuperscriptDigit(digits[d]), d);
  for (char32_t c = 0; c < 0x80; ++c) EXPECT_EQ(SuperscriptDigit(c), -1) << static_cast<int>(c);
}

}  // namespace
}  // namespace dossier::importer
