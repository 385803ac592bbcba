#include "server/read_operations.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/container/btree_set.h"
#include "absl/strings/str_cat.h"
#include "graph/page_token.h"
#include "graph/status_macros.h"
#include "graph/validation.h"
#include "proto/convert.h"

namespace dossier::server {
namespace {

using proto::DirectionFromProto;

absl::StatusOr<graph::NameMatch> MatchFromProto(int value) {
  switch (value) {
    case v1::NAME_MATCH_UNSPECIFIED:
    case v1::NAME_MATCH_EXACT:
      return graph::NameMatch::kExact;
    case v1::NAME_MATCH_PREFIX:
      return graph::NameMatch::kPrefix;
    case v1::NAME_MATCH_TOKEN:
      return graph::NameMatch::kToken;
    case v1::NAME_MATCH_VERBATIM:
      return graph::NameMatch::kVerbatim;
    default:
      return absl::InvalidArgumentError(absl::StrCat("match ", value, " is not a known NameMatch"));
  }
}

absl::StatusOr<graph::NodeView> ViewFromProto(int value) {
  switch (value) {
    case v1::NODE_VIEW_UNSPECIFIED:
    case v1::NODE_VIEW_FULL:
      return graph::NodeView::kFull;
    case v1::NODE_VIEW_BASIC:
      return graph::NodeView::kBasic;
    default:
      return absl::InvalidArgumentError(absl::StrCat("view ", value, " is not a known NodeView"));
  }
}

// How many candidates an ambiguous name lists in its error.
constexpr int kCandidatesListed = 10;

absl::StatusOr<graph::Node> NodeByName(const graph::ReadView& view, const std::string& name,
                                       const std::string& type, graph::NodeView node_view) {
  DOSSIER_RETURN_IF_ERROR(graph::ValidateText("name", name));
  graph::FindNodesRequest find{.query = name,
                               .match = graph::NameMatch::kExact,
                               .view = node_view,
                               .page_size = kCandidatesListed + 1};
  if (!type.empty()) find.types.push_back(type);
  DOSSIER_ASSIGN_OR_RETURN(graph::FindNodesPage page, view.FindNodes(find));
  if (page.nodes.empty()) {
    return absl::NotFoundError(absl::StrCat("no node named \"", name, "\"",
                                            type.empty() ? "" : absl::StrCat(" of type ", type),
                                            " (FindNodes with a prefix or token match may help)"));
  }
  if (page.nodes.size() == 1) return std::move(page.nodes.front());
  std::string candidates;
  for (size_t i = 0; i < page.nodes.size() && i < kCandidatesListed; ++i) {
    const graph::Node& n = page.nodes[i];
    absl::StrAppend(&candidates, i ? "; " : "", n.id, " (", n.type, " \"", n.name, "\")");
  }
  return absl::FailedPreconditionError(
      absl::StrCat("name \"", name, "\" is ambiguous: it matches ",
                   page.next_page_token.empty() ? "" : "more than ", page.nodes.size(),
                   " nodes: ", candidates, ". Ask by id, or narrow by type"));
}

void AddDegrees(const graph::ReadView& view, graph::NodeId id,
                google::protobuf::RepeatedPtrField<v1::DegreeCount>* out, absl::Status* status) {
  absl::StatusOr<std::vector<graph::DegreeCount>> degrees = view.Degrees(id);
  if (!degrees.ok()) {
    *status = degrees.status();
    return;
  }
  for (const graph::DegreeCount& d : *degrees) proto::DegreeToProto(d, out->Add());
}

}  // namespace

absl::Status GetNode(const CallEnv& env, const v1::GetNodeRequest& request,
                     v1::GetNodeResponse* response) {
  DOSSIER_ASSIGN_OR_RETURN(graph::NodeView node_view, ViewFromProto(request.view()));
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  absl::StatusOr<graph::Node> node;
  switch (request.selector_case()) {
    case v1::GetNodeRequest::kId:
      DOSSIER_RETURN_IF_ERROR(ValidateNodeId("id", request.id()));
      node = view->GetNode(request.id(), node_view);
      break;
    case v1::GetNodeRequest::kKey:
      DOSSIER_RETURN_IF_ERROR(graph::ValidateTypeName("key.type", request.key().type()));
      if (request.key().key().empty()) return absl::InvalidArgumentError("key.key is empty");
      DOSSIER_RETURN_IF_ERROR(graph::ValidateText("key.key", request.key().key()));
      node = view->GetNodeByKey(request.key().type(), request.key().key(), node_view);
      break;
    case v1::GetNodeRequest::kName:
      if (!request.type().empty())
        DOSSIER_RETURN_IF_ERROR(graph::ValidateTypeName("type", request.type()));
      node = NodeByName(*view, request.name(), request.type(), node_view);
      break;
    case v1::GetNodeRequest::kExternalId:
      if (request.external_id().empty()) return absl::InvalidArgumentError("external_id is empty");
      DOSSIER_RETURN_IF_ERROR(graph::ValidateText("external_id", request.external_id()));
      node = view->GetNodeByExternalId(request.external_id(), node_view);
      break;
    case v1::GetNodeRequest::SELECTOR_NOT_SET:
      return absl::InvalidArgumentError("set one of id, key, name or external_id");
  }
  if (!node.ok()) return node.status();
  proto::NodeToProto(*node, response->mutable_node());
  absl::Status status;
  if (request.include_degrees()) AddDegrees(*view, node->id, response->mutable_degrees(), &status);
  response->set_read_sequence(view->sequence());
  return status;
}

absl::Status BatchGetNodes(const CallEnv& env, const v1::BatchGetNodesRequest& request,
                           v1::BatchGetNodesResponse* response) {
  if (request.ids().empty()) return absl::InvalidArgumentError("ids is empty");
  if (request.ids_size() > env.caps->max_batch) {
    return absl::InvalidArgumentError(absl::StrCat("ids has ", request.ids_size(), " ids; at most ",
                                                   env.caps->max_batch, " are allowed"));
  }
  DOSSIER_ASSIGN_OR_RETURN(graph::NodeView node_view, ViewFromProto(request.view()));
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  for (uint64_t id : request.ids()) {
    DOSSIER_RETURN_IF_ERROR(ValidateNodeId("ids", id));
    DOSSIER_ASSIGN_OR_RETURN(graph::Node node, view->GetNode(id, node_view));
    proto::NodeToProto(node, response->add_nodes());
  }
  response->set_read_sequence(view->sequence());
  return absl::OkStatus();
}

absl::Status FindNodes(const CallEnv& env, const v1::FindNodesRequest& request,
                       v1::FindNodesResponse* response) {
  if (request.query().empty()) return absl::InvalidArgumentError("query is empty");
  DOSSIER_RETURN_IF_ERROR(graph::ValidateText("query", request.query()));
  DOSSIER_ASSIGN_OR_RETURN(graph::NameMatch match, MatchFromProto(request.match()));
  DOSSIER_ASSIGN_OR_RETURN(graph::NodeView node_view, ViewFromProto(request.view()));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> types, TypeNames("types", request.types()));
  DOSSIER_ASSIGN_OR_RETURN(int32_t page_size,
                           graph::EffectivePageSize(request.page_size(), kFindNodesDefaultPageSize,
                                                    env.caps->max_page_size));
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  DOSSIER_ASSIGN_OR_RETURN(graph::FindNodesPage page,
                           view->FindNodes({.query = request.query(),
                                            .match = match,
                                            .view = node_view,
                                            .types = std::move(types),
                                            .page_size = page_size,
                                            .page_token = request.page_token()}));
  for (const graph::Node& node : page.nodes) proto::NodeToProto(node, response->add_nodes());
  response->set_next_page_token(page.next_page_token);
  response->set_read_sequence(view->sequence());
  return absl::OkStatus();
}

