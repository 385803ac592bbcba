#include "graph/bulk_load.h"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "graph/adjacency_refresher.h"
#include "graph/adjacency_snapshot.h"
#include "graph/bulk_load_budget.h"
#include "graph/bulk_name_index.h"
#include "graph/bulk_node_table.h"
#include "graph/bulk_node_writer.h"
#include "graph/bulk_type_names.h"
#include "graph/degree_file.h"
#include "graph/key_codec.h"
#include "graph/key_order.h"
#include "graph/name_index.h"
#include "graph/record_codec.h"
#include "graph/sorted_run.h"
#include "graph/sst_sink.h"
#include "graph/status_macros.h"
#include "graph/store.h"
#include "graph/validation.h"

namespace dossier::graph {
namespace {

static_assert(BulkLoadBudget::kEdgeSortBytes == 2 * sizeof(AdjEntry));

// An unsigned decimal without sign or leading zeros ("0" itself is fine):
// such ids sort numerically, and are exactly the ones that round-trip.
bool ParseCanonicalUint(std::string_view s, uint64_t* value) {
  if (s.empty() || s.size() > 19 || (s.size() > 1 && s[0] == '0')) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *value);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

class BulkLoader::Impl {
 public:
  Impl(Graph* graph, const BulkLoadOptions& options)
      : store_(graph->store()),
        refresher_(graph->adjacency_refresher()),
        lock_(store_->writer_mutex()),
        options_(options),
        budget_(options.memory_budget_bytes),
        types_(&store_->node_types(), &store_->edge_types()),
        start_(absl::Now()) {
    base_id_ = store_->next_node_id;
  }

  ~Impl() {
    name_index_.reset();  // Its thread may be writing into temp_dir_.
    if (node_writer_.joinable()) node_writer_.join();
    std::error_code ec;
    if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_, ec);
  }

  absl::Status Init() {
    temp_dir_ = options_.temp_dir.empty()
                    ? absl::StrCat(store_->options().path, "/", kBulkLoadDirPrefix, ::getpid())
                    : absl::StrCat(options_.temp_dir, "/dossier-bulk-", ::getpid());
    std::error_code ec;
    std::filesystem::create_directories(temp_dir_, ec);
    if (ec)
      return absl::InternalError(absl::StrCat("cannot create ", temp_dir_, ": ", ec.message()));
    name_index_ = std::make_unique<BulkNameIndex>(SstFileOptions(store_, kNamesCf), temp_dir_);
    std::string probe;
    rocksdb::ReadOptions ro;
    std::unique_ptr<rocksdb::Iterator> it(store_->db()->NewIterator(ro, store_->cf(kNodesCf)));
    it->SeekToFirst();
    database_has_nodes_ = it->Valid();
    return absl::OkStatus();
  }

  bool stopped() const { return !stop_.ok(); }

  absl::Status AddNode(std::string_view external_id, std::string_view type, std::string_view name,
                       const Properties& properties) {
    DOSSIER_RETURN_IF_ERROR(stop_);
    if (nodes_final_) return absl::FailedPreconditionError("nodes must all come before edges");
    if (external_id.empty()) return absl::InvalidArgumentError("node id is empty");
    const std::optional<TypeId> known_type = types_.Known(true, type);
    if (!known_type) DOSSIER_RETURN_IF_ERROR(ValidateTypeName("node type", type));
    DOSSIER_RETURN_IF_ERROR(ValidateText("node id", external_id));
    DOSSIER_RETURN_IF_ERROR(ValidateText("node name", name));
    DOSSIER_RETURN_IF_ERROR(ValidateProperties("node property", properties));
    const std::string_view id = external_id;
    if (nodes_.Find(id)) {
      return absl::AlreadyExistsError(absl::StrCat("duplicate node id '", std::string(id), "'"));
    }
    // Interned only once the row is known to be good: a rejected row adds no type.
    TypeId type_id;
    if (known_type) {
      type_id = *known_type;
    } else {
      DOSSIER_ASSIGN_OR_RETURN(type_id, types_.Intern(true, type));
    }
    if (database_has_nodes_) {
      std::string value;
      if (store_->db()->Get({}, store_->cf(kExternalIdsCf), rocksdb::Slice(id), &value).ok() ||
          store_->db()
              ->Get({}, store_->cf(kNodeKeysCf), NodeKeyIndexKey(type_id, id), &value)
              .ok()) {
        return absl::AlreadyExistsError(
            absl::StrCat("node id '", std::string(id), "' is already in the database"));
      }
    }
    uint64_t numeric = 0;
    if (all_numeric_ && !ParseCanonicalUint(id, &numeric)) all_numeric_ = false;
    max_numeric_ = std::max(max_numeric_, numeric);
    min_numeric_ = std::min(min_numeric_, numeric);
    uint32_t props = kNoProps;
    if (!properties.empty()) {
      props = static_cast<uint32_t>(node_props_.size());
      node_props_.push_back(properties);
      node_props_bytes_ += BulkLoadBudget::PropertiesBytes(properties);
    }
    nodes_.Add(id, name, type_id, props);
    name_index_->Add(name);
    if (nodes_.size() % 4096 == 0 && !budget_.Fits(NodeTableBytes())) {
      return Stop(budget_.NodesTooLarge(NodeTableBytes(), nodes_.size(), /*all_nodes=*/false));
    }
    Progress("nodes", nodes_.size(), 0, 1 << 18);
    return absl::OkStatus();
  }

