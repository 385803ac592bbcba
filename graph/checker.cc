#include "graph/checker.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/str_cat.h"
#include "graph/index_matcher.h"
#include "graph/key_codec.h"
#include "graph/name_index.h"
#include "graph/read_view_internal.h"
#include "graph/record_checks.h"
#include "graph/record_codec.h"
#include "graph/sorted_run.h"
#include "graph/store.h"

namespace dossier::graph {
namespace {

class Checker {
 public:
  Checker(const GraphStore* store, const rocksdb::Snapshot* snapshot, const CheckOptions& options)
      : store_(store), ro_(SnapshotReadOptions(snapshot, true)), options_(options) {}

  CheckReport Run() {
    CheckMeta();
    CheckNodes();
    // After the nodes pass, the passes share only what it left, which they only read: the
    // adjacency passes (in matches what out collected) and the mentions run on a second thread,
    // the index, degree and evidence passes on this one. Each pass reports into a list of its own,
    // merged in the order the passes had run in before.
    CheckReport keys, names, out_edges, in_edges, degrees, evidence, mentions;
    {
      std::jthread second([&] {
        RunPass(&out_edges, [&] { CheckAdjacency(true); });
        RunPass(&in_edges, [&] { CheckAdjacency(false); });
        RunPass(&mentions, [&] { CheckMentions(); });
      });
      RunPass(&keys, [&] { CheckNodeKeyIndexes(); });
      RunPass(&names, [&] { CheckNames(); });
      RunPass(&degrees, [&] { CheckDegrees(); });
      RunPass(&evidence, [&] { CheckEvidence(); });
    }
    for (CheckReport* pass :
         {&keys, &names, &out_edges, &in_edges, &degrees, &evidence, &mentions}) {
      Merge(*pass);
    }
    CheckCounters();
    return std::move(report_);
  }

 private:
  template <typename Pass>
  void RunPass(CheckReport* report, Pass pass) {
    pass_report_ = report;
    pass();
    pass_report_ = nullptr;
  }

  void Merge(const CheckReport& pass) {
    report_.violation_count += pass.violation_count;
    report_.edges_checked += pass.edges_checked;
    for (const CheckViolation& v : pass.violations) {
      if (report_.violations.size() >= options_.max_reported) break;
      report_.violations.push_back(v);
    }
  }

  CheckReport& CurrentReport() { return pass_report_ != nullptr ? *pass_report_ : report_; }

  void Violation(std::string_view invariant, std::string detail) {
    CheckReport& report = CurrentReport();
    ++report.violation_count;
    if (report.violations.size() < options_.max_reported) {
      report.violations.push_back({std::string(invariant), std::move(detail)});
    }
  }

  std::unique_ptr<rocksdb::Iterator> Iter(ColumnFamily cf) const {
    return std::unique_ptr<rocksdb::Iterator>(store_->db()->NewIterator(ro_, store_->cf(cf)));
  }

  bool Exists(ColumnFamily cf, const rocksdb::Slice& key, std::string* value = nullptr) {
    std::string scratch;
    rocksdb::Status s = store_->db()->Get(ro_, store_->cf(cf), key, value ? value : &scratch);
    if (!s.ok() && !s.IsNotFound()) Violation("readable", s.ToString());
    return s.ok();
  }

  // The type of a node that CheckNodes read and decoded. Edges check their endpoints here rather
  // than reading and decoding both node records per edge (two point reads for each of 2x the edges:
  // most of the check's time on a large graph).
  std::optional<TypeId> NodeTypeOf(NodeId id) const {
    if (id < node_type_by_id_.size()) {
      const TypeId type = node_type_by_id_[id];
      if (type == kNoType) return std::nullopt;
      return type;
    }
    auto it = node_types_.find(id);
    if (it == node_types_.end()) return std::nullopt;
    return it->second;
  }
  void SetNodeType(NodeId id, TypeId type) {
    if (id < node_type_by_id_.size()) {
      node_type_by_id_[id] = type;
    } else {
      node_types_[id] = type;
    }
  }

