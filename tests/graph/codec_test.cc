#include <algorithm>
#include <limits>
#include <string>
#include <vector>

#include "graph/key_codec.h"
#include "graph/name_index.h"
#include "graph/name_normalizer.h"
#include "graph/page_token.h"
#include "graph/record_codec.h"
#include "graph/utf8.h"
#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

TEST(KeyCodecTest, BigEndianKeysSortNumerically) {
  EXPECT_LT(NodeKey(1), NodeKey(2));
  EXPECT_LT(NodeKey(255), NodeKey(256));
  EXPECT_LT(AdjacencyKey(1, 9, 100), AdjacencyKey(2, 0, 0));
  EXPECT_LT(AdjacencyKey(1, 1, 0xffffffffffffull), AdjacencyKey(1, 2, 0));
  AdjacencyParts parts = DecodeAdjacencyKey(AdjacencyKey(0x0102030405060708ull, 77, 42));
  EXPECT_EQ(parts.anchor, 0x0102030405060708ull);
  EXPECT_EQ(parts.type, 77u);
  EXPECT_EQ(parts.other, 42u);
  EXPECT_TRUE(AdjacencyKey(5, 3, 9).starts_with(AdjacencyTypePrefix(5, 3)));
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff\xff", 3)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff", 1)), "");
  EXPECT_LT(NameIndexKey('F', "ab", 99),
            NameIndexKey('F', "ab c", 1));  // "ab" sorts before "ab c".
}

TEST(NameNormalizerTest, FoldsScriptsDiacriticsCaseAndPunctuation) {
  EXPECT_EQ(NormalizeName("Rasa Juknevičienė"), "rasa jukneviciene");
  EXPECT_EQ(NormalizeName("  Kassym-Jomart   TOKAYEV "), "kassym jomart tokayev");
  EXPECT_EQ(NormalizeName("Niklas Nienaß"), "niklas nienass");
  EXPECT_EQ(NormalizeName("Fionnuala Ní Aoláin"), "fionnuala ni aolain");
  EXPECT_EQ(NormalizeName("Токаев"), "tokaev");
  EXPECT_EQ(NormalizeName("O'Brien"), "obrien");
  EXPECT_EQ(NormalizeName("GREENS/ALE"), "greens ale");
  EXPECT_EQ(NormalizeName("?!"), "");
  EXPECT_EQ(NameTokens("Abai Abai Begimbetov"), (std::vector<std::string>{"abai", "begimbetov"}));
}

TEST(NameIndexTest, KeysCoverEachDistinctFullNameAndWordOnceInKeyOrder) {
  internal::NodeRecord record;
  record.set_name("Anna Lee");
  record.add_aliases("Lee, Anna");                    // Another full name, the same words.
  record.add_aliases("\u0410\u043d\u043d\u0430 Li");  // "Анна Li": transliterated.
  record.add_aliases("ANNA LEE");                     // The same full name again.
  record.add_aliases("Ann \U0001F600");               // Kept as it is: no Latin form.
  std::vector<std::string> expected = {NameIndexKey(kFullNameIndex, "ann \U0001F600", 7),
                                       NameIndexKey(kFullNameIndex, "anna lee", 7),
                                       NameIndexKey(kFullNameIndex, "anna li", 7),
                                       NameIndexKey(kFullNameIndex, "lee anna", 7),
                                       NameIndexKey(kTokenIndex, "ann", 7),
                                       NameIndexKey(kTokenIndex, "anna", 7),
                                       NameIndexKey(kTokenIndex, "lee", 7),
                                       NameIndexKey(kTokenIndex, "li", 7),
                                       NameIndexKey(kTokenIndex, "\U0001F600", 7)};
  EXPECT_EQ(NameIndexKeys(7, record), expected);
  std::vector<std::string> visited;
  ForEachNameIndexText(record, [&](char kind, std::string_view text) {
    visited.push_back(NameIndexKey(kind, text, 7));
  });
  EXPECT_EQ(visited, expected);
}

