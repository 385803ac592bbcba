// Recognises person names and organisation names in a span of text by rule: capitalised word
// sequences filtered through the gazetteers (honorifics and titles kept apart from the name),
// organisation keyword phrases, gazetteer institutions and political groups, and quoted names
// introduced by an organisation cue ("the civic organisation “Relatives Against Torture”").
#ifndef DOSSIER_IMPORTER_NAME_RECOGNIZER_H_
#define DOSSIER_IMPORTER_NAME_RECOGNIZER_H_

#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/text_util.h"

namespace dossier::importer {

struct PersonCandidate {
  Span span;       // The name without honorifics or titles.
  Span full_span;  // Including the honorifics/titles that precede it.
  std::string name;
  std::vector<std::string> honorifics;
  std::string
      title_before;       // Leading title words that are not honorifics: "UN Special Rapporteur".
  bool official = false;  // An office or rank word stands next to the name.
  std::string rule;
};

struct OrgCandidate {
  Span span;
  std::string name;       // As written (trimmed).
  std::string canonical;  // Gazetteer canonical name, or the name.
  std::string type;
  std::vector<std::string> aliases;  // Acronym in parentheses, translation, gazetteer aliases.
  std::string rule;
};

class NameRecognizer {
 public:
  explicit NameRecognizer(const Gazetteer& gazetteer) : g_(gazetteer) {}

  std::vector<PersonCandidate> FindPersons(std::string_view text, Span span) const;
  // `signature_context` also admits short political-group aliases (ID, NI, RE).
  std::vector<OrgCandidate> FindOrganisations(std::string_view text, Span span,
                                              bool signature_context = false) const;
  // The person named by exactly this segment (honorifics allowed), if it is one.
  std::optional<PersonCandidate> PersonSegment(std::string_view text, Span segment) const;
  // True if the segment reads as an organisation name (keyword, gazetteer, or acronym form).
  bool LooksLikeOrganisation(std::string_view segment) const;
  std::string OrgTypeFor(std::string_view name) const;

 private:
  bool IsNameToken(const Token& t) const;
  bool IsBadNameToken(const Token& t) const;
  int HonorificLength(std::string_view text, const std::vector<Token>& tokens, size_t i,
                      std::string* honorific) const;
  bool IsOfficial(std::string_view text, Span span, Span full_span) const;
  void AddGazetteerOrgs(std::string_view text, Span span, bool signature_context,
                        std::vector<OrgCandidate>* out) const;
  void AddKeywordOrgs(std::string_view text, Span span, std::vector<OrgCandidate>* out) const;
  void AddQuotedOrgs(std::string_view text, Span span, std::vector<OrgCandidate>* out) const;

  const Gazetteer& g_;
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_NAME_RECOGNIZER_H_
