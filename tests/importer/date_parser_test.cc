#include "importer/date_parser.h"

#include "gtest/gtest.h"

namespace dossier::importer {
namespace {

TEST(DateParserTest, Formats) {
  EXPECT_EQ(ParseDate("16 October 2020"), "2020-10-16");
  EXPECT_EQ(ParseDate("1st August 2019"), "2019-08-01");
  EXPECT_EQ(ParseDate("October 16, 2020"), "2020-10-16");
  EXPECT_EQ(ParseDate("6 Dec. 2021"), "2021-12-06");
  EXPECT_EQ(ParseDate("16.10.2020"), "2020-10-16");
  EXPECT_EQ(ParseDate("2020-10-16"), "2020-10-16");
  EXPECT_EQ(ParseDate("May 24, 2022"), "2022-05-24");
}

TEST(DateParserTest, RejectsInvalidAndPartial) {
  EXPECT_FALSE(ParseDate("31 February 2020"));
  EXPECT_FALSE(ParseDate("October 2020"));
  EXPECT_FALSE(ParseDate("On 16 October 2020 we met"));
  EXPECT_FALSE(ParseDate(""));
}

TEST(DateParserTest, FindsDatesWithSpans) {
  std::string t = "Friends of X, May 24, 2022";
  auto d = FindDates(t, {0, t.size()});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].iso, "2022-05-24");
  EXPECT_EQ(t.substr(d[0].span.start, d[0].span.end - d[0].span.start), "May 24, 2022");
}

}  // namespace
}  // namespace dossier::importer