  std::optional<internal::NodeRecord> LoadNode(NodeId id) {
    std::string value;
    if (!Exists(kNodesCf, NodeKey(id), &value)) return std::nullopt;
    internal::NodeRecord record;
    if (!record.ParseFromString(value)) return std::nullopt;
    return record;
  }

  uint64_t MetaCounter(const std::string& key) {
    std::string value;
    if (!Exists(kMetaCf, key, &value)) return 0;
    if (value.size() != 8) {
      Violation("counter-format", absl::StrCat("meta counter has ", value.size(), " bytes"));
      return 0;
    }
    return DecodeFixed64BE(value.data());
  }

  void CheckMeta() {
    std::string value;
    if (!Exists(kMetaCf, kMetaFormatVersion, &value) || value != std::to_string(kFormatVersion)) {
      Violation("format-version",
                absl::StrCat("expected ", kFormatVersion, ", found '", value, "'"));
    }
    next_node_id_ = MetaCounter(kMetaNextNodeId);
    // Node ids are dense below next_node_id: their types sit in an array (the 20M endpoint
    // lookups of a 10M-edge check missed the cache in a hash map). A next_node_id beyond reason
    // (a corrupt counter) leaves every node to the map.
    if (next_node_id_ <= kMaxDenseNodeIds) node_type_by_id_.assign(next_node_id_, kNoType);
    next_record_id_ = MetaCounter(kMetaNextRecordId);
  }

  void CheckNodes() {
    auto it = Iter(kNodesCf);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      ++report_.nodes_checked;
      if (it->key().size() != kIdBytes) {
        Violation("node-key", "node key is not 8 bytes");
        continue;
      }
      NodeId id = DecodeFixed64BE(it->key().data());
      internal::NodeRecord record;
      if (!record.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        Violation("node-record", absl::StrCat("node ", id, " does not decode"));
        continue;
      }
      if (id == kNoNode || id >= next_node_id_) {
        Violation("id-allocation",
                  absl::StrCat("node ", id, " is not below next_node_id ", next_node_id_));
      }
      if (store_->node_types().Name(record.type()).empty()) {
        Violation("node-type",
                  absl::StrCat("node ", id, " has unregistered type id ", record.type()));
      }
      ++node_counts_[record.type()];
      SetNodeType(id, record.type());
      std::string indexed;
      if (keys_bound_.Collect(id, expected_keys_.size() < options_.key_sort_max_nodes)) {
        expected_keys_.push_back({NodeKeyIndexKey(record.type(), record.key()), id});
        if (!record.external_id().empty()) {
          expected_external_ids_.push_back({record.external_id(), id});
        }
      } else {
        if (!Exists(kNodeKeysCf, NodeKeyIndexKey(record.type(), record.key()), &indexed) ||
            indexed != EncodeFixed64BE(id)) {
          KeyUnindexed(id);
        }
        if (!record.external_id().empty() &&
            (!Exists(kExternalIdsCf, record.external_id(), &indexed) ||
             indexed != EncodeFixed64BE(id))) {
          ExternalIdUnindexed(id);
        }
      }
      std::vector<std::string> name_keys = NameIndexKeys(id, record);
      if (names_bound_.Collect(
              id, expected_names_.size() + name_keys.size() <= options_.name_sort_max_keys)) {
        for (std::string& key : name_keys) {
          expected_names_.push_back({std::move(key), id});
        }
        continue;
      }
      for (const std::string& key : name_keys) {
        if (!Exists(kNamesCf, key, &indexed) || indexed != EncodeFixed32BE(record.type())) {
          NameEntryMissing(id, record.name());
        }
      }
    }
    if (!it->status().ok()) Violation("readable", it->status().ToString());
  }

