// A small hand-made graph shaped like the imported letters (people,
// organisations, letters; signed / addressed_to / mentions / member_of /
// persecuted_by edges with evidence), written through the UpsertNodes and
// UpsertEdges RPCs, plus a "hub" with many spokes for cap and deadline tests.
#ifndef DOSSIER_TESTS_SERVER_LETTER_GRAPH_H_
#define DOSSIER_TESTS_SERVER_LETTER_GRAPH_H_

#include <map>
#include <string>

#include "dossier/v1/graph_service.grpc.pb.h"
#include "grpcpp/grpcpp.h"

namespace dossier::testing {

struct LetterGraph {
  std::map<std::string, uint64_t> ids;  // By key, e.g. "helmut-scholz", "hub", "spoke-7".
  uint64_t id(const std::string& key) const { return ids.at(key); }
  int spokes = 0;
  uint64_t last_write_sequence = 0;
};

// Writes the graph; `spokes` spoke nodes hang off the "hub" Organisation.
// Returns a status and fills `graph`.
grpc::Status BuildLetterGraph(v1::GraphService::Stub& stub, const std::string& token, int spokes,
                              LetterGraph* graph);

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_SERVER_LETTER_GRAPH_H_
