// Sentence- and list-level rules for "persecuted-by": who suffered which act (killed, died in
// custody, imprisoned, detained, charged, house arrest, lawsuit, harassed...) at whose hands.
// Officials named only as those who should act are not victims unless a passive clause makes
// them one ("X, the first President of Y, was abducted"); persons after "by" are persecutors.
#ifndef DOSSIER_IMPORTER_PERSECUTION_RULES_H_
#define DOSSIER_IMPORTER_PERSECUTION_RULES_H_

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "importer/extraction.h"
#include "importer/gazetteer.h"
#include "importer/name_recognizer.h"

namespace dossier::importer {

struct SentenceMention {
  std::string person_id;
  Span span;
};

struct SentenceInfo {
  Span span;
  int paragraph = 0;
  std::vector<SentenceMention> mentions;  // In text order.
  // The organisations NameRecognizer::FindOrganisations finds in `span` (no signature
  // context): found once when the sentence's names are registered, read again by later rules.
  std::vector<OrgCandidate> organisations;
  // For an item of a bulleted or numbered list, the index of the sentence that introduces the
  // list ("police arrested three organisers, namely:"), else -1.
  int list_lead = -1;
};

struct AgentPhrase {
  std::string text;  // As written, leading "the" dropped: "police of Guangzhou city".
  Span span;
  bool bare = false;       // "the authorities", "police": names no place or body.
  bool authority = false;  // Head noun is authorities/government/regime.
};

struct PersecutionFinding {
  std::string victim_id;
  std::string act;
  std::string status;
  std::string cue;  // As written.
  Span evidence;
  std::string rule;
  std::optional<AgentPhrase> agent;  // Absent: implied.
  std::vector<std::string> agent_person_ids;
};

struct ActCueHit {
  size_t start = 0;  // Absolute.
  size_t end = 0;
  const ActCue* cue = nullptr;
};

std::vector<ActCueHit> FindActCues(std::string_view text, Span span, const Gazetteer& g);

// `excluded`: signatories and recipients; `officials`: persons named with an office.
std::vector<PersecutionFinding> FindPersecutions(std::string_view text,
                                                 const std::vector<SentenceInfo>& sentences,
                                                 const std::set<std::string>& excluded,
                                                 const std::set<std::string>& officials,
                                                 const Gazetteer& g);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_PERSECUTION_RULES_H_