  void KeyUnindexed(NodeId id) {
    std::optional<internal::NodeRecord> record = LoadNode(id);
    Violation("node-key-index", absl::StrCat("node ", id, " (", record ? record->key() : "",
                                             ") is not indexed by type+key"));
  }
  void ExternalIdUnindexed(NodeId id) {
    std::optional<internal::NodeRecord> record = LoadNode(id);
    Violation("external-id-index",
              absl::StrCat("node ", id, " external id '", record ? record->external_id() : "",
                           "' is not indexed"));
  }

  // The type+key and external-id indexes against the entries the nodes call for, collected by
  // CheckNodes (up to options_.key_sort_max_nodes nodes), sorted and matched as each index is
  // scanned; entries pointing at nodes past that bound are checked by reading their node, as every
  // entry was (a lookup an entry each way).
  void CheckNodeKeyIndexes() {
    MatchFamily(
        kNodeKeysCf, &expected_keys_, keys_bound_, NodeInValue, /*values_are_types=*/false,
        &Checker::KeyUnindexed,
        [&](const rocksdb::Slice& key, NodeId id) {
          std::optional<internal::NodeRecord> record = LoadNode(id);
          if (!record || key.size() < kTypeBytes ||
              NodeKeyIndexKey(record->type(), record->key()) != key.ToString()) {
            Violation("node-key-index", absl::StrCat("stale type+key entry for node ", id));
          }
        },
        [&](const rocksdb::Slice& key, NodeId id) {
          Violation("node-key-index", absl::StrCat("stale type+key entry for node ", id));
        });
    MatchFamily(
        kExternalIdsCf, &expected_external_ids_, keys_bound_, NodeInValue,
        /*values_are_types=*/false, &Checker::ExternalIdUnindexed,
        [&](const rocksdb::Slice& key, NodeId id) {
          std::optional<internal::NodeRecord> record = LoadNode(id);
          if (!record || record->external_id() != key.ToString()) {
            Violation("external-id-index",
                      absl::StrCat("stale external id '", key.ToString(), "'"));
          }
        },
        [&](const rocksdb::Slice& key, NodeId id) {
          Violation("external-id-index", absl::StrCat("stale external id '", key.ToString(), "'"));
        });
  }

  static NodeId NodeInValue(const rocksdb::Slice& key, const rocksdb::Slice& value) {
    return value.size() == 8 ? DecodeFixed64BE(value.data()) : kNoNode;
  }
  static NodeId NodeInKeySuffix(const rocksdb::Slice& key, const rocksdb::Slice& value) {
    return key.size() >= kIdBytes ? DecodeFixed64BE(key.data() + key.size() - kIdBytes) : kNoNode;
  }

  // Matches `expected` against the family (index_matcher.h). With `values_are_types`, an entry's
  // value must hold its node's type.
  void MatchFamily(ColumnFamily cf, std::vector<ExpectedIndexEntry>* expected,
                   const IndexLookupBound& bound,
                   NodeId (*node_of)(const rocksdb::Slice& key, const rocksdb::Slice& value),
                   bool values_are_types, void (Checker::*unindexed)(NodeId),
                   absl::FunctionRef<void(const rocksdb::Slice&, NodeId)> check_by_node,
                   absl::FunctionRef<void(const rocksdb::Slice&, NodeId)> stale) {
    auto it = Iter(cf);
    const rocksdb::Status status = MatchIndex(
        it.get(), expected, bound,
        {.node_of = node_of,
         .value_ok =
             [&](const rocksdb::Slice& value, NodeId node) {
               return !values_are_types ||
                      value == rocksdb::Slice(EncodeFixed32BE(NodeTypeOf(node).value_or(kNoType)));
             },
         .unindexed = [&](NodeId node) { (this->*unindexed)(node); },
         .check_by_node = check_by_node,
         .stale = stale});
    if (!status.ok()) Violation("readable", status.ToString());
  }

  void NameEntryMissing(NodeId id, const std::string& name) {
    Violation("name-index", absl::StrCat("node ", id, " '", name, "' lacks a name index entry"));
  }
  void NameUnindexed(NodeId id) {
    std::optional<internal::NodeRecord> record = LoadNode(id);
    NameEntryMissing(id, record ? record->name() : std::string());
  }

