#include "loader/csv_reader.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace dossier::csv {
namespace {

using Records = std::vector<std::vector<std::string>>;

absl::StatusOr<Records> ReadAll(CsvReader& reader, std::vector<int64_t>* lines = nullptr) {
  Records records;
  std::vector<std::string_view> fields;
  while (true) {
    absl::StatusOr<bool> more = reader.Next(&fields);
    if (!more.ok()) return more.status();
    if (!*more) return records;
    records.emplace_back(fields.begin(), fields.end());
    if (lines) lines->push_back(reader.line());
  }
}

absl::StatusOr<Records> Parse(std::string data, std::vector<int64_t>* lines = nullptr) {
  auto reader = CsvReader::FromString(std::move(data), "t.csv");
  return ReadAll(*reader, lines);
}

TEST(CsvReaderTest, PlainFields) {
  EXPECT_EQ(*Parse("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(CsvReaderTest, QuotedFieldsWithDelimitersQuotesAndNewlines) {
  std::vector<int64_t> lines;
  absl::StatusOr<Records> r =
      Parse("id,name\n1,\"Ministry, \"\"X\"\"\"\n2,\"two\nlines\"\n3,\"\"\n", &lines);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(*r,
            (Records{{"id", "name"}, {"1", "Ministry, \"X\""}, {"2", "two\nlines"}, {"3", ""}}));
  EXPECT_EQ(lines, (std::vector<int64_t>{1, 2, 3, 5}));
}

TEST(CsvReaderTest, CrlfAndMissingFinalNewline) {
  EXPECT_EQ(*Parse("a,b\r\n\"x\r\ny\",z\r\nlast,row"),
            (Records{{"a", "b"}, {"x\r\ny", "z"}, {"last", "row"}}));
}

TEST(CsvReaderTest, EmptyFieldsAndBlankLines) {
  EXPECT_EQ(*Parse("a,,c,\n\n\r\n,\n"), (Records{{"a", "", "c", ""}, {"", ""}}));
  EXPECT_EQ(*Parse("a,b,"), (Records{{"a", "b", ""}}));
  EXPECT_EQ(*Parse(""), Records{});
}

TEST(CsvReaderTest, SkipsUtf8ByteOrderMark) {
  EXPECT_EQ(*Parse("\xEF\xBB\xBFid,name\n1,Zoë\n"), (Records{{"id", "name"}, {"1", "Zoë"}}));
}

TEST(CsvReaderTest, UnterminatedQuoteReportsTheLineItStarted) {
  absl::StatusOr<Records> r = Parse("a,b\n1,2\n3,\"open\nstill open\n");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::StrContains(r.status().message(), "t.csv:3:")) << r.status();
  EXPECT_TRUE(absl::StrContains(r.status().message(), "not closed")) << r.status();
}

TEST(CsvReaderTest, BareQuoteIsAnErrorWithItsLine) {
  absl::StatusOr<Records> r = Parse("a,b\n1,2\n3,5'11\" tall\n");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::StrContains(r.status().message(), "t.csv:3:")) << r.status();

  CsvReaderOptions lenient;
  lenient.allow_bare_quotes = true;
  auto reader = CsvReader::FromString("3,5'11\" tall\n", "t.csv", lenient);
  EXPECT_EQ(*ReadAll(*reader), (Records{{"3", "5'11\" tall"}}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  absl::StatusOr<Records> r = Parse("a\n\"multi\nline\",ok\n\"x\"y,z\n");
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(absl::StrContains(r.status().message(), "t.csv:4:")) << r.status();
  EXPECT_TRUE(absl::StrContains(r.status().message(), "'y'")) << r.status();
}

TEST(CsvReaderTest, ErrorAtRecordNamesTheLine) {
  auto reader = CsvReader::FromString("a\n\"b\nc\"\nd\n", "f.csv");
  std::vector<std::string_view> fields;
  ASSERT_TRUE(*reader->Next(&fields));
  ASSERT_TRUE(*reader->Next(&fields));
  ASSERT_TRUE(*reader->Next(&fields));
  EXPECT_EQ(fields[0], "d");
  EXPECT_EQ(reader->ErrorAtRecord("bad").message(), "f.csv:4: bad");
}

// Records cut by block boundaries at every possible offset parse the same (the byte-order mark
// too).
TEST(CsvReaderTest, TinyBlocksFromFileMatchInMemoryParse) {
  const std::string data =
      "\xEF\xBB\xBFid,type,name\r\n1,Person,\"Anna \"\"Nyura\"\" Petrova\"\r\n22,Letter,\"A, "
      "B\nC\"\r\n"
      "333,Source,plain\r\n\r\n4444,Organisation,\"\"\r\n";
  const std::string path = ::testing::TempDir() + "/tiny_blocks.csv";
  std::ofstream(path, std::ios::binary) << data;
  Records expected = *Parse(data);
  ASSERT_EQ(expected.front().front(), "id");
  for (size_t block = 1; block <= 16; ++block) {
    CsvReaderOptions options;
    options.block_size = block;
    absl::StatusOr<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path, options);
    ASSERT_TRUE(reader.ok());
    absl::StatusOr<Records> got = ReadAll(**reader);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(*got, expected) << "block " << block;
  }
  std::remove(path.c_str());
}

TEST(CsvReaderTest, MissingFileIsNotFound) {
  EXPECT_EQ(CsvReader::Open("/nonexistent/x.csv").status().code(), absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace dossier::csv
