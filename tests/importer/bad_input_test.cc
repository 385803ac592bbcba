#include <string>

#include "gtest/gtest.h"
#include "importer/input_validation.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

using testing::TestGazetteer;

TEST(BadInputTest, EmptyIsInvalidArgument) {
  auto x = ExtractLetter("", "empty.txt", TestGazetteer(), {});
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(x.status().message().find("empty"), std::string::npos);
}

TEST(BadInputTest, NulByteIsBinary) {
  std::string bytes("Dear Sir,\0\x01\x02", 12);
  auto x = ExtractLetter(bytes, "bin.dat", TestGazetteer(), {});
  ASSERT_FALSE(x.ok());
  EXPECT_NE(x.status().message().find("offset 9"), std::string::npos) << x.status();
}

TEST(BadInputTest, InvalidUtf8NamesTheOffset) {
  std::string bytes = "Dear Sir,\nabc\xC3\x28 def";
  auto x = ExtractLetter(bytes, "bad.txt", TestGazetteer(), {});
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(x.status().message().find("byte offset 13"), std::string::npos) << x.status();
}

TEST(BadInputTest, TruncatedSequenceAtEnd) {
  EXPECT_FALSE(ValidateLetterBytes("abc\xE2\x82", 100).ok());
  EXPECT_TRUE(ValidateLetterBytes("€ \xEF\xBF\xBD ok", 100).ok());
}

TEST(BadInputTest, OverSizeLimit) {
  ExtractOptions opts;
  opts.max_bytes = 10;
  auto x = ExtractLetter("Dear Sir, this is long", "big.txt", TestGazetteer(), opts);
  ASSERT_FALSE(x.ok());
  EXPECT_EQ(x.status().code(), absl::StatusCode::kResourceExhausted);
}

TEST(BadInputTest, UnstructuredTextYieldsWarnings) {
  auto x = ExtractLetter("just some words without any structure", "x.txt", TestGazetteer(), {});
  ASSERT_TRUE(x.ok()) << x.status();
  EXPECT_FALSE(x->letter.date.has_value());
  EXPECT_FALSE(x->warnings.empty());
  bool no_sig = false;
  for (const auto& w : x->warnings) no_sig |= w.find("no signatories") != std::string::npos;
  EXPECT_TRUE(no_sig);
  EXPECT_EQ(x->letter.sha256.size(), 64u);
}

TEST(BadInputTest, OddInputsNeverCrash) {
  const char* inputs[] = {"\n\n\n",
                          "¹",
                          "[1]",
                          "Dear",
                          "Copy:",
                          "Yours sincerely,\n\n,,,\n",
                          "**",
                          "“",
                          "To:\n\n",
                          "1. \n2. |\n| Name |\n| |",
                          "¹²³⁴⁵⁶⁷⁸⁹⁰¹²³⁴⁵⁶",
                          "Dear Mr.",
                          "H.E.",
                          "by the by the by",
                          "namely namely",
                          "\r\n\r\n",
                          "MEPs , , and",
                          "31 February 2020",
                          "www."};
  for (const char* in : inputs) {
    auto x = ExtractLetter(in, "odd.txt", TestGazetteer(), {});
    EXPECT_TRUE(x.ok()) << in << ": " << x.status();
  }
}

}  // namespace
}  // namespace dossier::importer
