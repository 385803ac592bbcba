// Zoning, footnotes, sentences and URLs.
#include <map>
#include <string>

#include "gtest/gtest.h"
#include "importer/footnotes.h"
#include "importer/sentence_splitter.h"
#include "importer/url_extractor.h"
#include "importer/zoner.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

using testing::TestGazetteer;

TEST(ZonerTest, SeedLetterZones) {
  std::string t = testing::ReadFileOrDie(testing::LettersDir() + "/ep-kazakhstan-2020-10-16.txt");
  ZonedLetter z = ZoneLetter(t, TestGazetteer());
  auto kind_of = [&](std::string_view needle) {
    size_t p = t.find(needle);
    for (size_t i = 0; i < z.lines.size(); ++i) {
      if (z.lines[i].span.start <= p && p < z.lines[i].span.end) return z.kinds[i];
    }
    return ZoneKind::kBlank;
  };
  EXPECT_EQ(kind_of("Europa-Parlamentet Europäisches"), ZoneKind::kLetterhead);
  EXPECT_EQ(kind_of("Members of European Parliament"), ZoneKind::kSenderLine);
  EXPECT_EQ(kind_of("H.E. Kassym-Jomart"), ZoneKind::kRecipientBlock);
  EXPECT_EQ(kind_of("Brussels, 16"), ZoneKind::kPlaceDate);
  EXPECT_EQ(kind_of("Your Excellency"), ZoneKind::kSalutation);
  EXPECT_EQ(kind_of("We are appalled"), ZoneKind::kBody);
  EXPECT_EQ(kind_of("online space for discussion"), ZoneKind::kBody);
  EXPECT_EQ(kind_of("Yours sincerely"), ZoneKind::kClosing);
  EXPECT_EQ(kind_of("Helmut Scholz, GUE"), ZoneKind::kSignature);
  EXPECT_EQ(kind_of("Dietmar Köster, S&D"), ZoneKind::kSignature);
  EXPECT_EQ(kind_of("⁶ <https"), ZoneKind::kFootnote);
  EXPECT_EQ(kind_of("Annex list"), ZoneKind::kAnnex);
  EXPECT_EQ(kind_of("H.E. Mukhtar"), ZoneKind::kCopyList);
}

TEST(ZonerTest, PlaceDateLines) {
  EXPECT_TRUE(IsPlaceDateLine("Brussels, 16 October 2020"));
  EXPECT_TRUE(IsPlaceDateLine("1st August 2019"));
  EXPECT_FALSE(IsPlaceDateLine("On 16 October 2020 we met the minister"));
}

TEST(FootnotesTest, DefinitionsAndMarkers) {
  std::string d = "¹¹ https://x.org/a";
  auto def = ParseFootnoteDefinition(d, {0, d.size()});
  ASSERT_TRUE(def);
  EXPECT_EQ(def->number, 11);
  std::string b = "[2]See https://rsf.org";
  EXPECT_EQ(ParseFootnoteDefinition(b, {0, b.size()})->number, 2);
  std::string body =
      "a 'listening state'¹ - and **Dulat Agadil**,² and grant them full access to "
      "the criminal files.³";
  auto markers = FindFootnoteMarkers(body, {0, body.size()});
  ASSERT_EQ(markers.size(), 3u);
  auto anchor = [&](int i) {
    return body.substr(markers[i].anchor.start, markers[i].anchor.end - markers[i].anchor.start);
  };
  EXPECT_EQ(anchor(0), "listening state");
  EXPECT_EQ(anchor(1), "Dulat Agadil");
  EXPECT_EQ(anchor(2), "full access to the criminal files");
}

TEST(SentenceSplitterTest, AbbreviationsAndGluedSentences) {
  std::string t =
      "Dear Mr. Smith met H.E. Jones in the U.S. yesterday. Then he left. "
      "They detained Yang Zhengjun.Three months later, police came.";
  auto s = SplitSentences(t, {0, t.size()});
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(t.substr(s[3].start, s[3].end - s[3].start), "Three months later, police came.");
}

TEST(UrlTest, StripsBracketsAndPunctuation) {
  std::string t =
      "³ <https://twitter.com/a/status/1?s=20>\nsee https://x.org/p). And "
      "[Full](https://github.com/a/b%20c.pdf)";
  auto urls = FindUrls(t, {0, t.size()});
  ASSERT_EQ(urls.size(), 3u);
  EXPECT_EQ(urls[0].url, "https://twitter.com/a/status/1?s=20");
  EXPECT_EQ(urls[1].url, "https://x.org/p");
  EXPECT_EQ(urls[2].url, "https://github.com/a/b%20c.pdf");
  EXPECT_EQ(t.substr(urls[0].span.start, urls[0].span.end - urls[0].span.start), urls[0].url);
}

// A source written as a markdown link takes the link's text as its anchor, whatever spaces stand
// between "](" and the URL; "[text] (url)" is no link.
TEST(UrlTest, AMarkdownLinksTextIsItsSourcesAnchor) {
  const std::string text =
      "Dear Sir,\n\nSee [the report](https://a.example/r) and [the ruling]( \thttps://b.example/x)"
      " and [no link] (https://c.example/y).\n\nYours,\n\nAnn Lee\n";
  const LetterExtraction x = testing::ExtractOrDie(text);
  std::map<std::string, std::string> anchors;
  for (const Relation& r : x.relations) {
    if (r.type != RelationType::kCitedIn) continue;
    for (const Source& source : x.sources) {
      if (source.id != r.from.id) continue;
      auto it = r.attributes.find("anchor");
      anchors[source.url] = it == r.attributes.end() ? "" : it->second;
    }
  }
  EXPECT_EQ(anchors, (std::map<std::string, std::string>{{"https://a.example/r", "the report"},
                                                         {"https://b.example/x", "the ruling"},
                                                         {"https://c.example/y", ""}}));
}

TEST(UrlTest, FindsUrlsWithoutSchemeAndOnlyInsideTheSpan) {
  std::string t = "Read www.hrw.org/news today; no link here. Then http://a.example/x.";
  auto urls = FindUrls(t, {0, t.size()});
  ASSERT_EQ(urls.size(), 2u);
  EXPECT_EQ(urls[0].url, "www.hrw.org/news");
  EXPECT_EQ(urls[1].url, "http://a.example/x");
  // A span with neither "://" nor "www." holds no URL; one cut before "://" neither.
  const size_t no_link = t.find("no link");
  EXPECT_TRUE(FindUrls(t, {no_link, no_link + 12}).empty());
  const size_t then = t.find("Then");
  EXPECT_TRUE(FindUrls(t, {then, then + 9}).empty());
  // The part of a URL inside the span is found from the span's own start.
  const size_t http = t.find("http://");
  auto inside = FindUrls(t, {http, t.size()});
  ASSERT_EQ(inside.size(), 1u);
  EXPECT_EQ(inside[0].span.start, http);
}

}  // namespace
}  // namespace dossier::importer
