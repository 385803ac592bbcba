// Every relation's evidence quotes its span exactly and contains the surface form of each
// endpoint the text names; endpoints it does not name are flagged implied.
#include "gtest/gtest.h"
#include "importer/text_util.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

bool QuoteNames(const std::string& quote, const std::vector<std::string>& names) {
  std::string q = FoldToAsciiLower(quote);
  for (const std::string& n : names) {
    std::string k = FoldToAsciiLower(n);
    if (!k.empty() && q.find(k) != std::string::npos) return true;
  }
  return false;
}

class EvidenceSpanTest : public ::testing::TestWithParam<std::string> {};

TEST_P(EvidenceSpanTest, SpansContainEndpointSurfaces) {
  std::string text;
  LetterExtraction x = testing::ExtractCorpusLetter(GetParam(), &text);
  ASSERT_FALSE(x.relations.empty());
  for (const Relation& r : x.relations) {
    const Evidence& ev = r.evidence;
    ASSERT_LE(ev.span.end, text.size());
    ASSERT_LT(ev.span.start, ev.span.end);
    EXPECT_EQ(ev.quote, text.substr(ev.span.start, ev.span.end - ev.span.start));
    EXPECT_FALSE(ev.rule.empty());
    for (const Endpoint* e : {&r.from, &r.to}) {
      if (e->implied || e->kind == EndpointKind::kLetter) continue;
      std::vector<std::string> names;
      if (e->kind == EndpointKind::kPerson) {
        const Person* p = x.FindPerson(e->id);
        ASSERT_NE(p, nullptr);
        names = p->aliases;
        for (const Mention& m : p->mentions) names.push_back(m.surface);
      } else if (e->kind == EndpointKind::kOrganisation) {
        const Organisation* o = x.FindOrganisation(e->id);
        ASSERT_NE(o, nullptr);
        names = o->aliases;
        names.push_back(o->canonical_name);
      } else {
        for (const Source& s : x.sources) {
          if (s.id == e->id) names.push_back(s.url);
        }
      }
      EXPECT_TRUE(QuoteNames(ev.quote, names))
          << RelationTypeName(r.type) << " " << e->id << " not in: " << ev.quote;
    }
  }
}

TEST_P(EvidenceSpanTest, MentionSpansMatchSurfaces) {
  std::string text;
  LetterExtraction x = testing::ExtractCorpusLetter(GetParam(), &text);
  for (const Person& p : x.persons) {
    EXPECT_FALSE(p.key.empty());
    for (const Mention& m : p.mentions) {
      ASSERT_LE(m.span.end, text.size());
      EXPECT_EQ(m.surface, text.substr(m.span.start, m.span.end - m.span.start));
    }
  }
  for (const Organisation& o : x.organisations) {
    for (const Mention& m : o.mentions) {
      EXPECT_EQ(m.surface, text.substr(m.span.start, m.span.end - m.span.start));
    }
  }
  for (const Source& s : x.sources) {
    EXPECT_EQ(s.url, text.substr(s.span.start, s.span.end - s.span.start));
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, EvidenceSpanTest, ::testing::ValuesIn(testing::CorpusLetters()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace dossier::importer
