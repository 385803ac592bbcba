// Unit tests of the rules added so the extractor generalises beyond the corpus: copy lists that
// end, sender letterheads above a top date, signatories before the body, recipient titles under
// the name, signature blocks over several lines, list items under a lead-in, appositive agents,
// places at the end of a signature line and the name-length sanity rule.
#include <map>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "importer/letter_metadata.h"
#include "importer/text_util.h"
#include "importer/zoner.h"
#include "tests/importer/importer_test_util.h"

namespace dossier::importer {
namespace {

using testing::ExtractOrDie;
using testing::TestGazetteer;

std::map<std::string, std::map<std::string, std::string>> Related(const LetterExtraction& x,
                                                                  RelationType type) {
  std::map<std::string, std::map<std::string, std::string>> out;
  for (const Relation& r : x.relations) {
    if (r.type != type) continue;
    const Endpoint& e =
        r.type == RelationType::kSigned || r.type == RelationType::kPersecutedBy ? r.from : r.to;
    std::string name = e.kind == EndpointKind::kPerson ? x.FindPerson(e.id)->canonical_name
                                                       : x.FindOrganisation(e.id)->canonical_name;
    out[name] = r.attributes;
  }
  return out;
}

ZoneKind KindOfLine(const ZonedLetter& z, std::string_view starts_with) {
  for (size_t i = 0; i < z.lines.size(); ++i) {
    if (z.lines[i].text.substr(0, starts_with.size()) == starts_with) return z.kinds[i];
  }
  ADD_FAILURE() << "no line " << starts_with;
  return ZoneKind::kBlank;
}

TEST(CopyListRuleTest, HeaderCcLineEndsBeforeTheSalutation) {
  std::string t =
      "To: Mr. Ilham Aliyev, President\ncc: Mr. Jeyhun Bayramov, Minister of Foreign Affairs\n\n"
      "Dear President Aliyev,\n\nWe write about the arrest of Emin Aslanov.\n\nSincerely,\n\n"
      "Jane Smith\n";
  ZonedLetter z = ZoneLetter(t, TestGazetteer());
  EXPECT_EQ(KindOfLine(z, "cc:"), ZoneKind::kCopyList);
  EXPECT_EQ(KindOfLine(z, "Dear"), ZoneKind::kSalutation);
  EXPECT_EQ(KindOfLine(z, "We write"), ZoneKind::kBody);
  EXPECT_EQ(KindOfLine(z, "Jane"), ZoneKind::kSignature);
}

TEST(CopyListRuleTest, MultiLineListEndsAtBlankLineAndDateAfterItIsTheLetters) {
  std::string t =
      "Dear Sir,\n\nText of the letter.\n\nYours sincerely,\n\nJane Smith\n\nCopy to:\n"
      "- Mr. Felipe Ortega, Chair of the Working Group\n- Inter-American Commission on Human "
      "Rights\n\nOctober 3, 2022\n";
  ZonedLetter z = ZoneLetter(t, TestGazetteer());
  EXPECT_EQ(KindOfLine(z, "- Mr."), ZoneKind::kCopyList);
  EXPECT_EQ(KindOfLine(z, "- Inter"), ZoneKind::kCopyList);
  EXPECT_EQ(KindOfLine(z, "October"), ZoneKind::kPlaceDate);
  LetterExtraction x = ExtractOrDie(t);
  EXPECT_EQ(x.letter.date, "2022-10-03");
  auto cc = Related(x, RelationType::kCopiedTo);
  EXPECT_EQ(cc.size(), 2u);
  EXPECT_TRUE(cc.count("Felipe Ortega"));
  EXPECT_TRUE(cc.count("Inter-American Commission on Human Rights"));
}

TEST(CopyListRuleTest, SemicolonSeparatesRecipientsOnOneLine) {
  std::string t =
      "Dear Sir,\n\nText.\n\nSincerely,\n\nJane Smith\n\ncc: Mr. Sameh Shoukry, Minister of "
      "Foreign Affairs; Ms. Nadia Kamel, Ambassador of Egypt to the United Kingdom\n";
  auto cc = Related(ExtractOrDie(t), RelationType::kCopiedTo);
  ASSERT_EQ(cc.size(), 2u);
  EXPECT_EQ(cc["Sameh Shoukry"]["title"], "Minister of Foreign Affairs");
  EXPECT_EQ(cc["Nadia Kamel"]["title"], "Ambassador of Egypt to the United Kingdom");
}

TEST(HeaderRuleTest, LinesAboveATopDateAreTheSendersLetterhead) {
  std::string t =
      "Human Rights Watch\n350 Fifth Avenue, New York\n\nOctober 16, 2020\n\n"
      "To: Mr. Ilham Aliyev, President of the Republic of Azerbaijan\n\nDear President,\n\n"
      "Text.\n\nSincerely,\n\nJane Smith\n";
  ZonedLetter z = ZoneLetter(t, TestGazetteer());
  EXPECT_EQ(KindOfLine(z, "Human"), ZoneKind::kSenderLine);
  EXPECT_EQ(KindOfLine(z, "350"), ZoneKind::kLetterhead);
  LetterExtraction x = ExtractOrDie(t);
  EXPECT_EQ(x.letter.date, "2020-10-16");
  EXPECT_EQ(x.letter.sender_organisation, "Human Rights Watch");
  auto to = Related(x, RelationType::kAddressedTo);
  ASSERT_EQ(to.size(), 1u);
  EXPECT_TRUE(to.count("Ilham Aliyev"));
}

TEST(HeaderRuleTest, SignatoriesHeadingBeforeTheBody) {
  std::string t =
      "2020-10-16\n\nSignatories:\nAnna Lindqvist, Chair, Swedish PEN\nMarco Bellini, Secretary "
      "General, Italian Federation of Journalists\n\nTo: Mr. Levent Aksoy, Minister of Justice\n\n"
      "Dear Minister,\n\nText.\n\nRespectfully,\nThe signatories\n";
  LetterExtraction x = ExtractOrDie(t);
  EXPECT_EQ(x.letter.date, "2020-10-16");
  auto s = Related(x, RelationType::kSigned);
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s["Anna Lindqvist"]["affiliation"], "Chair, Swedish PEN");
  EXPECT_TRUE(s.count("Marco Bellini"));
  EXPECT_EQ(Related(x, RelationType::kAddressedTo).size(), 1u);
}

TEST(RecipientRuleTest, TitleAndInstitutionUnderTheNameAddressLineSkipped) {
  std::string t =
      "To: Mr. Budi Santoso\nGovernor of Central Kalimantan\nJalan Milono No. 1, Palangka Raya\n\n"
      "Ms. Clara Villanueva\nSpecial Rapporteur on freedom of assembly\nOffice of the High "
      "Commissioner for Human Rights\n\nDear Governor,\n\nText.\n\nSincerely,\n\nJane Smith\n";
  auto to = Related(ExtractOrDie(t), RelationType::kAddressedTo);
  ASSERT_EQ(to.size(), 2u) << "no entry for the address line or the institution line";
  EXPECT_EQ(to["Budi Santoso"]["title"], "Governor of Central Kalimantan");
  EXPECT_EQ(to["Clara Villanueva"]["title"],
            "Special Rapporteur on freedom of assembly, Office of the High Commissioner for "
            "Human Rights");
}

TEST(SignatureRuleTest, TitleAndOrganisationLinesUnderAName) {
  std::string t =
      "Dear Minister,\n\nText.\n\nYours faithfully,\n\nSultana Mirza\nExecutive Director\n"
      "Advocates for Labour Rights Bangladesh\n";
  auto s = Related(ExtractOrDie(t), RelationType::kSigned);
  ASSERT_EQ(s.size(), 1u) << "the organisation line is not a second signatory";
  EXPECT_EQ(s["Sultana Mirza"]["affiliation"],
            "Executive Director, Advocates for Labour Rights Bangladesh");
}

TEST(SignatureRuleTest, RoleInParenthesesAndDateOffTheAffiliation) {
  std::string t =
      "Dear Minister,\n\nText.\n\nSincerely,\n\nRachel Denber (Deputy Director)\n"
      "Siti Rahmawati, Coordinator, Borneo Forest Alliance, Palangka Raya, 1st August 2019\n";
  LetterExtraction x = ExtractOrDie(t);
  auto s = Related(x, RelationType::kSigned);
  EXPECT_EQ(s["Rachel Denber"]["affiliation"], "Deputy Director");
  EXPECT_EQ(s["Siti Rahmawati"]["affiliation"].find("2019"), std::string::npos);
  EXPECT_EQ(x.letter.date, "2019-08-01");
  EXPECT_EQ(x.letter.place, "Palangka Raya");
}

TEST(SignatureRuleTest, NoPlaceFromANameOrOrganisationBeforeTheDate) {
  std::string t =
      "Dear Sir,\n\nText.\n\nSincerely,\n\nJane Doe, Amnesty Group Madrid, 1 May 2020\n";
  LetterExtraction x = ExtractOrDie(t);
  EXPECT_EQ(x.letter.date, "2020-05-01");
  EXPECT_FALSE(x.letter.place.has_value());
}

TEST(PersecutionRuleTest, BulletedItemsTakeTheActOfTheLeadIn) {
  std::string t =
      "Dear Minister,\n\nOn 21 September 2020, police arrested three union organisers, namely:\n"
      "- Shapla Begum\n- Mohammad Alamgir\n\nWe also met Rahim Uddin at the conference.\n\n"
      "Sincerely,\n\nJane Smith\n";
  auto v = Related(ExtractOrDie(t), RelationType::kPersecutedBy);
  EXPECT_EQ(v.size(), 2u);
  EXPECT_EQ(v["Shapla Begum"]["act"], "detained");
  EXPECT_TRUE(v.count("Mohammad Alamgir"));
  EXPECT_FALSE(v.count("Rahim Uddin"));
}

TEST(PersecutionRuleTest, PersonInAnAppositiveAfterByIsTheAgent) {
  std::string t =
      "Dear Minister,\n\nUnion president Nasima Khatun was charged with vandalism on the basis "
      "of a complaint by the factory's owner, Mr. Kamal Uddin.\n\nSincerely,\n\nJane Smith\n";
  auto v = Related(ExtractOrDie(t), RelationType::kPersecutedBy);
  EXPECT_TRUE(v.count("Nasima Khatun"));
  EXPECT_FALSE(v.count("Kamal Uddin"));
}

TEST(NameRuleTest, ArabicParticleSurnamesAndCompassWords) {
  std::string t =
      "To: H.E. Abdel Fattah al-Sisi, President of the Arab Republic of Egypt\n\nYour "
      "Excellency,\n\nWe write as scholars of the Middle East about the imprisonment of "
      "students.\n\nSincerely,\n\nJane Smith\n";
  LetterExtraction x = ExtractOrDie(t);
  auto to = Related(x, RelationType::kAddressedTo);
  EXPECT_TRUE(to.count("Abdel Fattah al-Sisi"));
  for (const Person& p : x.persons) EXPECT_NE(p.canonical_name, "Middle East");
}

TEST(NameRuleTest, SpanishOrganisationsSign) {
  std::string t =
      "Dear Sir,\n\nText.\n\nIn solidarity,\n\nComité de Familias de Estudiantes Presos\n"
      "Asociación Madres por la Libertad\n";
  auto s = Related(ExtractOrDie(t), RelationType::kSigned);
  EXPECT_EQ(s.size(), 2u);
}

TEST(NameRuleTest, PlausibleNameLength) {
  EXPECT_TRUE(PlausibleNameLength("Popular Front Party of Azerbaijan"));
  EXPECT_TRUE(PlausibleNameLength("St. Petersburg Union of Journalists"));
  EXPECT_TRUE(PlausibleNameLength("Dr. J. R. Smith"));
  EXPECT_FALSE(PlausibleNameLength("Committee remains in custody. Activist Gunel Hasanova"));
  EXPECT_FALSE(PlausibleNameLength(
      "We write to express concern about the arrest of journalist Afgan Mukhtarli who was"));
  EXPECT_FALSE(PlausibleNameLength("One\n\nTwo"));
}

TEST(NameRuleTest, NoParagraphLongOrganisations) {
  std::string t =
      "Dear President,\n\nWe write to express concern about the Union of the arrest of "
      "journalist Afgan Mukhtarli, who was sentenced to six years in prison in 2018. Lawyer Emin "
      "Aslanov was detained on 3 May 2020 and remains in custody.\n\nSincerely,\n\nJane Smith\n"
      "\ncc: We write to express concern about the Union of the arrest of journalists and of "
      "lawyers and of many other people in the country\n";
  LetterExtraction x = ExtractOrDie(t);
  for (const Organisation& o : x.organisations) {
    EXPECT_TRUE(PlausibleNameLength(o.canonical_name, 16)) << o.canonical_name;
  }
  EXPECT_TRUE(Related(x, RelationType::kCopiedTo).empty());
}

}  // namespace
}  // namespace dossier::importer
