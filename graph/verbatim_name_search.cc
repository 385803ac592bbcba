// FindNodes with NameMatch::kVerbatim: nodes whose name is the query byte for byte.
//
// The name index is normalised, so every byte-exact match is among the exact normalised
// matches, which are keyed [prefix][id] in id order. With the node directory (the in-memory
// snapshot at this view's sequence) the answer is a hash probe; without it, the normalised
// entries are read and their names compared. Both list the same nodes in id order and share
// page tokens (the last listed index key), so a client may cross from one to the other.
#include <memory>

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
  if (adjacency_ != nullptr) {
    for (NodeId id : adjacency_->directory().FindByName(
             request.query, [&](TypeId type) { return types.Matches(type); })) {
      if (!resume.empty() && id <= after) continue;
      hits.push_back(id);
      if (hits.size() == wanted) break;
    }
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
  DOSSIER_ASSIGN_OR_RETURN(page.nodes, GetNodes(hits, request.view));
  return page;
}

}  // namespace dossier::graph
