// Where an export reads its nodes and edges from: a whole database snapshot
// (`dossier export`) or a subgraph already in memory (the Subgraph RPC's
// result in `dossier query subgraph --format`). Exporters that declare
// attribute schemas up front (GraphML, GEXF) read a source twice, which a
// snapshot makes consistent.
#ifndef DOSSIER_EXPORT_GRAPH_SOURCE_H_
#define DOSSIER_EXPORT_GRAPH_SOURCE_H_

#include <functional>

#include "absl/status/status.h"
#include "graph/queries.h"
#include "graph/read_view.h"
#include "graph/types.h"

namespace dossier::exporter {

class GraphSource {
 public:
  virtual ~GraphSource() = default;
  // The callback returns false to stop early.
  virtual absl::Status ForEachNode(const std::function<bool(const graph::Node&)>& fn) const = 0;
  // Edges carry their evidence when the source has it.
  virtual absl::Status ForEachEdge(const std::function<bool(const graph::Edge&)>& fn) const = 0;
};

class ViewSource : public GraphSource {
 public:
  ViewSource(const graph::ReadView& view, bool with_evidence)
      : view_(view), with_evidence_(with_evidence) {}
  absl::Status ForEachNode(const std::function<bool(const graph::Node&)>& fn) const override {
    return view_.ForEachNode(fn);
  }
  absl::Status ForEachEdge(const std::function<bool(const graph::Edge&)>& fn) const override {
    return view_.ForEachEdge(with_evidence_, fn);
  }

 private:
  const graph::ReadView& view_;
  bool with_evidence_;
};

class SubgraphSource : public GraphSource {
 public:
  explicit SubgraphSource(const graph::Subgraph& subgraph) : subgraph_(subgraph) {}
  absl::Status ForEachNode(const std::function<bool(const graph::Node&)>& fn) const override {
    for (const graph::Node& node : subgraph_.nodes) {
      if (!fn(node)) break;
    }
    return absl::OkStatus();
  }
  absl::Status ForEachEdge(const std::function<bool(const graph::Edge&)>& fn) const override {
    for (const graph::Edge& edge : subgraph_.edges) {
      if (!fn(edge)) break;
    }
    return absl::OkStatus();
  }

 private:
  const graph::Subgraph& subgraph_;
};

}  // namespace dossier::exporter

#endif  // DOSSIER_EXPORT_GRAPH_SOURCE_H_
