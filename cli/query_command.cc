#include "cli/query_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "cli/cli_common.h"
#include "cli/table.h"
#include "export/export_format.h"
#include "export/graph_source.h"
#include "google/protobuf/util/json_util.h"
#include "proto/convert.h"

namespace dossier::cli {
namespace {

struct QueryFlags {
  ClientFlags client;
  bool json = false;
};

std::string ToJson(const google::protobuf::Message& message) {
  std::string out;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &out, options);
  return out;
}

std::string Label(const v1::Node& node) {
  return absl::StrCat(node.name().empty() ? node.key() : node.name(), " (", node.type(), " #",
                      node.id(), ")");
}

bool IsId(const std::string& text) {
  uint64_t id;
  return !text.empty() && absl::SimpleAtoi(text, &id) &&
         std::all_of(text.begin(), text.end(), [](char c) { return absl::ascii_isdigit(c); });
}

absl::StatusOr<graph::Direction> ParseDirection(const std::string& text) {
  if (text == "out") return graph::Direction::kOut;
  if (text == "in") return graph::Direction::kIn;
  if (text == "both") return graph::Direction::kBoth;
  return absl::InvalidArgumentError("direction must be out, in or both");
}

// A node by id (all digits) or by exact name; an ambiguous name prints its
// candidates on stderr and fails.
absl::StatusOr<v1::Node> Resolve(Client& client, const std::string& arg, const std::string& type) {
  v1::GetNodeRequest request;
  if (IsId(arg)) {
    uint64_t id = 0;
    (void)absl::SimpleAtoi(arg, &id);
    request.set_id(id);
  } else {
    request.set_name(arg);
    request.set_type(type);
  }
  v1::GetNodeResponse response;
  grpc::Status status = client.stub().GetNode(client.NewContext().get(), request, &response);
  if (status.ok()) return response.node();
  if (status.error_code() == grpc::StatusCode::FAILED_PRECONDITION && !IsId(arg)) {
    v1::FindNodesRequest find;
    find.set_query(arg);
    find.set_match(v1::NAME_MATCH_EXACT);
    if (!type.empty()) find.add_types(type);
    find.set_page_size(20);
    v1::FindNodesResponse found;
    if (client.stub().FindNodes(client.NewContext().get(), find, &found).ok()) {
      std::cerr << "\"" << arg << "\" names " << found.nodes_size()
                << (found.next_page_token().empty() ? "" : "+") << " nodes; pick one by id:\n";
      Table table({"ID", "TYPE", "NAME", "KEY"});
      for (const v1::Node& n : found.nodes()) {
        table.AddRow({absl::StrCat(n.id()), n.type(), n.name(), n.key()});
      }
      table.Print(std::cerr);
    }
    return absl::FailedPreconditionError(
        absl::StrCat("\"", arg, "\" is ambiguous: give an id from the list above, or --node-type"));
  }
  if (status.error_code() == grpc::StatusCode::NOT_FOUND && !IsId(arg)) {
    v1::FindNodesRequest find;
    find.set_query(arg);
    find.set_match(v1::NAME_MATCH_PREFIX);
    find.set_page_size(5);
    v1::FindNodesResponse found;
    std::vector<std::string> suggestions;
    if (client.stub().FindNodes(client.NewContext().get(), find, &found).ok()) {
      for (const v1::Node& n : found.nodes()) suggestions.push_back(Label(n));
    }
    return absl::NotFoundError(absl::StrCat(
        "no node named \"", arg, "\"",
        suggestions.empty() ? ""
                            : absl::StrCat("; did you mean: ", absl::StrJoin(suggestions, ", "))));
  }
  return FromGrpc(status);
}

// Runs `body` with a connected client, mapping errors to an exit code.
int WithClient(const QueryFlags& flags, const std::function<absl::Status(Client&)>& body) {
  absl::StatusOr<std::unique_ptr<Client>> client = Client::Connect(flags.client);
  if (!client.ok()) return ReportError("query", client.status());
  absl::Status status = body(**client);
  return status.ok() ? 0 : ReportError("query", status);
}

std::string PropertyText(const v1::PropertyValue& value) {
  absl::StatusOr<graph::PropertyValue> v = proto::PropertyFromProto(value);
  if (!v.ok()) return "?";
  struct Visitor {
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(int64_t i) const { return absl::StrCat(i); }
    std::string operator()(double d) const { return absl::StrCat(d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const graph::Timestamp& t) const {
      return absl::FormatTime("%Y-%m-%d", absl::FromUnixMicros(t.micros), absl::UTCTimeZone());
    }
    std::string operator()(const graph::StringList& l) const { return absl::StrJoin(l, ", "); }
  };
  return std::visit(Visitor{}, *v);
}

void PrintSummary(const v1::TraversalSummary& s, std::ostream& out) {
  if (s.truncated()) {
    out << "(truncated: " << proto::StopReasonLabel(s.reason()) << "; " << s.nodes_visited()
        << " nodes visited, " << s.edges_examined() << " edges examined)\n";
  }
}

// ---- node ---------------------------------------------------------------------

void AddNode(CLI::App* query, QueryFlags* flags, int* exit_code) {
  auto arg = std::make_shared<std::string>();
  auto type = std::make_shared<std::string>();
  CLI::App* cmd = query->add_subcommand("node", "Show one node: fields, properties, degree counts");
  cmd->add_option("node", *arg, "Name or id")->required();
  cmd->add_option("--node-type", *type, "Only nodes of this type (to resolve a name)");
  cmd->callback([=] {
    *exit_code = WithClient(*flags, [&](Client& client) -> absl::Status {
      absl::StatusOr<v1::Node> node = Resolve(client, *arg, *type);
      if (!node.ok()) return node.status();
      v1::GetNodeRequest request;
      request.set_id(node->id());
      request.set_include_degrees(true);
      v1::GetNodeResponse response;
      grpc::Status s = client.stub().GetNode(client.NewContext().get(), request, &response);
      if (!s.ok()) return FromGrpc(s);
      if (flags->json) {
        std::cout << ToJson(response) << "\n";
        return absl::OkStatus();
      }
      const v1::Node& n = response.node();
      Table table({"FIELD", "VALUE"});
      table.AddRow({"id", absl::StrCat(n.id())});
      table.AddRow({"type", n.type()});
      table.AddRow({"key", n.key()});
      table.AddRow({"name", n.name()});
      if (n.aliases_size() > 0) table.AddRow({"aliases", absl::StrJoin(n.aliases(), "; ")});
      if (!n.external_id().empty()) table.AddRow({"external id", n.external_id()});
      std::map<std::string, std::string> properties;
      for (const auto& [k, v] : n.properties()) properties[k] = PropertyText(v);
      for (const auto& [k, v] : properties) table.AddRow({k, v});
      for (const v1::DegreeCount& d : response.degrees()) {
        table.AddRow(
            {absl::StrCat(d.direction() == v1::DIRECTION_OUTGOING ? "out " : "in ", d.edge_type()),
             absl::StrCat(d.count())});
      }
      table.Print(std::cout);
      std::cout << "(read at sequence " << response.read_sequence() << ")\n";
      return absl::OkStatus();
    });
  });
}

// ---- neighbors ------------------------------------------------------------------

void AddNeighbors(CLI::App* query, QueryFlags* flags, int* exit_code) {
  auto arg = std::make_shared<std::string>();
  auto node_type = std::make_shared<std::string>();
  auto edge_types = std::make_shared<std::vector<std::string>>();
  auto neighbor_types = std::make_shared<std::vector<std::string>>();
  auto direction = std::make_shared<std::string>("both");
  auto limit = std::make_shared<int>(1000);
  CLI::App* cmd = query->add_subcommand("neighbors", "List a node's neighbours");
  cmd->add_option("node", *arg, "Name or id")->required();
  cmd->add_option("--type", *edge_types, "Only edges of this type (repeatable)");
  cmd->add_option("--neighbor-type", *neighbor_types,
                  "Only neighbours of this node type (repeatable)");
  cmd->add_option("--direction", *direction, "out, in or both")->capture_default_str();
  cmd->add_option("--node-type", *node_type, "Only nodes of this type (to resolve a name)");
  cmd->add_option("--limit", *limit, "Most neighbours listed")->capture_default_str();
  cmd->callback([=] {
    *exit_code = WithClient(*flags, [&](Client& client) -> absl::Status {
      absl::StatusOr<graph::Direction> dir = ParseDirection(*direction);
      if (!dir.ok()) return dir.status();
      absl::StatusOr<v1::Node> node = Resolve(client, *arg, *node_type);
      if (!node.ok()) return node.status();
      v1::ListNeighborsRequest request;
      request.set_node_id(node->id());
      request.set_direction(proto::DirectionToProto(*dir));
      for (const auto& t : *edge_types) request.add_edge_types(t);
      for (const auto& t : *neighbor_types) request.add_neighbor_types(t);
      request.set_include_nodes(true);
      request.set_include_degrees(true);
      request.set_page_size(std::min(*limit, 1000));
      v1::ListNeighborsResponse all;
      do {
        v1::ListNeighborsResponse page;
        grpc::Status s = client.stub().ListNeighbors(client.NewContext().get(), request, &page);
        if (!s.ok()) return FromGrpc(s);
        if (request.page_token().empty()) {
          *all.mutable_degrees() = page.degrees();
          all.set_read_sequence(page.read_sequence());
        }
        for (auto& n : *page.mutable_neighbors()) {
          if (all.neighbors_size() < *limit) *all.add_neighbors() = std::move(n);
        }
        all.set_next_page_token(page.next_page_token());
        request.set_page_token(page.next_page_token());
      } while (!request.page_token().empty() && all.neighbors_size() < *limit);
      if (flags->json) {
        std::cout << ToJson(all) << "\n";
        return absl::OkStatus();
      }
      std::cout << "Neighbours of " << Label(*node) << ":\n";
      Table table({"DIR", "EDGE", "ID", "TYPE", "NAME"});
      for (const v1::Neighbor& n : all.neighbors()) {
        table.AddRow({n.direction() == v1::DIRECTION_OUTGOING ? "->" : "<-", n.edge_type(),
                      absl::StrCat(n.node_id()), n.node_type(), n.node().name()});
      }
      table.Print(std::cout);
      std::cout << "(" << all.neighbors_size() << " neighbours"
                << (all.next_page_token().empty() ? "" : ", more not listed: raise --limit")
                << "; read at sequence " << all.read_sequence() << ")\n";
      return absl::OkStatus();
    });
  });
}

// ---- path -------------------------------------------------------------------------

void AddPath(CLI::App* query, QueryFlags* flags, int* exit_code) {
  auto from = std::make_shared<std::string>();
  auto to = std::make_shared<std::string>();
  auto edge_types = std::make_shared<std::vector<std::string>>();
  auto direction = std::make_shared<std::string>("both");
  auto all = std::make_shared<int>(1);
  auto max_depth = std::make_shared<int>(6);
  CLI::App* cmd = query->add_subcommand("path", "Shortest path(s) between two nodes");
  cmd->add_option("from", *from, "Name or id")->required();
  cmd->add_option("to", *to, "Name or id")->required();
  cmd->add_option("--type", *edge_types, "Only edges of this type (repeatable)");
  cmd->add_option("--direction", *direction, "out, in or both")->capture_default_str();
  cmd->add_option("--all", *all, "List all shortest paths, up to this many")->capture_default_str();
  cmd->add_option("--max-depth", *max_depth, "Longest path considered")->capture_default_str();
  cmd->callback([=] {
    *exit_code = WithClient(*flags, [&](Client& client) -> absl::Status {
      absl::StatusOr<graph::Direction> dir = ParseDirection(*direction);
      if (!dir.ok()) return dir.status();
      absl::StatusOr<v1::Node> a = Resolve(client, *from, "");
      if (!a.ok()) return a.status();
      absl::StatusOr<v1::Node> b = Resolve(client, *to, "");
      if (!b.ok()) return b.status();
      v1::ShortestPathRequest request;
      request.set_from_id(a->id());
      request.set_to_id(b->id());
      request.set_direction(proto::DirectionToProto(*dir));
      for (const auto& t : *edge_types) request.add_edge_types(t);
      request.set_max_paths(*all);
      request.set_max_depth(*max_depth);
      request.set_include_nodes(true);
      v1::ShortestPathResponse response;
      grpc::Status s = client.stub().ShortestPath(client.NewContext().get(), request, &response);
      if (!s.ok()) return FromGrpc(s);
      if (flags->json) {
        std::cout << ToJson(response) << "\n";
        return absl::OkStatus();
      }
      std::map<uint64_t, const v1::Node*> nodes;
      for (const v1::Node& n : response.nodes()) nodes[n.id()] = &n;
      auto name = [&](uint64_t id) {
        auto it = nodes.find(id);
        return it == nodes.end() ? absl::StrCat("#", id) : Label(*it->second);
      };
      if (response.paths().empty()) {
        std::cout << "No path from " << Label(*a) << " to " << Label(*b) << " within " << *max_depth
                  << " hops.\n";
      }
      int number = 0;
      for (const v1::Path& path : response.paths()) {
        std::cout << "Path " << ++number << " (" << path.edges_size() << " hops):\n  "
                  << name(path.node_ids(0)) << "\n";
        for (int i = 0; i < path.edges_size(); ++i) {
          const v1::Edge& e = path.edges(i);
          bool forward = e.source_id() == path.node_ids(i);
          std::cout << "    " << (forward ? "-[" : "<-[") << e.type() << (forward ? "]->" : "]-")
                    << " " << name(path.node_ids(i + 1)) << "\n";
        }
      }
      PrintSummary(response.summary(), std::cout);
      std::cout << "(read at sequence " << response.read_sequence() << ")\n";
      return absl::OkStatus();
    });
  });
}

// ---- subgraph ---------------------------------------------------------------------

void AddSubgraph(CLI::App* query, QueryFlags* flags, int* exit_code) {
  auto seeds = std::make_shared<std::vector<std::string>>();
  auto depth = std::make_shared<int>(1);
  auto edge_types = std::make_shared<std::vector<std::string>>();
  auto node_types = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("table");
  auto out_path = std::make_shared<std::string>("-");
  auto evidence = std::make_shared<bool>(false);
  auto max_nodes = std::make_shared<int64_t>(0);
  CLI::App* cmd = query->add_subcommand("subgraph", "The ego network around nodes, for drawing");
  cmd->add_option("nodes", *seeds, "Names or ids of the centre nodes")->required();
  cmd->add_option("--depth", *depth, "Hops from the centre")->capture_default_str();
  cmd->add_option("--type", *edge_types, "Only edges of this type (repeatable)");
  cmd->add_option("--node-type", *node_types, "Only nodes of this type (repeatable)");
  std::vector<std::string> formats = {"table"};
  for (const std::string& f : exporter::ExportFormatNames()) formats.push_back(f);
  cmd->add_option(
         "--format", *format,
         "table, or an export format: " + absl::StrJoin(exporter::ExportFormatNames(), ", "))
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  cmd->add_option("-o,--out", *out_path, "Output file for --format ('-': stdout)")
      ->capture_default_str();
  cmd->add_flag("--evidence", *evidence, "Include each edge's evidence");
  cmd->add_option("--max-nodes", *max_nodes, "Most nodes (the server's cap wins)");
  cmd->callback([=] {
    *exit_code = WithClient(*flags, [&](Client& client) -> absl::Status {
      v1::SubgraphRequest request;
      for (const std::string& seed : *seeds) {
        absl::StatusOr<v1::Node> node = Resolve(client, seed, "");
        if (!node.ok()) return node.status();
        request.add_seed_ids(node->id());
      }
      request.set_depth(*depth);
      for (const auto& t : *edge_types) request.add_edge_types(t);
      for (const auto& t : *node_types) request.add_node_types(t);
      request.set_include_evidence(*evidence || *format == "json" || *format == "cytoscape");
      request.mutable_limits()->set_max_nodes(*max_nodes);
      v1::SubgraphResponse response;
      grpc::Status s = client.stub().Subgraph(client.NewContext().get(), request, &response);
      if (!s.ok()) return FromGrpc(s);
      if (flags->json && *format == "table") {
        std::cout << ToJson(response) << "\n";
        return absl::OkStatus();
      }
      if (*format != "table") {
        graph::Subgraph subgraph;
        for (const v1::Node& n : response.nodes()) {
          absl::StatusOr<graph::Node> node = proto::NodeFromProto(n);
          if (!node.ok()) return node.status();
          subgraph.nodes.push_back(*std::move(node));
        }
        for (const v1::Edge& e : response.edges()) {
          absl::StatusOr<graph::Edge> edge = proto::EdgeFromProto(e);
          if (!edge.ok()) return edge.status();
          subgraph.edges.push_back(*std::move(edge));
        }
        absl::StatusOr<exporter::ExportFormat> f = exporter::ParseExportFormat(*format);
        if (!f.ok()) return f.status();
        std::ofstream file;
        std::ostream* out = &std::cout;
        if (*out_path != "-") {
          file.open(*out_path, std::ios::binary | std::ios::trunc);
          if (!file) return absl::PermissionDeniedError("cannot write " + *out_path);
          out = &file;
        }
        if (response.summary().truncated()) PrintSummary(response.summary(), std::cerr);
        return exporter::ExportGraph(*f, exporter::SubgraphSource(subgraph), *out);
      }
      std::map<uint64_t, std::string> names;
      Table nodes({"ID", "TYPE", "NAME"});
      for (const v1::Node& n : response.nodes()) {
        names[n.id()] = n.name();
        nodes.AddRow({absl::StrCat(n.id()), n.type(), n.name()});
      }
      Table edges({"SOURCE", "EDGE", "TARGET", "EVIDENCE"});
      for (const v1::Edge& e : response.edges()) {
        edges.AddRow({names[e.source_id()], e.type(), names[e.target_id()],
                      request.include_evidence() ? absl::StrCat(e.evidence_size()) : "-"});
      }
      std::cout << response.nodes_size() << " nodes:\n";
      nodes.Print(std::cout);
      std::cout << "\n" << response.edges_size() << " edges:\n";
      edges.Print(std::cout);
      PrintSummary(response.summary(), std::cout);
      std::cout << "(read at sequence " << response.read_sequence() << ")\n";
      return absl::OkStatus();
    });
  });
}

// ---- find ---------------------------------------------------------------------------

void AddFind(CLI::App* query, QueryFlags* flags, int* exit_code) {
  auto text = std::make_shared<std::string>();
  auto match = std::make_shared<std::string>("auto");
  auto types = std::make_shared<std::vector<std::string>>();
  auto limit = std::make_shared<int>(50);
  CLI::App* cmd = query->add_subcommand("find", "Search nodes by name or alias");
  cmd->add_option("query", *text, "Text to search for")->required();
  cmd->add_option("--match", *match,
                  "exact, prefix, token, verbatim (the name byte for byte), or auto (token "
                  "for one word, else prefix)")
      ->check(CLI::IsMember({"auto", "exact", "prefix", "token", "verbatim"}))
      ->capture_default_str();
  cmd->add_option("--node-type", *types, "Only nodes of this type (repeatable)");
  cmd->add_option("--limit", *limit, "Most results")->capture_default_str();
  cmd->callback([=] {
    *exit_code = WithClient(*flags, [&](Client& client) -> absl::Status {
      v1::FindNodesRequest request;
      request.set_query(*text);
      std::string m = *match;
      if (m == "auto")
        m = absl::StrContains(absl::StripAsciiWhitespace(*text), ' ') ? "prefix" : "token";
      request.set_match(m == "exact"      ? v1::NAME_MATCH_EXACT
                        : m == "prefix"   ? v1::NAME_MATCH_PREFIX
                        : m == "verbatim" ? v1::NAME_MATCH_VERBATIM
                                          : v1::NAME_MATCH_TOKEN);
      for (const auto& t : *types) request.add_types(t);
      request.set_page_size(*limit);
      v1::FindNodesResponse response;
      grpc::Status s = client.stub().FindNodes(client.NewContext().get(), request, &response);
      if (!s.ok()) return FromGrpc(s);
      if (flags->json) {
        std::cout << ToJson(response) << "\n";
        return absl::OkStatus();
      }
      Table table({"ID", "TYPE", "NAME", "KEY"});
      for (const v1::Node& n : response.nodes()) {
        table.AddRow({absl::StrCat(n.id()), n.type(), n.name(), n.key()});
      }
      table.Print(std::cout);
      std::cout << "(" << response.nodes_size() << " found"
                << (response.next_page_token().empty() ? "" : ", more: raise --limit")
                << "; read at sequence " << response.read_sequence() << ")\n";
      return absl::OkStatus();
    });
  });
}

}  // namespace

int PrintServerStats(const ClientFlags& client_flags, bool as_json) {
  QueryFlags flags{client_flags, as_json};
  return WithClient(flags, [&](Client& client) -> absl::Status {
    v1::GetStatsResponse response;
    grpc::Status s =
        client.stub().GetStats(client.NewContext().get(), v1::GetStatsRequest(), &response);
    if (!s.ok()) return FromGrpc(s);
    if (as_json) {
      std::cout << ToJson(response) << "\n";
      return absl::OkStatus();
    }
    std::map<std::string, uint64_t> nodes(response.nodes_by_type().begin(),
                                          response.nodes_by_type().end());
    std::map<std::string, uint64_t> edges(response.edges_by_type().begin(),
                                          response.edges_by_type().end());
    std::cout << absl::StrFormat("%-24s %10s\n", "NODE TYPE", "COUNT");
    for (const auto& [type, n] : nodes) std::cout << absl::StrFormat("%-24s %10d\n", type, n);
    std::cout << absl::StrFormat("%-24s %10d\n\n", "(all nodes)", response.node_count());
    std::cout << absl::StrFormat("%-24s %10s\n", "EDGE TYPE", "COUNT");
    for (const auto& [type, n] : edges) std::cout << absl::StrFormat("%-24s %10d\n", type, n);
    std::cout << absl::StrFormat("%-24s %10d\n", "(all edges)", response.edge_count());
    std::cout << absl::StrFormat("%-24s %10d\n", "(evidence records)", response.evidence_count());
    std::cout << "(read at sequence " << response.read_sequence() << ")\n";
    return absl::OkStatus();
  });
}

void AddQueryCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<QueryFlags>();
  CLI::App* query = app.add_subcommand(
      "query", "Ask a running `dossier serve`: node, neighbors, path, subgraph, find, stats");
  query->require_subcommand(1);
  query->fallthrough();  // --server, --json etc. may follow the sub-subcommand.
  AddClientFlags(query, &flags->client, true);
  query->add_flag("--json", flags->json, "Print the response as JSON (proto3 JSON mapping)");
  AddNode(query, flags.get(), exit_code);
  AddNeighbors(query, flags.get(), exit_code);
  AddPath(query, flags.get(), exit_code);
  AddSubgraph(query, flags.get(), exit_code);
  AddFind(query, flags.get(), exit_code);
  CLI::App* stats = query->add_subcommand("stats", "Counts of nodes and edges by type");
  stats->callback([=] { *exit_code = PrintServerStats(flags->client, flags->json); });
}

}  // namespace dossier::cli