absl::Status ListNeighbors(const CallEnv& env, const v1::ListNeighborsRequest& request,
                           v1::ListNeighborsResponse* response) {
  DOSSIER_RETURN_IF_ERROR(ValidateNodeId("node_id", request.node_id()));
  if (request.skip() < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("skip: must not be negative, got ", request.skip()));
  }
  DOSSIER_ASSIGN_OR_RETURN(graph::Direction direction,
                           DirectionFromProto(request.direction(), graph::Direction::kBoth));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> edge_types,
                           TypeNames("edge_types", request.edge_types()));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> neighbor_types,
                           TypeNames("neighbor_types", request.neighbor_types()));
  DOSSIER_ASSIGN_OR_RETURN(
      int32_t page_size,
      graph::EffectivePageSize(request.page_size(), kListNeighborsDefaultPageSize,
                               env.caps->max_page_size));
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  DOSSIER_ASSIGN_OR_RETURN(graph::NeighborsPage page,
                           view->Neighbors({.node = request.node_id(),
                                            .direction = direction,
                                            .edge_types = std::move(edge_types),
                                            .neighbor_types = std::move(neighbor_types),
                                            .page_size = page_size,
                                            .page_token = request.page_token(),
                                            .skip = request.skip()}));
  for (const graph::Neighbor& n : page.neighbors) {
    v1::Neighbor* out = response->add_neighbors();
    out->set_node_id(n.node);
    out->set_node_type(n.node_type);
    out->set_edge_type(n.edge_type);
    out->set_direction(proto::DirectionToProto(n.direction));
    if (request.include_nodes()) {
      DOSSIER_ASSIGN_OR_RETURN(graph::Node node, view->GetNode(n.node));
      proto::NodeToProto(node, out->mutable_node());
    }
  }
  absl::Status status;
  if (request.include_degrees() && request.page_token().empty()) {
    AddDegrees(*view, request.node_id(), response->mutable_degrees(), &status);
  }
  response->set_next_page_token(page.next_page_token);
  response->set_read_sequence(view->sequence());
  return status;
}

