// A write transaction: many upserts and deletes committed as one atomic
// RocksDB write batch. It reads its own uncommitted writes, and holds the
// store's writer lock from creation until Commit() or destruction, so
// transactions never interleave.
#ifndef DOSSIER_GRAPH_WRITE_TRANSACTION_H_
#define DOSSIER_GRAPH_WRITE_TRANSACTION_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "graph/types.h"

namespace rocksdb {
class WriteBatchWithIndex;
class Iterator;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace dossier::graph {

class GraphStore;

enum class UpsertMode {
  kMerge,    // Keep existing aliases/properties, add or overwrite the given ones.
  kReplace,  // The node becomes exactly what the spec says.
  // Another document's facts about the node: the stored name stays (a different given name
  // becomes an alias; a node without a name takes it), the given aliases are added, a string-list
  // property gains the given values it lacks (in order; empty strings and repeats dropped, also for
  // a new node), and other properties are added or overwritten. A new node is made as with kMerge.
  kAccumulate,
};

struct RemoveDocumentResult {
  uint64_t evidence_removed = 0;
  uint64_t mentions_removed = 0;
  uint64_t edges_removed = 0;
  uint64_t nodes_removed = 0;
};

class WriteTransaction {
 public:
  ~WriteTransaction();  // Aborts if not committed.
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

  // Every mutating operation is atomic within the transaction: one that fails
  // leaves the transaction as it was, and the others can still be committed.

  // Creates the node or updates the one with the same type+key. Returns its id; on success,
  // `created` (if given) says if the node is new.
  absl::StatusOr<NodeId> UpsertNode(const NodeSpec& spec, UpsertMode mode = UpsertMode::kMerge,
                                    bool* created = nullptr);
  // Sees this transaction's own writes.
  absl::StatusOr<Node> GetNode(NodeId id);
  absl::StatusOr<Node> GetNodeByKey(std::string_view type, std::string_view key);
  // The id of the node with this type and key, if there is one, without reading its record.
  absl::StatusOr<std::optional<NodeId>> FindNodeIdByKey(std::string_view type,
                                                        std::string_view key);
  absl::StatusOr<Node> GetNodeByExternalId(std::string_view external_id);
  // Ids of nodes whose normalised full name or alias equals `name`'s, optionally of one type.
  absl::StatusOr<std::vector<NodeId>> FindByExactName(std::string_view name,
                                                      std::string_view type = {});
  // Removes the node, every edge of it in both directions with their evidence
  // and counters, its mentions and index entries.
  absl::Status DeleteNode(NodeId id);

  // Creates the edge or merges `properties` into the existing one.
  absl::Status UpsertEdge(const EdgeKey& key, const Properties& properties = {});
  absl::StatusOr<bool> EdgeExists(const EdgeKey& key);
  absl::Status DeleteEdge(const EdgeKey& key);
  // Records one statement behind an existing edge.
  absl::StatusOr<EvidenceId> AddEvidence(const EdgeKey& key, const Evidence& evidence);
  // UpsertEdge then AddEvidence, as one operation that looks the edge up and writes it once (an
  // import states every edge this way). On success, `created` (if given) says if the edge is new.
  absl::StatusOr<EvidenceId> UpsertEdgeWithEvidence(const EdgeKey& key,
                                                    const Properties& properties,
                                                    const Evidence& evidence,
                                                    bool* created = nullptr);
  absl::Status AddMention(const Mention& mention);

  // Removes everything `document` contributed: its evidence and mentions, then
  // the edges left with no evidence and the nodes left with neither mentions
  // nor edges (only those that ever had a mention or evidence; nodes and edges
  // created without provenance are kept).
  absl::StatusOr<RemoveDocumentResult> RemoveDocument(NodeId document);

  // Runs `body`, which may call any of the operations above, so that it applies wholly or,
  // when it returns an error, not at all: the transaction is then as it was before, and can
  // still be committed. Calls nest. Lets one transaction carry several independent units
  // (an import commits many letters at once) without one unit's failure losing the others.
  absl::Status RunAtomically(absl::FunctionRef<absl::Status()> body);

  // Applies the batch atomically (after the one committing in the background, if any). The
  // transaction is finished afterwards. Not inside RunAtomically (FAILED_PRECONDITION): it would
  // make half a unit durable.
  absl::Status Commit();

  // Hands everything staged so far to a thread of its own, which writes it as one atomic batch,
  // and returns without waiting for it: the transaction stays open, keeps the writer lock and
  // reads through that batch, so the next batch can be staged while it is written. At most
  // one batch is in the background: this first waits for the previous one. Not inside
  // RunAtomically (FAILED_PRECONDITION). If a background batch fails, the transaction is
  // aborted (nothing staged after that batch is written) and this or the next
  // AwaitBackgroundCommit/Commit returns the error.
  absl::Status CommitStagedInBackground();
  // Waits for the background batch, if any: OK once it is in the database.
  absl::Status AwaitBackgroundCommit();
  // Discards what is staged (a background batch still lands). Implied by destruction.
  void Abort();

  // Number of operations buffered so far.
  uint64_t pending_operations() const { return operations_; }

  // Reads this transaction has asked of the database (point reads and scans), for tests and
  // profiles: what it wrote itself, or read before, it answers from memory.
  uint64_t database_reads() const;
  // Lookups this transaction has made in the batch being written in the background, likewise.
  uint64_t in_flight_reads() const;

  class Impl;  // Opaque; named here so the .cc's helpers can take it.

 private:
  friend class Graph;
  explicit WriteTransaction(GraphStore* store);

  // The operations proper; the public methods run them atomically.
  absl::StatusOr<NodeId> DoUpsertNode(const NodeSpec& spec, UpsertMode mode, bool* created);
  absl::Status DoDeleteNode(NodeId id);
  absl::Status DoUpsertEdge(const EdgeKey& key, const Properties& properties);
  absl::Status DoDeleteEdge(const EdgeKey& key);
  absl::StatusOr<EvidenceId> DoAddEvidence(const EdgeKey& key, const Evidence& evidence);
  absl::StatusOr<EvidenceId> DoUpsertEdgeWithEvidence(const EdgeKey& key,
                                                      const Properties& properties,
                                                      const Evidence& evidence, bool* created);
  absl::Status DoAddMention(const Mention& mention);
  absl::StatusOr<RemoveDocumentResult> DoRemoveDocument(NodeId document);

  std::unique_ptr<Impl> impl_;
  uint64_t operations_ = 0;
};

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_WRITE_TRANSACTION_H_
