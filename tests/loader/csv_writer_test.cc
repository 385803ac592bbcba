#include "loader/csv_writer.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "loader/csv_reader.h"

namespace dossier::csv {
namespace {

using Records = std::vector<std::vector<std::string>>;

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

class CsvWriterTest : public ::testing::Test {
 protected:
  // Writes the records and returns the file's bytes.
  std::string Write(const Records& records) {
    absl::StatusOr<std::unique_ptr<CsvWriter>> writer = CsvWriter::Open(path_);
    EXPECT_TRUE(writer.ok()) << writer.status();
    for (const auto& record : records) {
      for (const std::string& field : record) (*writer)->Field(field);
      (*writer)->EndRecord();
    }
    EXPECT_TRUE((*writer)->Close().ok());
    return Slurp(path_);
  }

  Records ReadBack() {
    absl::StatusOr<std::unique_ptr<CsvReader>> reader = CsvReader::Open(path_);
    EXPECT_TRUE(reader.ok()) << reader.status();
    Records records;
    std::vector<std::string_view> fields;
    while (true) {
      absl::StatusOr<bool> more = (*reader)->Next(&fields);
      EXPECT_TRUE(more.ok()) << more.status();
      if (!more.ok() || !*more) return records;
      records.emplace_back(fields.begin(), fields.end());
    }
  }

  void TearDown() override { std::remove(path_.c_str()); }

  const std::string path_ = ::testing::TempDir() + "/csv_writer_test.csv";
};

TEST_F(CsvWriterTest, QuotesOnlyWhatNeedsIt) {
  EXPECT_EQ(Write({{"1", "Person", "Leila I. Popov"},
                   {"2", "Source", "Front Line Defenders report, 1995"},
                   {"3", "Letter", "Open letter \"No. 5\"\non the case\r"}}),
            "1,Person,Leila I. Popov\n"
            "2,Source,\"Front Line Defenders report, 1995\"\n"
            "3,Letter,\"Open letter \"\"No. 5\"\"\non the case\r\"\n");
  EXPECT_EQ(CsvWriter::Quote("plain"), "plain");
  EXPECT_EQ(CsvWriter::Quote("a\"b"), "\"a\"\"b\"");
}

TEST_F(CsvWriterTest, WhatItWritesReadsBackFieldForField) {
  const Records records = {
      {"id", "type", "name"}, {"", "", ""}, {"x,y", "\"", "line\r\nbreak"}, {"last"}};
  Write(records);
  EXPECT_EQ(ReadBack(), records);
}

// A record of one empty field written bare would be a blank line, which readers skip (ours
// does by default): it is written as "".
TEST_F(CsvWriterTest, ARecordOfOneEmptyFieldIsNotABlankLine) {
  const Records records = {{"a"}, {""}, {"b"}};
  EXPECT_EQ(Write(records), "a\n\"\"\nb\n");
  EXPECT_EQ(ReadBack(), records);
}

// Readers drop a byte-order mark at the start of a file: a first field that begins with one is
// quoted, so that the mark stays part of the field.
TEST_F(CsvWriterTest, AFirstFieldBeginningWithAByteOrderMarkKeepsIt) {
  const Records records = {{"\xEF\xBB\xBFid", "\xEF\xBB\xBFtype"}, {"\xEF\xBB\xBFx", "y"}};
  EXPECT_EQ(Write(records), "\"\xEF\xBB\xBFid\",\xEF\xBB\xBFtype\n\xEF\xBB\xBFx,y\n");
  EXPECT_EQ(ReadBack(), records);
}

TEST_F(CsvWriterTest, IntegersAreWrittenInDecimal) {
  absl::StatusOr<std::unique_ptr<CsvWriter>> writer = CsvWriter::Open(path_);
  ASSERT_TRUE(writer.ok());
  (*writer)->Field(int64_t{-42});
  (*writer)->Field(int64_t{9007199254740993});
  (*writer)->EndRecord();
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(Slurp(path_), "-42,9007199254740993\n");
  EXPECT_EQ((*writer)->Close().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(CsvWriterTest, AFileThatCannotBeCreatedNamesItsPath) {
  absl::StatusOr<std::unique_ptr<CsvWriter>> writer = CsvWriter::Open("/nonexistent/dir/x.csv");
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(writer.status().message().find("/nonexistent/dir/x.csv"), std::string::npos);
}

}  // namespace
}  // namespace dossier::csv