  // The name index against the entries CheckNodes expects. Those it collected (up to
  // options_.name_sort_max_keys) are sorted and matched as the index is scanned; entries of the
  // nodes past that bound are checked by reading their node, as every entry was (two lookups and
  // a name normalisation an entry: a third of a large graph's check).
  void CheckNames() {
    auto stale = [&](const rocksdb::Slice& key, NodeId id) {
      if (key.size() < 2 + kIdBytes) {
        Violation("name-index", "name index key too short");
      } else {
        Violation("name-index", absl::StrCat("stale name index entry for node ", id));
      }
    };
    MatchFamily(
        kNamesCf, &expected_names_, names_bound_, NodeInKeySuffix, /*values_are_types=*/true,
        &Checker::NameUnindexed,
        [&](const rocksdb::Slice& key, NodeId id) {
          std::optional<internal::NodeRecord> record = LoadNode(id);
          bool ok = false;
          if (record && key.size() >= 2 + kIdBytes) {
            for (const std::string& expected : NameIndexKeys(id, *record))
              ok = ok || expected == key.ToString();
          }
          if (!ok) stale(key, id);
        },
        stale);
  }

  // Reads one family's keys in increasing order with one iterator: each key asked is at or after
  // the last one, so it is a few steps away rather than a lookup.
  class ForwardReader {
   public:
    explicit ForwardReader(std::unique_ptr<rocksdb::Iterator> it) : it_(std::move(it)) {
      it_->SeekToFirst();
    }
    std::optional<std::string> Find(const rocksdb::Slice& key) {
      while (it_->Valid() && it_->key().compare(key) < 0) it_->Next();
      if (it_->Valid() && it_->key() == key) return it_->value().ToString();
      return std::nullopt;
    }
    rocksdb::Status status() const { return it_->status(); }

   private:
    std::unique_ptr<rocksdb::Iterator> it_;
  };

