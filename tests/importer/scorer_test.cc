#include "importer/scorer.h"

#include <sstream>

#include "gtest/gtest.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

TEST(ScorerTest, PerfectAndImperfect) {
  LetterExtraction x =
      testing::ExtractCorpusLetter("friends-of-huang-wang-to-un-high-commissioner");
  nlohmann::json e = nlohmann::json::parse(testing::ReadFileOrDie(
      testing::LettersDir() + "/friends-of-huang-wang-to-un-high-commissioner.expected.json"));
  auto s = ScoreAgainstExpected(x, e);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->at("persons_persecuted").Recall(), 1.0);
  e["persons_persecuted"].push_back({{"name", "Nobody Here"}, {"by", "x"}, {"how", "y"}});
  e["date"] = "2022-05-25";
  s = ScoreAgainstExpected(x, e);
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(s->at("persons_persecuted").Recall(), 2.0 / 3.0);
  EXPECT_EQ(s->at("date").Recall(), 0.0);
  EXPECT_FALSE(ScoreAgainstExpected(x, std::string_view("{not json")).ok());
}

TEST(ScorerTest, CorpusTablePrints) {
  std::ostringstream out;
  EXPECT_EQ(ScoreCorpus(testing::LettersDir(), DOSSIER_IMPORTER_DATA_DIR, out, false), 0);
  EXPECT_NE(out.str().find("TOTAL"), std::string::npos);
  EXPECT_NE(out.str().find("ep-kazakhstan-2020-10-16"), std::string::npos);
}

}  // namespace
}  // namespace dossier::importer
