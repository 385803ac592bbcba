// dossier_bench_adjacency_layout: what the bulk load's adjacency files cost to write, one key an
// edge (the on-disk format today) against a node's neighbours packed several to a key, for the
// same edges, through the loader's own SstSink and the store's own column-family options. A
// measurement for a format decision; not part of `make bench`.
//
//   dossier_bench_adjacency_layout --nodes nodes.csv --edges edges.csv --per-key 1,16,64,256
//
// Node ids must be integers (the generator's are). For each layout, both directions are
// written on one thread, and keys, file bytes, wall and thread CPU seconds are reported. A run
// of up to N neighbours of one node through one edge type becomes one key, [node][edge
// type][first neighbour], whose value holds each neighbour as a varint gap from the one before
// and its 4-byte node type: what a packed format would store in place of N keys.
#include <time.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/container/flat_hash_map.h"
#include "graph/key_codec.h"
#include "graph/record_codec.h"
#include "graph/sst_sink.h"
#include "graph/store.h"
#include "graph/store_options.h"
#include "loader/csv_reader.h"

namespace {

using dossier::graph::ColumnFamily;
using dossier::graph::NodeId;
using dossier::graph::TypeId;

struct Adjacent {
  NodeId anchor;
  TypeId type;
  NodeId other;
  friend bool operator<(const Adjacent& a, const Adjacent& b) {
    if (a.anchor != b.anchor) return a.anchor < b.anchor;
    if (a.type != b.type) return a.type < b.type;
    return a.other < b.other;
  }
};

double ThreadCpuSeconds() {
  timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Reads a CSV's rows as (first, second, third) fields, failing on the first bad one.
bool ReadRows(
    const std::string& path,
    const std::function<bool(std::string_view, std::string_view, std::string_view)>& row) {
  auto reader = dossier::csv::CsvReader::Open(path);
  if (!reader.ok()) {
    std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
    return false;
  }
  std::vector<std::string_view> fields;
  bool header = true;
  while (true) {
    absl::StatusOr<bool> more = (*reader)->Next(&fields);
    if (!more.ok()) {
      std::fprintf(stderr, "%s\n", more.status().ToString().c_str());
      return false;
    }
    if (!*more) return true;
    if (header) {
      header = false;
      continue;
    }
    if (fields.size() < 3 || !row(fields[0], fields[1], fields[2])) {
      std::fprintf(stderr, "%s:%lld: expected an integer id and two more fields\n", path.c_str(),
                   static_cast<long long>((*reader)->line()));
      return false;
    }
  }
}

bool ParseId(std::string_view text, uint64_t* id) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), *id);
  return error == std::errc() && end == text.data() + text.size();
}

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

struct Written {
  uint64_t keys = 0;
  uint64_t bytes = 0;
  double wall = 0;
  double cpu = 0;
};