  // Each adjacency entry has its mirror and live endpoints whose types match the stored
  // neighbour type; per-(node, type) runs are compared with the degree counters as they end.
  //
  // Each out-edge (s, t, d) needs the in-edge (d, t, s), and each in-edge its out-edge. A lookup
  // per edge and direction was most of a large graph's check (20M lookups, over two minutes at
  // 10M edges). So the out pass collects its edges reversed, up to
  // options_.mirror_sort_max_edges; they are sorted into in-edge order and matched against the
  // in pass as it scans. Out-edges past that bound are looked up one by one, as are in-edges
  // whose out-edge would lie past it: memory stays bounded.
  void CheckAdjacency(bool out) {
    auto it = Iter(out ? kOutEdgesCf : kInEdgesCf);
    ForwardReader degrees(Iter(kDegreesCf));
    if (!out) SortEntries(&reversed_out_);
    size_t matched_upto = 0;  // In the in pass: reversed_out_ before this is matched or reported.
    auto out_edge_unmirrored = [&](const AdjEntry& reversed) {
      Violation("edge-mirror", absl::StrCat("out-edge ", reversed.other, " ",
                                            store_->edge_types().Name(reversed.type), " ",
                                            reversed.anchor, " has no mirror"));
    };
    std::string run_prefix;
    uint64_t run_count = 0;
    auto close_run = [&] {
      if (run_prefix.empty()) return;
      NodeId node = DecodeFixed64BE(run_prefix.data());
      TypeId type = DecodeFixed32BE(run_prefix.data() + kIdBytes);
      std::optional<std::string> counter = degrees.Find(DegreeKey(node, type, out));
      uint64_t stored = counter && counter->size() == 8 ? DecodeFixed64BE(counter->data()) : 0;
      if (stored != run_count) {
        Violation("degree-counter",
                  absl::StrCat("node ", node, " ", out ? "out" : "in", " degree of type ",
                               store_->edge_types().Name(type), ": stored ", stored, ", actual ",
                               run_count));
      }
    };
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (it->key().size() != kAdjacencyKeyBytes || it->value().size() < kTypeBytes) {
        Violation("edge-key", "adjacency entry has the wrong size");
        continue;
      }
      std::string prefix = it->key().ToString().substr(0, kIdBytes + kTypeBytes);
      if (prefix != run_prefix) {
        close_run();
        run_prefix = prefix;
        run_count = 0;
      }
      ++run_count;
      AdjacencyParts parts =
          DecodeAdjacencyKey(std::string_view(it->key().data(), it->key().size()));
      if (out) {
        ++CurrentReport().edges_checked;
        ++edge_counts_[parts.type];
      }
      const char* what = out ? "out-edge" : "in-edge";
      bool mirrored = true;
      if (out) {
        if (collecting_mirrors_ && reversed_out_.size() < options_.mirror_sort_max_edges) {
          reversed_out_.push_back({parts.other, parts.anchor, parts.type, 0});
        } else {
          if (collecting_mirrors_) {
            collecting_mirrors_ = false;
            looked_up_from_ = it->key().ToString();
          }
          mirrored = Exists(kInEdgesCf, AdjacencyKey(parts.other, parts.type, parts.anchor));
        }
      } else {
        const AdjEntry as_reversed{parts.anchor, parts.other, parts.type, 0};
        while (matched_upto < reversed_out_.size() &&
               AdjLess(reversed_out_[matched_upto], as_reversed)) {
          out_edge_unmirrored(reversed_out_[matched_upto++]);
        }
        if (matched_upto < reversed_out_.size() &&
            AdjSameKey(reversed_out_[matched_upto], as_reversed)) {
          ++matched_upto;
        } else {
          // Not collected: either absent, or past the bound and so looked up.
          const std::string out_key = AdjacencyKey(parts.other, parts.type, parts.anchor);
          mirrored =
              !collecting_mirrors_ && out_key >= looked_up_from_ && Exists(kOutEdgesCf, out_key);
        }
      }
      if (!mirrored) {
        Violation("edge-mirror",
                  absl::StrCat(what, " ", parts.anchor, " ", store_->edge_types().Name(parts.type),
                               " ", parts.other, " has no mirror"));
      }
      std::optional<TypeId> anchor_type = NodeTypeOf(parts.anchor);
      std::optional<TypeId> other_type = NodeTypeOf(parts.other);
      if (!anchor_type || !other_type) {
        Violation("edge-endpoint", absl::StrCat(what, " ", parts.anchor, " ", parts.other,
                                                " has a missing endpoint"));
      } else if (DecodeFixed32BE(it->value().data()) != *other_type) {
        Violation("edge-neighbor-type", absl::StrCat(what, " ", parts.anchor, " ", parts.other,
                                                     " stores the wrong neighbour type"));
      }
      if (out &&
          !DecodeOutEdgeValue(std::string_view(it->value().data(), it->value().size())).ok()) {
        Violation("edge-record",
                  absl::StrCat("edge ", parts.anchor, " ", parts.other, " does not decode"));
      }
    }
    close_run();
    if (!out) {
      while (matched_upto < reversed_out_.size())
        out_edge_unmirrored(reversed_out_[matched_upto++]);
      reversed_out_ = {};
    }
    if (!it->status().ok()) Violation("readable", it->status().ToString());
    if (!degrees.status().ok()) Violation("readable", degrees.status().ToString());
  }