absl::Status ShortestPath(const CallEnv& env, const v1::ShortestPathRequest& request,
                          v1::ShortestPathResponse* response) {
  DOSSIER_RETURN_IF_ERROR(ValidateNodeId("from_id", request.from_id()));
  DOSSIER_RETURN_IF_ERROR(ValidateNodeId("to_id", request.to_id()));
  DOSSIER_ASSIGN_OR_RETURN(graph::Direction direction,
                           DirectionFromProto(request.direction(), graph::Direction::kBoth));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> edge_types,
                           TypeNames("edge_types", request.edge_types()));
  DOSSIER_ASSIGN_OR_RETURN(int64_t max_depth,
                           ClipLimit("max_depth", request.max_depth(), 6, env.caps->max_depth));
  DOSSIER_ASSIGN_OR_RETURN(int64_t max_paths,
                           ClipLimit("max_paths", request.max_paths(), 1, env.caps->max_paths));
  DOSSIER_ASSIGN_OR_RETURN(graph::TraversalLimits limits, EffectiveLimits(request.limits(), env));
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  DOSSIER_RETURN_IF_ERROR(view->GetNode(request.from_id()).status());
  DOSSIER_RETURN_IF_ERROR(view->GetNode(request.to_id()).status());
  DOSSIER_ASSIGN_OR_RETURN(graph::ShortestPathResult result,
                           view->ShortestPaths({.from = request.from_id(),
                                                .to = request.to_id(),
                                                .direction = direction,
                                                .edge_types = std::move(edge_types),
                                                .max_depth = static_cast<int32_t>(max_depth),
                                                .max_paths = static_cast<int32_t>(max_paths),
                                                .limits = std::move(limits)}));
  absl::btree_set<graph::NodeId> on_paths;
  for (const graph::Path& path : result.paths) {
    v1::Path* out = response->add_paths();
    for (graph::NodeId id : path.nodes) {
      out->add_node_ids(id);
      on_paths.insert(id);
    }
    for (const graph::PathStep& step : path.steps) {
      if (request.include_evidence()) {
        DOSSIER_ASSIGN_OR_RETURN(graph::Edge edge, view->GetEdge(step.edge, true));
        proto::EdgeToProto(edge, out->add_edges());
      } else {
        proto::EdgeKeyToProto(step.edge, out->add_edges());
      }
    }
  }
  if (request.include_nodes()) {
    for (graph::NodeId id : on_paths) {
      DOSSIER_ASSIGN_OR_RETURN(graph::Node node, view->GetNode(id));
      proto::NodeToProto(node, response->add_nodes());
    }
  }
  response->set_length(result.length);
  proto::SummaryToProto(result.summary, response->mutable_summary());
  response->set_read_sequence(view->sequence());
  return absl::OkStatus();
}

