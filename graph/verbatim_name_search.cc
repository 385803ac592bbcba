// FindNodes with NameMatch::kVerbatim: nodes whose name is the query byte for byte.
//
// The name index is normalised, so every byte-exact match is among the exact normalised
// matches, which are keyed [prefix][id] in id order. With the node directory (the in-memory
// snapshot at this view's sequence) the answer is a hash probe; without it, the normalised
// entries are read and their names compared. Both list the same nodes in id order and share
// page tokens (the last listed index key), so a client may cross from one to the other.
#include <algorithm>
#include <memory>
#include <span>

#include "graph/adjacency_snapshot.h"
#include "graph/key_codec.h"
#include "graph/page_token.h"
#include "graph/read_view.h"
#include "graph/read_view_internal.h"
#include "graph/status_macros.h"
#include "graph/store.h"

namespace dossier::graph {
namespace {

// Candidates' names are read this many at a time (one MultiGet each) on the RocksDB path.
constexpr size_t kNameCheckBatch = 64;

}  // namespace

absl::StatusOr<FindNodesPage> ReadView::FindNodesVerbatim(const FindNodesRequest& request,
                                                          int32_t page_size,
                                                          const std::string& prefix,
                                                          const ResolvedTypes& types,
                                                          uint64_t fingerprint) const {
  std::string resume;
  NodeId after = 0;
  if (!request.page_token.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(resume, DecodePageToken(request.page_token, 'F', fingerprint));
    if (!resume.starts_with(prefix) || resume.size() != prefix.size() + kIdBytes) {
      return absl::InvalidArgumentError("page_token is malformed");
    }
    after = DecodeFixed64BE(resume.data() + prefix.size());
  }
  const size_t wanted = static_cast<size_t>(page_size) + 1;  // One more tells a next page exists.
  std::vector<NodeId> hits;
  std::vector<TypeId> hit_types;  // From the directory only.
  if (adjacency_ != nullptr) {
    hits = adjacency_->directory().FindByName(
        request.query, [&](TypeId type) { return types.Matches(type); }, &hit_types);
    size_t first = 0;
    while (first < hits.size() && !resume.empty() && hits[first] <= after) ++first;
    const size_t last = std::min(hits.size(), first + wanted);
    hits = std::vector<NodeId>(hits.begin() + first, hits.begin() + last);
    hit_types = std::vector<TypeId>(hit_types.begin() + first, hit_types.begin() + last);
  } else {
    std::unique_ptr<rocksdb::Iterator> it(
        store_->db()->NewIterator(SnapshotReadOptions(snapshot_, true), store_->cf(kNamesCf)));
    it->Seek(resume.empty() ? prefix : resume);
    if (!resume.empty() && it->Valid() && it->key() == resume) it->Next();
    std::vector<NodeId> candidates;
    auto check = [&]() -> absl::Status {
      DOSSIER_ASSIGN_OR_RETURN(std::vector<Node> nodes, GetNodes(candidates, NodeView::kBasic));
      for (const Node& node : nodes) {
        if (node.name == request.query && hits.size() < wanted) hits.push_back(node.id);
      }
      candidates.clear();
      return absl::OkStatus();
    };
    for (; it->Valid() && it->key().starts_with(prefix) && hits.size() < wanted; it->Next()) {
      if (it->key().size() != prefix.size() + kIdBytes) continue;
      if (it->value().size() == 4 && !types.Matches(DecodeFixed32BE(it->value().data()))) continue;
      candidates.push_back(DecodeFixed64BE(it->key().data() + prefix.size()));
      if (candidates.size() == kNameCheckBatch) DOSSIER_RETURN_IF_ERROR(check());
    }
    DOSSIER_RETURN_IF_ERROR(FromRocks(it->status()));
    if (!candidates.empty()) DOSSIER_RETURN_IF_ERROR(check());
  }
  FindNodesPage page;
  if (hits.size() == wanted) {
    hits.pop_back();
    page.next_page_token = EncodePageToken('F', fingerprint, prefix + EncodeFixed64BE(hits.back()));
  }
  if (request.view != NodeView::kBasic || hit_types.empty()) {
    DOSSIER_ASSIGN_OR_RETURN(page.nodes, GetNodes(hits, request.view));
    return page;
  }
  // A basic node from the directory needs only its external id read: the type came with the
  // match and the name is the query. Those reads are scattered: fetched a chunk at a time.
  const NodeDirectory& directory = adjacency_->directory();
  page.nodes.resize(hits.size());
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i % NodeDirectory::kPrefetchBatch == 0) {
      directory.PrefetchExternalIds(std::span<const NodeId>(hits).subspan(
          i, std::min(NodeDirectory::kPrefetchBatch, hits.size() - i)));
    }
    Node& node = page.nodes[i];
    node.id = hits[i];
    node.type = store_->node_types().Name(hit_types[i]);
    node.name = request.query;
    node.external_id = directory.external_id(hits[i]);
  }
  return page;
}

}  // namespace dossier::graph
