#include "importer/name_recognizer.h"

#include "gtest/gtest.h"
#include "importer/recipient_parser.h"
#include "importer/signature_parser.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

using testing::TestGazetteer;

std::vector<std::string> Names(const std::string& t) {
  NameRecognizer r(TestGazetteer());
  std::vector<std::string> out;
  for (const auto& c : r.FindPersons(t, {0, t.size()})) out.push_back(c.name);
  return out;
}

TEST(NameRecognizerTest, TitledAndPlainNames) {
  EXPECT_EQ(Names("H.E. Kassym-Jomart Tokayev"), std::vector<std::string>{"Kassym-Jomart Tokayev"});
  EXPECT_EQ(Names("Dear Mr.Zheng Zeguang, the Ambassador"),
            std::vector<std::string>{"Zheng Zeguang"});
  EXPECT_EQ(Names("Dear High Commissioner, Ms. Bachelet:"), std::vector<std::string>{"Bachelet"});
  EXPECT_EQ(Names("the UN Special Rapporteur Fionnuala Ní Aoláin⁶, which"),
            std::vector<std::string>{"Fionnuala Ní Aoláin"});
  EXPECT_EQ(Names("**Dana Zhanay, Altynai Tuksikova** and **Daryn Khasenov**."),
            (std::vector<std::string>{"Dana Zhanay", "Altynai Tuksikova", "Daryn Khasenov"}));
  EXPECT_EQ(Names("editors —Wei Zhili and KeChengbing."),
            (std::vector<std::string>{"Wei Zhili", "Ke Chengbing"}));
}

TEST(NameRecognizerTest, NoPersonsInOrganisationsOrHeadings) {
  EXPECT_TRUE(Names("the Republican Psychiatric Hospital for treatment").empty());
  EXPECT_TRUE(Names("Annex list of individual cases").empty());
  EXPECT_TRUE(Names("Copy:").empty());
  EXPECT_TRUE(Names("the Telegram chat group").empty());
  EXPECT_TRUE(Names("AN OPEN LETTER FROM HUMAN RIGHTS ACTIVIST ELENA URLAEVA").empty());
}

TEST(NameRecognizerTest, OfficialsAreMarked) {
  NameRecognizer r(TestGazetteer());
  std::string t =
      "a special operation against Shavkat Mirziyoyev, the President of Uzbekistan, for";
  auto found = r.FindPersons(t, {0, t.size()});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].official);
}

TEST(NameRecognizerTest, Organisations) {
  NameRecognizer r(TestGazetteer());
  std::string t =
      "the Chair of the Security Council of Kazakhstan and the \"Koshe Party\"** (*Koshe "
      "Partiyasy* in Kazakh), a member of the civic organisation “Relatives Against Torture”.";
  std::vector<std::string> names;
  std::vector<std::string> aliases;
  for (const auto& o : r.FindOrganisations(t, {0, t.size()})) {
    names.push_back(o.name);
    for (const auto& a : o.aliases) aliases.push_back(a);
  }
  EXPECT_NE(std::find(names.begin(), names.end(), "Security Council of Kazakhstan"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Koshe Party"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "Relatives Against Torture"), names.end());
  EXPECT_NE(std::find(aliases.begin(), aliases.end(), "Koshe Partiyasy"), aliases.end());
}

TEST(SignatureParserTest, LinePatterns) {
  const Gazetteer& g = TestGazetteer();
  NameRecognizer r(g);
  std::string t =
      "Helmut Scholz, GUE/NGL\nJane Roe (EPP)\n12. Dr Emma Jones (she/her), Lecturer, University "
      "College London\nNO. | Name | Year | Country\n1 | Frida | 2021/2022 | China\n"
      "Scottish Hazards Centre\n苏格兰职业危害中心\n";
  std::vector<Span> lines;
  size_t s = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\n') {
      lines.push_back({s, i});
      s = i + 1;
    }
  }
  SignatureParse p = ParseSignatures(t, lines, false, r, g);
  ASSERT_EQ(p.signatories.size(), 5u);
  EXPECT_EQ(p.signatories[0].person->name, "Helmut Scholz");
  ASSERT_TRUE(p.signatories[0].group);
  EXPECT_EQ(p.signatories[0].group->canonical, "The Left");
  EXPECT_EQ(p.signatories[1].group->canonical, "EPP");
  EXPECT_EQ(p.signatories[2].person->name, "Emma Jones");
  EXPECT_EQ(p.signatories[3].person->name, "Frida");
  ASSERT_TRUE(p.signatories[4].org);
  EXPECT_EQ(p.signatories[4].org->aliases.back(), "苏格兰职业危害中心");
}

TEST(RecipientParserTest, SalutationAndCopyList) {
  const Gazetteer& g = TestGazetteer();
  NameRecognizer r(g);
  std::string sal = "Honorable Mr. Donald Trump, President of the United States!";
  auto a = ParseSalutation(sal, {0, sal.size()}, r);
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].person->name, "Donald Trump");
  EXPECT_EQ(a[0].title, "President of the United States");
  std::string orgs =
      "Dear Foreign, Commonwealth and Development Office (FCDO) and the X Leadership team,";
  auto o = ParseSalutation(orgs, {0, orgs.size()}, r);
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].org->name, "Foreign, Commonwealth and Development Office (FCDO)");
  std::string copy = "Copy:\nMEPs Ann Lee, Bob Ray and Cy Twombly";
  auto c = ParseCopyList(copy, {{0, 5}, {6, copy.size()}}, r, g);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[2].person->name, "Cy Twombly");
  EXPECT_EQ(c[2].title, "MEP");
}

}  // namespace
}  // namespace dossier::importer