// A record with a name alone takes a shorter path: it must give what the general definition
// (each distinct full name, and each distinct word of its normal form) gives, in key order.
TEST(NameIndexTest, ANameAloneGivesTheKeysOfItsFullNameAndWords) {
  std::string long_name;
  for (int i = 0; i < 20; ++i) long_name += "w" + std::to_string(i % 18) + " ";
  for (const std::string& name :
       {std::string(""), std::string("?!"), std::string("Abai Abai Begimbetov"),
        std::string("\u0422\u043e\u043a\u0430\u0435\u0432 Kassym-Jomart"),
        std::string("Ann \U0001F600 ann"), std::string("O'Brien o'brien"), long_name}) {
    std::vector<std::string> expected;
    const std::string full = NormalizeName(name);
    if (!full.empty()) {
      expected.push_back(NameIndexKey(kFullNameIndex, full, 3));
      for (const std::string& token : NameTokens(full))
        expected.push_back(NameIndexKey(kTokenIndex, token, 3));
    }
    std::sort(expected.begin(), expected.end());
    internal::NodeRecord record;
    record.set_name(name);
    EXPECT_EQ(NameIndexKeys(3, record), expected) << name;
  }
}

TEST(Utf8Test, AcceptsWellFormedAndLocatesTheFirstBadByte) {
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("Juknevičienė Токаев 黄雪琴 \xF0\x9F\x98\x80"));
  size_t at = 0;
  EXPECT_FALSE(IsValidUtf8("ab\xffz", &at));
  EXPECT_EQ(at, 2u);
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf", &at));      // Overlong.
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80", &at));  // Surrogate.
  EXPECT_FALSE(IsValidUtf8("abc\xe2\x82", &at));   // Truncated.
  EXPECT_EQ(at, 3u);
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80", &at));  // Above U+10FFFF.
}

// The encoder reuses one message a thread: each evidence must encode as a fresh message would,
// whatever the one before it held (properties, a footnote, a long text).
TEST(RecordCodecTest, EncodedEvidenceMatchesAFreshMessageWhateverCameBefore) {
  std::vector<Evidence> sequence = {
      {.document = 7,
       .start = 10,
       .end = 90,
       .text = std::string(300, 't'),
       .footnote = 3,
       .rule = "signature",
       .properties = {{"act", std::string("detained")},
                      {"tags", StringList{"a", "b"}},
                      {"year", int64_t{2021}}}},
      {.document = 8, .start = 1, .end = 2, .text = "short", .rule = "copy"},
      {.document = 8, .text = "", .properties = {{"ok", true}}},
      {},
  };
  for (int round = 0; round < 2; ++round) {
    for (const Evidence& e : sequence) {
      const std::string encoded = EncodeEvidenceRecord(e);
      EXPECT_EQ(encoded, EvidenceToRecord(e).SerializeAsString()) << e.text << " " << e.rule;
      internal::EvidenceRecord decoded;
      ASSERT_TRUE(decoded.ParseFromString(encoded));
      EXPECT_EQ(EvidenceFromRecord(0, decoded), e);
    }
  }
}

// The evidence encoder writes the wire format itself: every kind of property value, defaults
// (zeros, empty strings, an empty list, false) that a oneof or a set sub-message still writes,
// negative and largest numbers, and long fields whose lengths take several bytes, must come out
// exactly as protobuf's own serializer writes them.
TEST(RecordCodecTest, EncodedEvidenceMatchesProtobufForEveryKindOfValue) {
  const double kNegativeZero = -0.0;
  std::vector<Evidence> cases = {
      {.document = ~uint64_t{0},
       .start = 127,
       .end = 128,
       .text = std::string(20000, 'q'),
       .footnote = -1,
       .rule = std::string(200, 'r'),
       .properties = {{"", std::string("unnamed")},
                      {"b", false},
                      {"d", 0.0},
                      {"e", std::string()},
                      {"f", kNegativeZero},
                      {"g", 3.25},
                      {"i", int64_t{0}},
                      {"j", int64_t{-5}},
                      {"k", std::numeric_limits<int64_t>::min()},
                      {"l", StringList{}},
                      {"m", StringList{"", std::string(300, 'x'), "z"}},
                      {"t", Timestamp{-1}},
                      {"u", Timestamp{1700000000000000}},
                      {"y", true}}},
      {.footnote = std::numeric_limits<int32_t>::min()},
      {.footnote = std::numeric_limits<int32_t>::max(), .properties = {{"only", int64_t{1}}}},
      {.document = 1, .text = "\xe2\x80\x9cquoted\xe2\x80\x9d"},
  };
  for (const Evidence& e : cases) {
    EXPECT_EQ(EncodeEvidenceRecord(e), EvidenceToRecord(e).SerializeAsString()) << e.text.size();
  }
}

