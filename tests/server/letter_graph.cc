#include "tests/server/letter_graph.h"

#include <tuple>
#include <vector>

#include "tests/server/server_process.h"

namespace dossier::testing {
namespace {

struct NodeDef {
  const char* type;
  const char* key;
  const char* name;
  std::vector<std::string> aliases;
};

const std::vector<NodeDef>& Nodes() {
  static const auto* nodes = new std::vector<NodeDef>{
      {"Person", "helmut-scholz", "Helmut Scholz", {}},
      {"Person", "dulat-agadil", "Dulat Agadil", {"Agadil Dulat"}},
      {"Person", "kassym-jomart-tokayev", "Kassym-Jomart Tokayev", {"Tokayev"}},
      {"Person", "abish-kekilbayev", "Abish Kekilbayev", {}},
      {"Person", "aigul-bekova-almaty", "Aigul Bekova", {}},
      {"Person", "aigul-bekova-astana", "Aigul Bekova", {}},
      {"Person", "marat-abishev", "Marat Abishev", {}},
      {"Organisation", "koshe-party", "Koshe Party", {"Street Party"}},
      {"Organisation", "knb", "National Security Committee", {"KNB"}},
      {"Organisation", "bundestag", "Bundestag", {}},
      {"Letter", "letter-2022-01", "Letter of 12 January 2022", {}},
      {"Letter", "letter-2023-05", "Letter of 3 May 2023", {}},
  };
  return *nodes;
}

struct EdgeDef {
  const char* src;
  const char* type;
  const char* dst;
  const char* letter;  // Evidence document, or nullptr.
  const char* text;
};

const std::vector<EdgeDef>& Edges() {
  static const auto* edges = new std::vector<EdgeDef>{
      {"helmut-scholz", "signed", "letter-2022-01", "letter-2022-01", "Helmut Scholz, MdB"},
      {"helmut-scholz", "member_of", "bundestag", "letter-2022-01",
       "Member of the German Bundestag"},
      {"letter-2022-01", "addressed_to", "kassym-jomart-tokayev", "letter-2022-01",
       "To the President of Kazakhstan, Kassym-Jomart Tokayev"},
      {"letter-2022-01", "mentions", "dulat-agadil", "letter-2022-01", "the death of Dulat Agadil"},
      {"dulat-agadil", "persecuted_by", "knb", "letter-2022-01", "detained by the KNB"},
      {"dulat-agadil", "member_of", "koshe-party", "letter-2023-05",
       "an activist of the Koshe Party"},
      {"abish-kekilbayev", "member_of", "koshe-party", "letter-2023-05",
       "Abish Kekilbayev of the Koshe Party"},
      {"abish-kekilbayev", "signed", "letter-2023-05", "letter-2023-05",
       "signed: Abish Kekilbayev"},
      {"letter-2023-05", "addressed_to", "kassym-jomart-tokayev", "letter-2023-05",
       "Dear President Tokayev"},
      {"aigul-bekova-almaty", "member_of", "koshe-party", nullptr, nullptr},
      {"marat-abishev", "persecuted_by", "knb", "letter-2023-05",
       "Marat Abishev was summoned by the KNB"},
  };
  return *edges;
}

}  // namespace

grpc::Status BuildLetterGraph(v1::GraphService::Stub& stub, const std::string& token, int spokes,
                              LetterGraph* graph) {
  graph->spokes = spokes;
  v1::UpsertNodesRequest nodes;
  for (const NodeDef& def : Nodes()) {
    v1::Node* n = nodes.add_nodes();
    n->set_type(def.type);
    n->set_key(def.key);
    n->set_name(def.name);
    for (const std::string& a : def.aliases) n->add_aliases(a);
    if (std::string(def.type) == "Letter") {
      (*n->mutable_properties())["pages"].set_int_value(2);
      (*n->mutable_properties())["language"].set_string_value("en");
    }
    if (std::string(def.key) == "dulat-agadil") {
      (*n->mutable_properties())["born"].set_int_value(1965);
      (*n->mutable_properties())["deceased"].set_bool_value(true);
    }
  }
  v1::Node* hub = nodes.add_nodes();
  hub->set_type("Organisation");
  hub->set_key("hub");
  hub->set_name("Hub Network");
  v1::UpsertNodesResponse stored;
  grpc::Status s = stub.UpsertNodes(Context(token).get(), nodes, &stored);
  if (!s.ok()) return s;
  for (const v1::Node& n : stored.nodes()) graph->ids[n.key()] = n.id();

  // Spokes in batches of 500 nodes (the server's batch cap is 1000).
  for (int start = 0; start < spokes; start += 500) {
    v1::UpsertNodesRequest batch;
    for (int i = start; i < spokes && i < start + 500; ++i) {
      v1::Node* n = batch.add_nodes();
      n->set_type("Person");
      n->set_key("spoke-" + std::to_string(i));
      n->set_name("Spoke Person " + std::to_string(i));
    }
    v1::UpsertNodesResponse out;
    s = stub.UpsertNodes(Context(token).get(), batch, &out);
    if (!s.ok()) return s;
    for (const v1::Node& n : out.nodes()) graph->ids[n.key()] = n.id();
  }

  // Edges through the client stream, a few per message.
  auto context = Context(token);
  v1::UpsertEdgesResponse totals;
  auto writer = stub.UpsertEdges(context.get(), &totals);
  v1::UpsertEdgesRequest message;
  auto flush = [&] {
    if (message.edges_size() == 0) return true;
    bool ok = writer->Write(message);
    message.Clear();
    return ok;
  };
  for (const EdgeDef& def : Edges()) {
    v1::Edge* e = message.add_edges();
    e->set_source_id(graph->id(def.src));
    e->set_type(def.type);
    e->set_target_id(graph->id(def.dst));
    if (def.letter != nullptr) {
      v1::Evidence* ev = e->add_evidence();
      ev->set_document_id(graph->id(def.letter));
      ev->set_start_offset(10);
      ev->set_end_offset(10 + std::string(def.text).size());
      ev->set_text(def.text);
      ev->set_rule("test");
    }
    if (message.edges_size() == 4 && !flush()) break;
  }
  flush();
  for (int i = 0; i < spokes; ++i) {
    v1::Edge* e = message.add_edges();
    e->set_source_id(graph->id("spoke-" + std::to_string(i)));
    e->set_type("member_of");
    e->set_target_id(graph->id("hub"));
    if (message.edges_size() == 200 && !flush()) break;
  }
  flush();
  writer->WritesDone();
  s = writer->Finish();
  graph->last_write_sequence = totals.write_sequence();
  return s;
}

}  // namespace dossier::testing