absl::Status Subgraph(const CallEnv& env, const v1::SubgraphRequest& request,
                      v1::SubgraphResponse* response) {
  DOSSIER_ASSIGN_OR_RETURN(graph::Direction direction,
                           DirectionFromProto(request.direction(), graph::Direction::kBoth));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> edge_types,
                           TypeNames("edge_types", request.edge_types()));
  DOSSIER_ASSIGN_OR_RETURN(std::vector<std::string> node_types,
                           TypeNames("node_types", request.node_types()));
  DOSSIER_ASSIGN_OR_RETURN(int64_t depth,
                           ClipLimit("depth", request.depth(), 1, env.caps->max_depth));
  DOSSIER_ASSIGN_OR_RETURN(int64_t max_edges,
                           ClipLimit("max_edges", request.max_edges(), env.caps->max_subgraph_edges,
                                     env.caps->max_subgraph_edges));
  DOSSIER_ASSIGN_OR_RETURN(graph::TraversalLimits limits, EffectiveLimits(request.limits(), env));
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  DOSSIER_ASSIGN_OR_RETURN(
      std::vector<graph::NodeId> seeds,
      ResolveSeeds("seed_ids", request.seed_ids(), *view, env.caps->max_batch));
  DOSSIER_ASSIGN_OR_RETURN(graph::Subgraph subgraph,
                           view->GetSubgraph({.seeds = std::move(seeds),
                                              .depth = static_cast<int32_t>(depth),
                                              .direction = direction,
                                              .edge_types = std::move(edge_types),
                                              .node_types = std::move(node_types),
                                              .with_evidence = request.include_evidence(),
                                              .max_edges = max_edges,
                                              .limits = std::move(limits)}));
  for (const graph::Node& node : subgraph.nodes) proto::NodeToProto(node, response->add_nodes());
  for (const graph::Edge& edge : subgraph.edges) proto::EdgeToProto(edge, response->add_edges());
  proto::SummaryToProto(subgraph.summary, response->mutable_summary());
  response->set_read_sequence(view->sequence());
  return absl::OkStatus();
}

absl::Status GetStats(const CallEnv& env, const v1::GetStatsRequest& request,
                      v1::GetStatsResponse* response) {
  std::unique_ptr<graph::ReadView> view = env.graph->NewReadView();
  DOSSIER_ASSIGN_OR_RETURN(graph::GraphStats stats, view->Stats());
  response->set_node_count(stats.node_count);
  response->set_edge_count(stats.edge_count);
  response->set_evidence_count(stats.evidence_count);
  for (const auto& [type, n] : stats.nodes_by_type) (*response->mutable_nodes_by_type())[type] = n;
  for (const auto& [type, n] : stats.edges_by_type) (*response->mutable_edges_by_type())[type] = n;
  response->set_read_sequence(view->sequence());
  return absl::OkStatus();
}

}  // namespace dossier::server