// Long ASCII runs are checked a word at a time: a bad byte or a sequence is found at every
// offset within and across the words, and sequences that straddle a word boundary still pass.
TEST(Utf8Test, LocatesABadByteAtEveryOffsetOfALongAsciiRun) {
  for (size_t pos = 0; pos < 40; ++pos) {
    std::string text(40, 'a');
    text[pos] = '\xff';
    size_t at = 99;
    EXPECT_FALSE(IsValidUtf8(text, &at)) << pos;
    EXPECT_EQ(at, pos);

    std::string truncated(pos, 'b');
    truncated += "\xe2\x82";  // A three-byte sequence cut short by the end.
    EXPECT_FALSE(IsValidUtf8(truncated, &at)) << pos;
    EXPECT_EQ(at, pos);

    std::string straddling(pos, 'c');
    straddling += "\xe9\xbb\x84";  // 黄
    straddling += std::string(11, 'd');
    EXPECT_TRUE(IsValidUtf8(straddling)) << pos;
    straddling += "\xed\xa0\x80";  // A surrogate after the next words.
    EXPECT_FALSE(IsValidUtf8(straddling, &at)) << pos;
    EXPECT_EQ(at, pos + 3 + 11);
  }
  EXPECT_TRUE(IsValidUtf8(std::string(64, 'x')));
  EXPECT_TRUE(IsValidUtf8(""));
}

TEST(PageTokenTest, RoundTripsAndRejectsForeignOrBrokenTokens) {
  std::string token = EncodePageToken('N', 1234, "position");
  auto decoded = DecodePageToken(token, 'N', 1234);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, "position");
  EXPECT_TRUE(absl::IsInvalidArgument(DecodePageToken(token, 'N', 999).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(DecodePageToken(token, 'F', 1234).status()));
  EXPECT_TRUE(absl::IsInvalidArgument(DecodePageToken("!!", 'N', 1234).status()));
  EXPECT_EQ(*EffectivePageSize(0, 50, 100), 50);
  EXPECT_EQ(*EffectivePageSize(500, 50, 100), 100);
  EXPECT_TRUE(absl::IsInvalidArgument(EffectivePageSize(-1, 50, 100).status()));
  EXPECT_NE(RequestFingerprint().Add("ab").Add("c").value(),
            RequestFingerprint().Add("a").Add("bc").value());
}

// An edge read and written back (a merge, a mark) stores the same bytes, its neighbour type once,
// in the value's prefix; a record that an older write gave a second copy of it loses that copy.
TEST(RecordCodecTest, AnOutEdgeReadAndWrittenBackKeepsItsBytes) {
  internal::EdgeRecord record;
  record.set_document_derived(true);
  const std::string value = EncodeOutEdgeValue(7, record);
  auto decoded = DecodeOutEdgeValue(value);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(OutEdgeNeighborType(value), 7u);
  EXPECT_EQ(EncodeOutEdgeValue(OutEdgeNeighborType(value), *decoded), value);

  internal::EdgeRecord with_copy = record;
  with_copy.set_neighbor_type(7);
  auto old = DecodeOutEdgeValue(EncodeOutEdgeValue(7, with_copy));
  ASSERT_TRUE(old.ok());
  EXPECT_TRUE(old->document_derived());
  EXPECT_EQ(EncodeOutEdgeValue(7, *old), value);
}

}  // namespace
}  // namespace dossier::graph
