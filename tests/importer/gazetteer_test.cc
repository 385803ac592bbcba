#include "importer/gazetteer.h"

#include <set>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "importer/name_recognizer.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

using testing::TestGazetteer;

// The first-byte index holds every non-empty name of every institution and group exactly once,
// in its first byte's bucket, numbered institutions first, then groups, canonical name first.
TEST(GazetteerTest, OrgNameIndexHoldsEveryNameOnceInScanOrder) {
  const Gazetteer& g = TestGazetteer();
  std::vector<std::string> expected;  // In scan order.
  for (const auto* list : {&g.institutions(), &g.political_groups()}) {
    for (const OrgEntry& e : *list) {
      expected.push_back(e.canonical);
      for (const std::string& a : e.aliases) expected.push_back(a);
    }
  }
  std::vector<std::string> by_order(expected.size());
  size_t indexed = 0;
  for (int byte = 0; byte < 256; ++byte) {
    uint32_t previous = 0;
    bool first = true;
    for (const Gazetteer::OrgName& n : g.OrgNamesStartingWith(static_cast<unsigned char>(byte))) {
      const std::string& text = g.TextOf(n);
      ASSERT_FALSE(text.empty());
      EXPECT_EQ(static_cast<unsigned char>(text[0]), byte) << text;
      EXPECT_TRUE(first || n.order > previous) << "bucket out of order at " << text;
      ASSERT_LT(n.order, by_order.size());
      EXPECT_TRUE(by_order[n.order].empty()) << "order " << n.order << " twice";
      by_order[n.order] = text;
      EXPECT_EQ(&g.EntryOf(n),
                &(n.political_group ? g.political_groups() : g.institutions())[n.entry]);
      previous = n.order;
      first = false;
      ++indexed;
    }
  }
  for (size_t i = 0; i < expected.size(); ++i) {
    if (!expected[i].empty()) {
      EXPECT_EQ(by_order[i], expected[i]) << "order " << i;
    }
  }
  EXPECT_GT(indexed, 100u);
}

TEST(GazetteerTest, HonorificPrefixesAreExact) {
  const Gazetteer& g = TestGazetteer();
  for (const std::string& h : g.honorifics()) {
    EXPECT_TRUE(g.StartsSomeHonorific(h)) << h;
    EXPECT_TRUE(g.StartsSomeHonorific(h.substr(0, 1))) << h;
  }
  EXPECT_TRUE(g.StartsSomeHonorific("H."));
  EXPECT_TRUE(g.StartsSomeHonorific("His Exc"));
  EXPECT_FALSE(g.StartsSomeHonorific("dr"));  // Case counts, as in IsHonorific.
  EXPECT_FALSE(g.StartsSomeHonorific("Tokayev"));
  EXPECT_FALSE(g.StartsSomeHonorific(""));
}

// Every non-empty cue once, in its first byte's bucket, in acts() order (longest first).
TEST(GazetteerTest, ActCueIndexFollowsTheCuesOrder) {
  const Gazetteer& g = TestGazetteer();
  std::set<uint32_t> seen;
  for (int byte = 0; byte < 256; ++byte) {
    const std::vector<uint32_t>& bucket = g.ActCuesStartingWith(static_cast<unsigned char>(byte));
    for (size_t i = 0; i < bucket.size(); ++i) {
      ASSERT_LT(bucket[i], g.acts().size());
      EXPECT_EQ(static_cast<unsigned char>(g.acts()[bucket[i]].cue[0]), byte);
      if (i > 0) {
        EXPECT_LT(bucket[i - 1], bucket[i]);
      }
      EXPECT_TRUE(seen.insert(bucket[i]).second);
    }
  }
  for (uint32_t i : g.EmptyActCues()) EXPECT_TRUE(seen.insert(i).second);
  EXPECT_EQ(seen.size(), g.acts().size());
}

// Every office word that begins with a capital is in its first byte's bucket once, and no other.
TEST(GazetteerTest, CapitalisedOfficeIndexHoldsExactlyTheCapitalisedOffices) {
  const Gazetteer& g = TestGazetteer();
  std::multiset<std::string> indexed, expected;
  for (int byte = 0; byte < 256; ++byte) {
    for (const Gazetteer::CapitalisedOffice& office :
         g.CapitalisedOfficesStartingWith(static_cast<unsigned char>(byte))) {
      ASSERT_LT(office.index, g.office_words().size());
      const std::string& w = g.office_words()[office.index];
      EXPECT_EQ(static_cast<unsigned char>(w[0]), byte) << w;
      EXPECT_TRUE(office.prefix.MayStartAt(w + " and some words after it", 0)) << w;
      indexed.insert(w);
    }
  }
  for (const std::string& w : g.office_words()) {
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') expected.insert(w);
  }
  EXPECT_EQ(indexed, expected);
  EXPECT_GT(expected.size(), 5u);
}

// The one-pass search finds every whole-word occurrence of every name, overlapping ones too.
TEST(GazetteerTest, GazetteerOrganisationsAreFoundAtEveryWholeWordOccurrence) {
  NameRecognizer r(TestGazetteer());
  const std::string t = "The UN and UNESCO; the United Nations (UN-led), U.N. and the UN.";
  std::vector<std::pair<std::string, size_t>> found;
  for (const OrgCandidate& c : r.FindOrganisations(t, {0, t.size()})) {
    if (c.canonical == "United Nations") found.push_back({c.name, c.span.start});
  }
  // "UN" inside "UNESCO" is not one; inside "UN-led" it is. "United Nations" is found inside
  // "the United Nations" too, and dropped as the longer name's part.
  EXPECT_EQ(found,
            (std::vector<std::pair<std::string, size_t>>{
                {"UN", 4}, {"the United Nations", 19}, {"UN", 39}, {"U.N.", 48}, {"UN", 61}}));
}

}  // namespace
}  // namespace dossier::importer
