// Turns parsed blocks and rule findings into entities and relations with evidence: signed,
// addressed-to, copied-to, persecuted-by, cited-in, mentioned-in, member-of, holds-office.
// Every evidence span contains the surface form of each endpoint the text names; endpoints
// the text only implies ("the authorities" -> the state addressed) are flagged implied.
#ifndef DOSSIER_IMPORTER_RELATION_BUILDER_H_
#define DOSSIER_IMPORTER_RELATION_BUILDER_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "importer/entity_registry.h"
#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/name_recognizer.h"
#include "importer/persecution_rules.h"
#include "importer/recipient_parser.h"
#include "importer/signature_parser.h"
#include "importer/zoner.h"

namespace dossier::importer {

class RelationBuilder {
 public:
  RelationBuilder(std::string_view text, const Gazetteer& g, EntityRegistry* reg,
                  LetterExtraction* x)
      : text_(text), g_(g), reg_(reg), x_(x) {}

  void AddSources(const ZonedLetter& z, const std::map<int, size_t>& footnote_index);
  // "Open letter from human rights activist NAME to ...": NAME signs.
  void AddTitleSender(Span phrase, const NameRecognizer& r, SignatureParse* sigs);
  // Returns the ids of the persons who sign.
  std::vector<std::string> AddSignatories(const SignatureParse& sigs);
  // Returns the ids of the persons addressed/copied.
  std::vector<std::string> AddRecipients(const std::vector<RecipientEntry>& entries,
                                         RelationType type);
  // The title line counts when deciding which state the letter is about.
  void SetTitle(Span title) { title_ = title; }
  void NoteSentence(const std::string& person_id, Span sentence);
  void AddPersecutions(const std::vector<PersecutionFinding>& findings,
                       const std::vector<SentenceInfo>& sentences);
  void AddMemberships(const std::vector<SentenceInfo>& sentences, const NameRecognizer& r);
  void AddCitations();
  void AddMentions(const ZonedLetter& z);

 private:
  Evidence MakeEvidence(Span span, const std::string& rule,
                        std::optional<int> footnote = std::nullopt) const;
  Endpoint PersonEnd(const std::string& id) const { return {EndpointKind::kPerson, id, false}; }
  Endpoint OrgEnd(const std::string& id, bool implied = false) const {
    return {EndpointKind::kOrganisation, id, implied};
  }
  Endpoint LetterEnd() const { return {EndpointKind::kLetter, "", false}; }
  void Add(RelationType type, Endpoint from, Endpoint to, Evidence ev,
           std::map<std::string, std::string> attrs);
  // Organisation named in an office title: keyword phrase, gazetteer body, or the state.
  std::string OrgInTitle(Span title_span);
  const CountryEntry* CountryIn(Span span, Span* where = nullptr) const;
  // The state the letter is about: the addressee's state, else the one the body names most.
  const CountryEntry* LetterState(const std::vector<SentenceInfo>& sentences);
  std::string StateOrg(const CountryEntry& c);
  Span EnclosingLine(Span span) const;

  std::string_view text_;
  const Gazetteer& g_;
  EntityRegistry* reg_;
  LetterExtraction* x_;
  std::vector<Span> addressee_titles_;
  std::optional<Span> title_;
  std::map<std::string, Span> first_sentence_;
  // Hashes of the (type, endpoints) of the statements added (Add is the only writer of the
  // letter's relations): a statement whose hash is new cannot repeat one, and only the others
  // are compared with every statement.
  absl::flat_hash_set<uint64_t> statement_hashes_;
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_RELATION_BUILDER_H_