// Writes `sorted` (one direction) as `per_key` neighbours a key.
bool WriteDirection(const std::vector<Adjacent>& sorted, const std::vector<TypeId>& node_types,
                    size_t per_key, bool out_direction, const rocksdb::Options& options,
                    const std::string& dir, const std::string& name, Written* written) {
  dossier::graph::SstSink sink(options, dir, name);
  const auto wall_start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuSeconds();
  const dossier::graph::internal::EdgeRecord no_properties;
  std::string value;
  absl::Status status;
  for (size_t i = 0; i < sorted.size() && status.ok();) {
    const Adjacent& first = sorted[i];
    const auto key = dossier::graph::EncodeAdjacencyKey(first.anchor, first.type, first.other);
    if (per_key == 1) {
      const TypeId type = node_types[first.other];
      value = out_direction ? dossier::graph::EncodeOutEdgeValue(type, no_properties)
                            : dossier::graph::EncodeInEdgeValue(type);
      ++i;
    } else {
      value.clear();
      NodeId previous = first.other;
      size_t j = i;
      for (; j < sorted.size() && j - i < per_key && sorted[j].anchor == first.anchor &&
             sorted[j].type == first.type;
           ++j) {
        PutVarint(&value, sorted[j].other - previous);
        previous = sorted[j].other;
        dossier::graph::PutFixed32BE(&value, node_types[sorted[j].other]);
      }
      i = j;
    }
    status = sink.Put(rocksdb::Slice(key.data(), key.size()), value);
  }
  if (status.ok()) status = sink.Finish();
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", name.c_str(), status.ToString().c_str());
    return false;
  }
  written->cpu += ThreadCpuSeconds() - cpu_start;
  written->wall +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  written->keys += sink.entries();
  for (const std::string& file : sink.files()) written->bytes += std::filesystem::file_size(file);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Cost of writing the adjacency families: one key an edge against packed keys."};
  std::string nodes_path, edges_path, work_dir = "/tmp/dossier-adjacency-layout";
  std::vector<size_t> per_key = {1, 16, 64, 256};
  app.add_option("--nodes", nodes_path, "nodes.csv (id,type,name; integer ids)")->required();
  app.add_option("--edges", edges_path, "edges.csv (src,dst,type)")->required();
  app.add_option("--per-key", per_key, "Neighbours a key, one layout each (1: today's format)")
      ->delimiter(',');
  app.add_option("--work-dir", work_dir, "Where the SST files are written (emptied first)");
  CLI11_PARSE(app, argc, argv);

  absl::flat_hash_map<std::string, TypeId> type_ids;
  auto intern = [&](std::string_view name) {
    return type_ids.try_emplace(std::string(name), type_ids.size() + 1).first->second;
  };
  std::vector<TypeId> node_types;
  if (!ReadRows(nodes_path, [&](std::string_view id, std::string_view type, std::string_view) {
        uint64_t n;
        if (!ParseId(id, &n) || n > (1u << 30)) return false;
        if (node_types.size() <= n) node_types.resize(n + 1, 0);
        node_types[n] = intern(type);
        return true;
      })) {
    return 1;
  }
  std::vector<Adjacent> out, in;
  if (!ReadRows(edges_path, [&](std::string_view src, std::string_view dst, std::string_view type) {
        uint64_t s, d;
        if (!ParseId(src, &s) || !ParseId(dst, &d) || s >= node_types.size() ||
            d >= node_types.size()) {
          return false;
        }
        const TypeId t = intern(type);
        out.push_back({s, t, d});
        in.push_back({d, t, s});
        return true;
      })) {
    return 1;
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Adjacent& a, const Adjacent& b) { return !(a < b || b < a); }),
            out.end());
  std::sort(in.begin(), in.end());
  in.erase(std::unique(in.begin(), in.end(),
                       [](const Adjacent& a, const Adjacent& b) { return !(a < b || b < a); }),
           in.end());

  const dossier::graph::StoreOptions store = dossier::graph::BuildStoreOptions({});
  auto options_for = [&](ColumnFamily cf) {
    rocksdb::Options options(store.db, store.column_families[cf]);
    options.bottommost_compression = options.compression;  // As the bulk loader writes them.
    return options;
  };
  std::printf("%zu out-edges, %zu in-edges (distinct)\n\n", out.size(), in.size());
  std::printf("| neighbours a key | keys | file MB | wall s | thread CPU s | CPU vs 1 a key |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|\n");
  double baseline_cpu = 0;
  for (size_t n : per_key) {
    if (n == 0) continue;
    std::error_code ec;
    std::filesystem::remove_all(work_dir, ec);
    std::filesystem::create_directories(work_dir, ec);
    Written written;
    const std::string tag = std::to_string(n);
    if (!WriteDirection(out, node_types, n, true, options_for(dossier::graph::kOutEdgesCf),
                        work_dir, "out-" + tag, &written) ||
        !WriteDirection(in, node_types, n, false, options_for(dossier::graph::kInEdgesCf), work_dir,
                        "in-" + tag, &written)) {
      return 1;
    }
    if (n == 1) baseline_cpu = written.cpu;
    std::printf(
        "| %zu | %llu | %.1f | %.2f | %.2f | %s |\n", n,
        static_cast<unsigned long long>(written.keys), written.bytes / 1e6, written.wall,
        written.cpu,
        baseline_cpu > 0 ? std::to_string(written.cpu / baseline_cpu).substr(0, 5).c_str() : "-");
    std::fflush(stdout);
  }
  std::error_code ec;
  std::filesystem::remove_all(work_dir, ec);
  return 0;
}