  absl::Status AddEdge(std::string_view src, std::string_view dst, std::string_view type,
                       const Properties& properties) {
    DOSSIER_RETURN_IF_ERROR(stop_);
    if (!nodes_final_) DOSSIER_RETURN_IF_ERROR(FinalizeNodes());
    const std::optional<TypeId> known_type = types_.Known(false, type);
    if (!known_type) DOSSIER_RETURN_IF_ERROR(ValidateTypeName("edge type", type));
    DOSSIER_RETURN_IF_ERROR(ValidateProperties("edge property", properties));
    DOSSIER_ASSIGN_OR_RETURN(NodeId src_id, Resolve(src, "source"));
    DOSSIER_ASSIGN_OR_RETURN(NodeId dst_id, Resolve(dst, "target"));
    TypeId type_id;
    if (known_type) {
      type_id = *known_type;
    } else {
      DOSSIER_ASSIGN_OR_RETURN(type_id, types_.Intern(false, type));
    }
    uint32_t props = kNoProps;
    if (!properties.empty()) {
      internal::EdgeRecord record;
      PropertiesToRecord(properties, record.mutable_properties());
      props = static_cast<uint32_t>(edge_props_.size());
      edge_props_.push_back(record.SerializeAsString());
      edge_props_bytes_ += sizeof(std::string) + edge_props_.back().capacity();
    }
    edges_.push_back({src_id, dst_id, type_id, props});
    ++edges_seen_;
    // Edges' properties stay in memory until the files are written, beside the runs.
    if (edges_.size() >= run_capacity_ ||
        edges_.size() * BulkLoadBudget::kEdgeSortBytes + edge_props_bytes_ > edge_bytes_) {
      DOSSIER_RETURN_IF_ERROR(SpillEdges());
      if (edge_props_bytes_ + BulkLoadBudget::kMinRunEdges * BulkLoadBudget::kEdgeSortBytes >
          edge_bytes_) {
        return Stop(budget_.EdgePropertiesTooLarge(edge_props_bytes_, stats_.node_table_bytes));
      }
    }
    Progress("edges", edges_seen_, 0, 1 << 20);
    return absl::OkStatus();
  }

