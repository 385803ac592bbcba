// Scores a LetterExtraction against an analyst's expected file (the corpus *.expected.json
// format): per-field precision and recall, names compared case-, diacritics-, honorific- and
// order-insensitively as the corpus README prescribes.
#ifndef DOSSIER_IMPORTER_SCORER_H_
#define DOSSIER_IMPORTER_SCORER_H_

#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "importer/extraction.h"

namespace dossier::importer {

struct FieldScore {
  int predicted = 0;          // Items the extraction produced.
  int predicted_matched = 0;  // ... that match an expected item.
  int expected = 0;
  int expected_matched = 0;
  bool precision_defined = true;  // False for recall-only fields (organisations_mentioned).
  double Precision() const { return predicted == 0 ? 1.0 : double(predicted_matched) / predicted; }
  double Recall() const { return expected == 0 ? 1.0 : double(expected_matched) / expected; }
  void Add(const FieldScore& o);
  std::vector<std::string> missed;    // Expected items not found.
  std::vector<std::string> spurious;  // Predicted items not expected.
};

// Fields: signatories, addressees, copied_to, persons_persecuted, cited_urls, date, place,
// organisations_mentioned.
using LetterScore = std::map<std::string, FieldScore>;

const std::vector<std::string>& ScoredFields();

absl::StatusOr<LetterScore> ScoreAgainstExpected(const LetterExtraction& extraction,
                                                 const nlohmann::json& expected);
absl::StatusOr<LetterScore> ScoreAgainstExpected(const LetterExtraction& extraction,
                                                 std::string_view expected_json);

// Prints one row per letter and field plus a micro-averaged total.
void PrintScoreTable(const std::vector<std::pair<std::string, LetterScore>>& letters,
                     std::ostream& out, bool verbose);

// Scores every NAME.txt with a NAME.expected.json in `corpus_dir`; returns a process exit code.
int ScoreCorpus(const std::string& corpus_dir, const std::string& data_dir, std::ostream& out,
                bool verbose);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_SCORER_H_
