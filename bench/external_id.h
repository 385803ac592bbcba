// The order of external ids that answers are compared in: ids that are
// canonical non-negative decimal integers ("0", "17", never "017") sort
// numerically and before all other ids; other ids sort bytewise. This is
// the "ordered by the neighbour's external id, numerically when the ids are
// integers" of Q7, and the canonical order of Q2/Q3 answers.
#ifndef DOSSIER_BENCH_EXTERNAL_ID_H_
#define DOSSIER_BENCH_EXTERNAL_ID_H_

#include <string>
#include <string_view>
#include <vector>

namespace dossier::bench {

bool IsCanonicalInteger(std::string_view id);
bool ExternalIdLess(std::string_view a, std::string_view b);
void SortExternalIds(std::vector<std::string>* ids);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_EXTERNAL_ID_H_