  absl::StatusOr<BulkLoadStats> Commit() {
    DOSSIER_RETURN_IF_ERROR(stop_);
    if (!nodes_final_) DOSSIER_RETURN_IF_ERROR(FinalizeNodes());
    // Shared: a snapshot assembled from them keeps their memory (WriteOver).
    auto in_memory_out = std::make_shared<std::vector<AdjEntry>>();
    auto in_memory_in = std::make_shared<std::vector<AdjEntry>>();
    if (!out_runs_.empty() && !edges_.empty()) DOSSIER_RETURN_IF_ERROR(SpillEdges());
    // Spilled edges are beyond the memory budget: no room for a snapshot beside them, and
    // the refresher builds it from the database after the load as it would anyway. The node
    // writer may still be filling the directory: the assembler goes once it has finished.
    const bool assemble = assembler_ != nullptr && out_runs_.empty();
    if (out_runs_.empty()) {
      Progress("sorting", 0, edges_.size(), 1);
      SortBothDirections(&edges_, in_memory_out.get(), in_memory_in.get());
    }
    Progress("writing", 0, edges_seen_, 1);
    const std::string out_degrees_path = temp_dir_ + "/degrees-out",
                      in_degrees_path = temp_dir_ + "/degrees-in";
    DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<DegreeFileWriter> out_degrees,
                             DegreeFileWriter::Create(out_degrees_path));
    DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<DegreeFileWriter> in_degrees,
                             DegreeFileWriter::Create(in_degrees_path));
    absl::Status out_status, in_status;
    AdjacencySnapshot::Assembler* assembler = assemble ? assembler_.get() : nullptr;
    if (assembler != nullptr) {
      // WriteAdjacency reads each 24-byte entry before it adds an 8-byte one.
      static_assert(sizeof(AdjacencySnapshot::Entry) <= sizeof(AdjEntry));
      for (const bool out : {true, false}) {
        std::shared_ptr<std::vector<AdjEntry>>& sorted = out ? in_memory_out : in_memory_in;
        assembler->WriteOver(out, sorted, sorted->data(), sorted->capacity() * sizeof(AdjEntry));
      }
    }
    std::thread in_writer([&] {
      in_status = WriteAdjacency(false, in_runs_, out_runs_.empty() ? in_memory_in.get() : nullptr,
                                 in_degrees.get(), assembler);
    });
    out_status = WriteAdjacency(true, out_runs_, out_runs_.empty() ? in_memory_out.get() : nullptr,
                                out_degrees.get(), assembler);
    in_writer.join();
    if (node_writer_.joinable()) node_writer_.join();
    absl::StatusOr<std::vector<std::string>> name_files = name_index_->Wait();
    DOSSIER_RETURN_IF_ERROR(out_status);
    DOSSIER_RETURN_IF_ERROR(in_status);
    DOSSIER_RETURN_IF_ERROR(node_status_);
    DOSSIER_RETURN_IF_ERROR(name_files.status());
    AddSink(kNamesCf, std::move(*name_files));
    // Written: the degrees are merged without them (a snapshot being assembled keeps them).
    in_memory_out.reset();
    in_memory_in.reset();
    DOSSIER_ASSIGN_OR_RETURN(const uint64_t out_degree_count, out_degrees->Finish());
    DOSSIER_ASSIGN_OR_RETURN(const uint64_t in_degree_count, in_degrees->Finish());
    DOSSIER_RETURN_IF_ERROR(
        WriteDegrees({out_degrees_path, out_degree_count}, {in_degrees_path, in_degree_count}));
    DOSSIER_RETURN_IF_ERROR(WriteMeta());
    Progress("ingesting", 0, 0, 1);
    DOSSIER_RETURN_IF_ERROR(Ingest());
    // The writer lock is still held: the latest sequence is the state just ingested.
    if (assemble) {
      refresher_->Install(std::move(*assembler_).Finish(store_->db()->GetLatestSequenceNumber()));
    }
    assembler_.reset();
    store_->next_node_id = base_id_ + nodes_.size();
    types_.Keep();  // Now persisted.
    stats_.nodes_added = nodes_.size();
    stats_.spilled_runs = out_runs_.size();
    stats_.seconds = absl::ToDoubleSeconds(absl::Now() - start_);
    return stats_;
  }

 private:
  // The nodes' side of the budget, projected to its peak: the table and the nodes' properties,
  // the name index, and from when the nodes are final, each node's rank, id and type by rank
  // (16 bytes) and, while the node families are written beside the edges, a rank and a sort
  // item (48 bytes).
  uint64_t NodeTableBytes() const {
    return nodes_.bytes() + node_props_bytes_ + name_index_->ProjectedBytes() +
           uint64_t{nodes_.size()} * (16 + 48) + index_by_value_.capacity() * sizeof(uint32_t);
  }

  // Every later call fails with `status`; nothing is written.
  absl::Status Stop(absl::Status status) {
    stop_ = status;
    return status;
  }

  void Progress(const char* phase, uint64_t done, uint64_t total, uint64_t every) {
    if (options_.progress && (done % every == 0)) options_.progress({phase, done, total});
  }

  // Ids follow the external ids' order. The node families are written by a background thread
  // while the edges are read, and the name index (as much work again, begun while the nodes were
  // read) by another.
  absl::Status FinalizeNodes() {
    nodes_final_ = true;
    std::vector<uint32_t> order(nodes_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    if (all_numeric_) {
      std::vector<uint64_t> values(nodes_.size());
      for (uint32_t i = 0; i < nodes_.size(); ++i)
        ParseCanonicalUint(nodes_.external_id(i), &values[i]);
      std::sort(order.begin(), order.end(),
                [&](uint32_t a, uint32_t b) { return values[a] < values[b]; });
      // Ids numbered without gaps (a file's rows 1..N) resolve by arithmetic: a lookup in a
      // table of millions of ids per edge end is a cache miss, and was a fifth of the edge pass.
      // Other dense integer ids resolve through an array instead of hashing strings.
      if (max_numeric_ - min_numeric_ + 1 == nodes_.size()) {
        contiguous_ids_ = true;
      } else if (max_numeric_ < 4 * nodes_.size() + (1 << 20)) {
        index_by_value_.assign(max_numeric_ + 1, UINT32_MAX);
        for (uint32_t i = 0; i < nodes_.size(); ++i) index_by_value_[values[i]] = i;
      }
    } else {
      order = KeyOrder(nodes_.size(), [&](uint32_t i) { return nodes_.external_id(i); });
    }
    id_of_.resize(nodes_.size());
    node_type_by_rank_.resize(nodes_.size());
    for (uint32_t rank = 0; rank < order.size(); ++rank) {
      id_of_[order[rank]] = base_id_ + rank;
      node_type_by_rank_[rank] = nodes_.type(order[rank]);
    }
    order_ = std::move(order);
    // Every id that can be in the input then resolves by its value: the id index goes.
    if (all_numeric_ && (contiguous_ids_ || !index_by_value_.empty())) nodes_.DropIndex();
    // The edges get what the nodes and the writers leave of the budget.
    const uint64_t node_bytes = NodeTableBytes();
    stats_.node_table_bytes = node_bytes;
    if (!budget_.Fits(node_bytes)) {
      return Stop(budget_.NodesTooLarge(node_bytes, nodes_.size(), /*all_nodes=*/true));
    }
    edge_bytes_ = budget_.EdgeBytes(node_bytes);
    run_capacity_ = edge_bytes_ / BulkLoadBudget::kEdgeSortBytes;
    if (options_.max_run_edges != 0) {
      run_capacity_ = std::min<uint64_t>(run_capacity_, options_.max_run_edges);
    }
    stats_.edges_per_run = run_capacity_;
    // Reserved address space costs no memory until used.
    edges_.reserve(std::min(run_capacity_, options_.expected_edges));
    // Loaded into an empty database, the files hold the whole state: the adjacency snapshot is
    // assembled from the entries as they are written instead of read back from RocksDB after
    // the load (seconds of both cores at 10M edges). Its entries cost 8 bytes per edge end.
    const uint64_t id_limit = base_id_ + nodes_.size();
    if (refresher_ != nullptr && !database_has_nodes_ &&
        id_limit <= AdjacencySnapshot::kMaxNodeIds) {
      assembler_ = std::make_unique<AdjacencySnapshot::Assembler>(id_limit);
    }
    node_writer_ = std::thread([this] { node_status_ = WriteNodes(); });
    name_index_->Finish(&order_, &node_type_by_rank_, base_id_);
    return absl::OkStatus();
  }

  absl::StatusOr<NodeId> Resolve(std::string_view external_id, const char* role) {
    uint64_t value;
    if ((contiguous_ids_ || !index_by_value_.empty()) && ParseCanonicalUint(external_id, &value)) {
      if (contiguous_ids_ && value >= min_numeric_ && value <= max_numeric_) {
        return base_id_ + (value - min_numeric_);
      }
      if (value < index_by_value_.size() && index_by_value_[value] != UINT32_MAX) {
        return id_of_[index_by_value_[value]];
      }
    }
    if (nodes_.has_index()) {
      if (std::optional<uint32_t> index = nodes_.Find(external_id)) return id_of_[*index];
    }
    std::string key(external_id);
    if (auto it = existing_.find(key); it != existing_.end()) return it->second;
    std::string raw;
    if (database_has_nodes_ && store_->db()->Get({}, store_->cf(kExternalIdsCf), key, &raw).ok()) {
      NodeId id = DecodeFixed64BE(raw.data());
      std::string record_bytes;
      if (!store_->db()->Get({}, store_->cf(kNodesCf), NodeKey(id), &record_bytes).ok()) {
        return absl::DataLossError(
            absl::StrCat("external id '", key, "' points at a missing node"));
      }
      DOSSIER_ASSIGN_OR_RETURN(internal::NodeRecord record, DecodeNodeRecord(record_bytes));
      existing_types_[id] = record.type();
      existing_.emplace(std::move(key), id);
      return id;
    }
    return absl::NotFoundError(absl::StrCat("edge ", role, " '", key, "' is not a known node id"));
  }

  TypeId NodeTypeOf(NodeId id) const {
    if (id >= base_id_) return node_type_by_rank_[id - base_id_];
    auto it = existing_types_.find(id);
    return it == existing_types_.end() ? 0 : it->second;
  }

  void AddSink(ColumnFamily cf, std::vector<std::string> files) {
    std::lock_guard<std::mutex> lock(mu_);
    sinks_.push_back({cf, std::move(files)});
  }

  absl::Status SpillEdges() {
    const std::string n = std::to_string(out_runs_.size());
    SortEntries(&edges_);
    DOSSIER_ASSIGN_OR_RETURN(std::string out_path,
                             SpillRun(edges_, temp_dir_, "out-" + n + ".run"));
    for (AdjEntry& e : edges_) std::swap(e.anchor, e.other);
    SortEntries(&edges_);
    DOSSIER_ASSIGN_OR_RETURN(std::string in_path, SpillRun(edges_, temp_dir_, "in-" + n + ".run"));
    out_runs_.push_back(std::move(out_path));
    in_runs_.push_back(std::move(in_path));
    edges_.clear();
    return absl::OkStatus();
  }

  absl::Status WriteNodes() {
    DOSSIER_ASSIGN_OR_RETURN(
        NodeFamilyFiles files,
        WriteNodeFamilies(nodes_, order_, base_id_, node_props_,
                          assembler_ != nullptr ? assembler_->directory() : nullptr,
                          {.nodes = SstFileOptions(store_, kNodesCf),
                           .node_keys = SstFileOptions(store_, kNodeKeysCf),
                           .external_ids = SstFileOptions(store_, kExternalIdsCf),
                           .dir = temp_dir_}));
    AddSink(kNodesCf, std::move(files.nodes));
    AddSink(kNodeKeysCf, std::move(files.node_keys));
    AddSink(kExternalIdsCf, std::move(files.external_ids));
    node_counts_ = std::move(files.nodes_by_type);
    return absl::OkStatus();
  }

  // One direction's adjacency SST from its sorted entries, dropping repeats
  // and edges already stored, and counting degree runs as they pass.
  absl::Status WriteAdjacency(bool out, const std::vector<std::string>& runs,
                              const std::vector<AdjEntry>* memory, DegreeFileWriter* degrees,
                              AdjacencySnapshot::Assembler* assembler) {
    DOSSIER_ASSIGN_OR_RETURN(std::unique_ptr<RunMerger> merger, RunMerger::Open(runs, memory));
    const ColumnFamily cf = out ? kOutEdgesCf : kInEdgesCf;
    SstSink sink(SstFileOptions(store_, cf), temp_dir_, out ? "out-edges" : "in-edges");
    AdjEntry e, previous{};
    bool have_previous = false;
    uint64_t duplicates = 0, already = 0;
    std::vector<uint64_t> counts(out ? TypeRegistry::kMaxTypes : 0);
    std::string value, scratch;
    // The other end's type is a random read in a table of all new nodes (a cache miss per
    // entry, most of this loop's time): entries are taken kLookahead ahead of their use and
    // their types prefetched.
    constexpr size_t kLookahead = 32;
    AdjEntry ahead[kLookahead];
    size_t ahead_count = 0, next_ahead = 0;
    auto pull = [&](AdjEntry* slot) {
      if (!merger->Next(slot)) return false;
      if (slot->other >= base_id_) __builtin_prefetch(&node_type_by_rank_[slot->other - base_id_]);
      return true;
    };
    while (ahead_count < kLookahead && pull(&ahead[ahead_count])) ++ahead_count;
    while (ahead_count > 0) {
      e = ahead[next_ahead];
      if (!pull(&ahead[next_ahead])) {
        // The merger is drained: shift what is left so the ring becomes a plain queue.
        std::rotate(ahead, ahead + next_ahead + 1, ahead + ahead_count);
        --ahead_count;
        next_ahead = 0;
      } else {
        next_ahead = (next_ahead + 1) % kLookahead;
      }
      if (have_previous && AdjSameKey(e, previous)) {
        ++duplicates;
        continue;
      }
      have_previous = true;
      previous = e;
      const AdjacencyKeyBuffer key_bytes = EncodeAdjacencyKey(e.anchor, e.type, e.other);
      const rocksdb::Slice key(key_bytes.data(), key_bytes.size());
      if (e.anchor < base_id_ && e.other < base_id_ &&
          store_->db()->Get({}, store_->cf(cf), key, &scratch).ok()) {
        ++already;
        continue;
      }
      const TypeId other_type = NodeTypeOf(e.other);
      value.clear();
      PutFixed32BE(&value, other_type);
      if (out && e.props != kNoProps) value.append(edge_props_[e.props]);
      DOSSIER_RETURN_IF_ERROR(sink.Put(key, value));
      if (assembler != nullptr) assembler->Add(out, e.anchor, e.type, e.other, other_type);
      degrees->Count(e.anchor, e.type);
      if (out) ++counts[e.type];
    }
    DOSSIER_RETURN_IF_ERROR(merger->status());
    DOSSIER_RETURN_IF_ERROR(sink.Finish());
    std::lock_guard<std::mutex> lock(mu_);
    sinks_.push_back({cf, sink.files()});
    if (out) {
      stats_.duplicate_edges = duplicates;
      stats_.edges_already_stored = already;
      for (TypeId type = 0; type < counts.size(); ++type) {
        if (counts[type] == 0) continue;
        edge_counts_[type] = counts[type];
        stats_.edges_added += counts[type];
      }
    }
    return absl::OkStatus();
  }

  // The degrees family, once every other writer has finished: counters of nodes stored before
  // the load are added to.
  absl::Status WriteDegrees(const DegreeFile& out, const DegreeFile& in) {
    DOSSIER_ASSIGN_OR_RETURN(
        std::vector<std::string> files,
        WriteDegreeFamily(out, in, SstFileOptions(store_, kDegreesCf), temp_dir_,
                          [this](const std::string& key, NodeId node) -> uint64_t {
                            std::string stored;
                            if (node >= base_id_ ||
                                !store_->db()->Get({}, store_->cf(kDegreesCf), key, &stored).ok() ||
                                stored.size() != 8) {
                              return 0;
                            }
                            return DecodeFixed64BE(stored.data());
                          }));
    AddSink(kDegreesCf, std::move(files));
    return absl::OkStatus();
  }

  absl::Status WriteMeta() {
    std::map<std::string, std::string> meta;
    auto add_count = [&](const std::string& key, uint64_t delta) {
      std::string current;
      uint64_t value = delta;
      if (store_->db()->Get({}, store_->cf(kMetaCf), key, &current).ok() && current.size() == 8) {
        value += DecodeFixed64BE(current.data());
      }
      meta[key] = EncodeFixed64BE(value);
    };
    for (const auto& [type, n] : node_counts_) add_count(NodeCountKey(type), n);
    for (const auto& [type, n] : edge_counts_) add_count(EdgeCountKey(type), n);
    for (const auto& [is_node, name] : types_.added()) {
      TypeRegistry& registry = is_node ? store_->node_types() : store_->edge_types();
      meta[absl::StrCat(is_node ? kMetaNodeTypePrefix : kMetaEdgeTypePrefix, name)] =
          EncodeFixed32BE(*registry.Find(name));
    }
    meta[kMetaNextNodeId] = EncodeFixed64BE(base_id_ + nodes_.size());
    SstSink sink(SstFileOptions(store_, kMetaCf), temp_dir_, "meta");
    for (const auto& [key, value] : meta) DOSSIER_RETURN_IF_ERROR(sink.Put(key, value));
    DOSSIER_RETURN_IF_ERROR(sink.Finish());
    sinks_.push_back({kMetaCf, sink.files()});
    return absl::OkStatus();
  }

  // Every column family's files in one atomic ingestion.
  absl::Status Ingest() {
    // One argument per family (RocksDB refuses two); a family written by several threads has
    // files with disjoint key ranges.
    std::map<ColumnFamily, std::vector<std::string>> by_family;
    for (const auto& [cf, files] : sinks_) {
      by_family[cf].insert(by_family[cf].end(), files.begin(), files.end());
    }
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (auto& [cf, files] : by_family) {
      if (files.empty()) continue;
      rocksdb::IngestExternalFileArg arg;
      arg.column_family = store_->cf(cf);
      arg.external_files = std::move(files);
      arg.options.move_files = true;
      arg.options.allow_global_seqno = true;
      arg.options.allow_blocking_flush = true;
      args.push_back(std::move(arg));
    }
    if (args.empty()) return absl::OkStatus();
    return FromRocks(store_->db()->IngestExternalFiles(args));
  }

  GraphStore* store_;
  AdjacencyRefresher* refresher_;  // Null without an adjacency snapshot.
  std::unique_lock<std::mutex> lock_;
  BulkLoadOptions options_;
  BulkLoadBudget budget_;
  BulkTypeNames types_;
  absl::Time start_;
  std::string temp_dir_;
  uint64_t base_id_ = 1;
  uint64_t run_capacity_ = 0;  // Edges sorted in memory at once, from the budget.
  uint64_t edge_bytes_ = 0;    // The budget's share for the edges.
  uint64_t node_props_bytes_ = 0, edge_props_bytes_ = 0;
  absl::Status stop_;
  bool database_has_nodes_ = false;
  bool nodes_final_ = false;
  bool all_numeric_ = true;
  uint64_t max_numeric_ = 0;
  uint64_t min_numeric_ = UINT64_MAX;
  bool contiguous_ids_ = false;  // Numeric ids min..max, each once: rank = value - min.

  BulkNodeTable nodes_;
  std::vector<Properties> node_props_;
  std::vector<uint32_t> index_by_value_;
  std::vector<NodeId> id_of_;
  std::vector<TypeId> node_type_by_rank_;
  absl::flat_hash_map<std::string, NodeId> existing_;
  absl::flat_hash_map<NodeId, TypeId> existing_types_;

  std::vector<AdjEntry> edges_;
  std::vector<std::string> edge_props_;
  uint64_t edges_seen_ = 0;
  std::vector<std::string> out_runs_, in_runs_;

  std::vector<uint32_t> order_;  // Node indexes in id order, once the nodes are final.
  // While loading into an empty database with a snapshot kept: the snapshot of the result.
  std::unique_ptr<AdjacencySnapshot::Assembler> assembler_;
  std::thread node_writer_;
  absl::Status node_status_;
  // Started with the loader: names are normalised while the nodes are read.
  std::unique_ptr<BulkNameIndex> name_index_;
  std::mutex mu_;  // Guards sinks_ and stats_ across the writer threads.
  std::vector<std::pair<ColumnFamily, std::vector<std::string>>> sinks_;
  std::map<TypeId, uint64_t> node_counts_;
  std::map<TypeId, uint64_t> edge_counts_;
  BulkLoadStats stats_;
};

BulkLoader::BulkLoader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
BulkLoader::~BulkLoader() = default;

absl::StatusOr<std::unique_ptr<BulkLoader>> BulkLoader::Begin(Graph* graph,
                                                              const BulkLoadOptions& options) {
  if (graph->store()->read_only()) {
    return absl::FailedPreconditionError("database is open read-only; bulk loading is refused");
  }
  auto impl = std::make_unique<Impl>(graph, options);
  DOSSIER_RETURN_IF_ERROR(impl->Init());
  return std::unique_ptr<BulkLoader>(new BulkLoader(std::move(impl)));
}

absl::Status BulkLoader::AddNode(std::string_view external_id, std::string_view type,
                                 std::string_view name, const Properties& properties) {
  return impl_->AddNode(external_id, type, name, properties);
}

absl::Status BulkLoader::AddEdge(std::string_view src_external_id, std::string_view dst_external_id,
                                 std::string_view type, const Properties& properties) {
  return impl_->AddEdge(src_external_id, dst_external_id, type, properties);
}

absl::StatusOr<BulkLoadStats> BulkLoader::Commit() { return impl_->Commit(); }

bool BulkLoader::stopped() const { return impl_->stopped(); }

}  // namespace dossier::graph