  void CheckDegrees() {
    auto it = Iter(kDegreesCf);
    auto adjacency = Iter(kOutEdgesCf);
    auto adjacency_in = Iter(kInEdgesCf);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      rocksdb::Slice key = it->key();
      if (key.size() != kIdBytes + kTypeBytes + 1 || it->value().size() != 8) {
        Violation("degree-counter", "degree entry has the wrong size");
        continue;
      }
      // Runs with edges were compared in CheckAdjacency; here: counters with no edges at all.
      rocksdb::Iterator* adj =
          key[kIdBytes + kTypeBytes] == 'o' ? adjacency.get() : adjacency_in.get();
      rocksdb::Slice prefix(key.data(), kIdBytes + kTypeBytes);
      adj->Seek(prefix);
      if (!adj->Valid() || !adj->key().starts_with(prefix)) {
        Violation("degree-counter",
                  absl::StrCat("node ", DecodeFixed64BE(key.data()), " has a degree counter of ",
                               DecodeFixed64BE(it->value().data()), " but no such edges"));
      }
    }
  }

  // The evidence and mention passes (record_checks.h), seeing the nodes this checker decoded and
  // reporting here.
  template <typename Pass>
  auto WithRecordContext(Pass pass) {
    auto node_decoded = [this](NodeId id) { return NodeTypeOf(id).has_value(); };
    auto violation = [this](std::string_view invariant, std::string detail) {
      Violation(invariant, std::move(detail));
    };
    return pass(RecordCheckContext{.store = store_,
                                   .read_options = &ro_,
                                   .next_record_id = next_record_id_,
                                   .node_decoded = node_decoded,
                                   .violation = violation});
  }
  void CheckEvidence() { evidence_count_ = WithRecordContext(CheckEvidenceRecords); }
  void CheckMentions() { WithRecordContext(CheckMentionRecords); }

  void CheckCounters() {
    for (const auto& [name, id] : store_->node_types().All()) {
      uint64_t stored = MetaCounter(NodeCountKey(id));
      if (stored != node_counts_[id]) {
        Violation("type-counter", absl::StrCat("node type ", name, ": stored ", stored, ", actual ",
                                               node_counts_[id]));
      }
    }
    for (const auto& [name, id] : store_->edge_types().All()) {
      uint64_t stored = MetaCounter(EdgeCountKey(id));
      if (stored != edge_counts_[id]) {
        Violation("type-counter", absl::StrCat("edge type ", name, ": stored ", stored, ", actual ",
                                               edge_counts_[id]));
      }
    }
    uint64_t stored = MetaCounter(kMetaEvidenceCount);
    if (stored != evidence_count_) {
      Violation("type-counter",
                absl::StrCat("evidence: stored ", stored, ", actual ", evidence_count_));
    }
  }

  const GraphStore* store_;
  rocksdb::ReadOptions ro_;
  CheckOptions options_;
  CheckReport report_;
  // The report of the pass this thread runs (RunPass); Violation's target without a member per
  // thread. No pass starts threads of its own.
  static inline thread_local CheckReport* pass_report_ = nullptr;
  uint64_t next_node_id_ = 0;
  uint64_t next_record_id_ = 0;
  uint64_t evidence_count_ = 0;
  std::map<TypeId, uint64_t> node_counts_;
  // Every node that decoded, from CheckNodes: ids below node_type_by_id_.size() in it, others in
  // node_types_.
  static constexpr TypeId kNoType = UINT32_MAX;
  static constexpr uint64_t kMaxDenseNodeIds = uint64_t{1} << 26;  // 256 MiB of types at most.
  std::vector<TypeId> node_type_by_id_;
  absl::flat_hash_map<NodeId, TypeId> node_types_;
  // Out-edges reversed into in-edge keys, for the in pass to match (CheckAdjacency).
  std::vector<AdjEntry> reversed_out_;
  // Index entries the nodes call for, collected by CheckNodes for CheckNodeKeyIndexes.
  std::vector<ExpectedIndexEntry> expected_keys_, expected_external_ids_;
  IndexLookupBound keys_bound_;
  // Name index entries the nodes call for, collected by CheckNodes for CheckNames.
  std::vector<ExpectedIndexEntry> expected_names_;
  IndexLookupBound names_bound_;
  bool collecting_mirrors_ = true;
  std::string looked_up_from_;  // Out-edge keys from here on were looked up, not collected.
  std::map<TypeId, uint64_t> edge_counts_;
};

}  // namespace

CheckReport CheckGraph(const ReadView& view, const CheckOptions& options) {
  return Checker(view.store(), view.snapshot(), options).Run();
}

}  // namespace dossier::graph
