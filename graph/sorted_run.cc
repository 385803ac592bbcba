#include "graph/sorted_run.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <thread>

#include "absl/strings/str_cat.h"

namespace dossier::graph {

void SortEntries(std::vector<AdjEntry>* entries) {
  constexpr size_t kParallelThreshold = 1 << 20;
  if (entries->size() < kParallelThreshold) {
    std::sort(entries->begin(), entries->end(), AdjOrder{});
    return;
  }
  auto mid = entries->begin() + static_cast<std::ptrdiff_t>(entries->size() / 2);
  std::thread half([&] { std::sort(entries->begin(), mid, AdjOrder{}); });
  std::sort(mid, entries->end(), AdjOrder{});
  half.join();
  std::inplace_merge(entries->begin(), mid, entries->end(), AdjOrder{});
}

namespace {

// A two-level radix split of the node ids the anchors span: the high bits pick one of up to a
// few thousand buckets (a streaming pass writes to that many places at once, which the caches
// hold), the low bits an id within a bucket (a bucket's entries fit in the L2 cache, so that
// pass is cheap). One level over a million ids wrote all over 240 MB and was slower than the
// std::sort it replaced.
struct RadixPlan {
  uint64_t first = 0;  // Lowest id.
  int shift = 0;       // Bucket of id = (id - first) >> shift.
  size_t buckets = 0;
};

std::optional<RadixPlan> PlanRadix(const std::vector<AdjEntry>& entries) {
  if (entries.empty()) return std::nullopt;
  uint64_t lo = UINT64_MAX, hi = 0;
  for (const AdjEntry& e : entries) {
    lo = std::min({lo, e.anchor, e.other});
    hi = std::max({hi, e.anchor, e.other});
  }
  // Ids spread far wider than the entries (not a load's dense ids): compare instead.
  const uint64_t span = hi - lo + 1;
  if (span > 4 * static_cast<uint64_t>(entries.size()) + (1 << 16)) return std::nullopt;
  const uint64_t target = std::clamp<uint64_t>(entries.size() / 2048, 1, 4096);
  int shift = 0;
  while (((span - 1) >> shift) + 1 > target) ++shift;
  return RadixPlan{lo, shift, static_cast<size_t>(((span - 1) >> shift) + 1)};
}

// Copies `from` into `to` (same size) grouped by the high bits of the anchor, after swapping
// anchor and other if `reverse`; returns where each bucket starts (and, last, the end).
std::vector<uint64_t> ScatterByHighBits(const std::vector<AdjEntry>& from, bool reverse,
                                        const RadixPlan& plan, std::vector<AdjEntry>* to) {
  std::vector<uint64_t> starts(plan.buckets + 1, 0);
  for (const AdjEntry& e : from) {
    ++starts[(((reverse ? e.other : e.anchor) - plan.first) >> plan.shift) + 1];
  }
  for (size_t b = 1; b <= plan.buckets; ++b) starts[b] += starts[b - 1];
  std::vector<uint64_t> next(starts.begin(), starts.end() - 1);
  for (const AdjEntry& e : from) {
    const uint64_t anchor = reverse ? e.other : e.anchor;
    (*to)[next[(anchor - plan.first) >> plan.shift]++] =
        reverse ? AdjEntry{e.other, e.anchor, e.type, e.props} : e;
  }
  return starts;
}

// Within each bucket: an in-place counting sort by the low bits (each entry swapped straight
// into its anchor's next free slot), then each anchor's few entries sorted by the full key.
void SortWithinBuckets(std::vector<AdjEntry>* entries, const std::vector<uint64_t>& starts,
                       const RadixPlan& plan) {
  std::vector<AdjEntry>& v = *entries;
  const uint64_t mask = (uint64_t{1} << plan.shift) - 1;
  std::vector<uint64_t> next(mask + 2), ends(mask + 1);
  for (size_t b = 0; b < plan.buckets; ++b) {
    const uint64_t begin = starts[b], end = starts[b + 1];
    if (end - begin < 2) continue;
    auto low = [&](const AdjEntry& e) { return (e.anchor - plan.first) & mask; };
    std::fill(next.begin(), next.end(), 0);
    for (uint64_t i = begin; i < end; ++i) ++next[low(v[i]) + 1];
    next[0] = begin;
    for (size_t id = 1; id <= mask + 1; ++id) next[id] += next[id - 1];
    for (size_t id = 0; id <= mask; ++id) ends[id] = next[id + 1];
    for (size_t id = 0; id <= mask; ++id) {
      while (next[id] < ends[id]) {
        AdjEntry e = v[next[id]];
        size_t home = low(e);
        while (home != id) {
          std::swap(e, v[next[home]++]);
          home = low(e);
        }
        v[next[id]++] = e;
      }
    }
    for (uint64_t i = begin; i < end;) {
      uint64_t j = i + 1;
      while (j < end && v[j].anchor == v[i].anchor) ++j;
      if (j - i > 1) std::sort(v.begin() + i, v.begin() + j, AdjOrder{});
      i = j;
    }
  }
}

}  // namespace

void SortBothDirections(std::vector<AdjEntry>* edges, std::vector<AdjEntry>* out,
                        std::vector<AdjEntry>* in) {
  const std::optional<RadixPlan> plan = PlanRadix(*edges);
  if (!plan) {
    in->resize(edges->size());
    for (size_t i = 0; i < edges->size(); ++i) {
      const AdjEntry& e = (*edges)[i];
      (*in)[i] = {e.other, e.anchor, e.type, e.props};
    }
    out->swap(*edges);
    edges->clear();
    std::thread in_sorter([in] { std::sort(in->begin(), in->end(), AdjOrder{}); });
    std::sort(out->begin(), out->end(), AdjOrder{});
    in_sorter.join();
    return;
  }
  // Two arrays in all, as for the sorts: the out direction is scattered into a new one, the in
  // direction from there back into the input's.
  std::vector<AdjEntry> grouped_out(edges->size());
  const std::vector<uint64_t> out_starts = ScatterByHighBits(*edges, false, *plan, &grouped_out);
  const std::vector<uint64_t> in_starts = ScatterByHighBits(grouped_out, true, *plan, edges);
  std::thread in_sorter([&] { SortWithinBuckets(edges, in_starts, *plan); });
  SortWithinBuckets(&grouped_out, out_starts, *plan);
  in_sorter.join();
  out->swap(grouped_out);
  in->swap(*edges);
  edges->clear();
}

absl::StatusOr<std::string> SpillRun(const std::vector<AdjEntry>& sorted, const std::string& dir,
                                     const std::string& name) {
  std::string path = absl::StrCat(dir, "/", name);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return absl::InternalError(absl::StrCat("cannot create ", path));
  size_t written = std::fwrite(sorted.data(), sizeof(AdjEntry), sorted.size(), f);
  bool ok = written == sorted.size() && std::fclose(f) == 0;
  if (!ok) return absl::DataLossError(absl::StrCat("writing ", path, " failed (disk full?)"));
  return path;
}

struct RunMerger::Source {
  std::FILE* file = nullptr;
  const std::vector<AdjEntry>* memory = nullptr;
  std::vector<AdjEntry> buffer;
  size_t pos = 0;
  size_t memory_pos = 0;
  AdjEntry current{};

  ~Source() {
    if (file != nullptr) std::fclose(file);
  }

  // Loads the next entry into `current`; false at the end.
  bool Advance() {
    if (memory != nullptr) {
      if (memory_pos >= memory->size()) return false;
      current = (*memory)[memory_pos++];
      return true;
    }
    if (pos == buffer.size()) {
      buffer.resize(1 << 16);
      size_t n = std::fread(buffer.data(), sizeof(AdjEntry), buffer.size(), file);
      buffer.resize(n);
      pos = 0;
      if (n == 0) return false;
    }
    current = buffer[pos++];
    return true;
  }
};

RunMerger::~RunMerger() = default;

absl::StatusOr<std::unique_ptr<RunMerger>> RunMerger::Open(const std::vector<std::string>& files,
                                                           const std::vector<AdjEntry>* memory) {
  std::unique_ptr<RunMerger> merger(new RunMerger());
  for (const std::string& path : files) {
    auto source = std::make_unique<Source>();
    source->file = std::fopen(path.c_str(), "rb");
    if (source->file == nullptr) return absl::InternalError(absl::StrCat("cannot read ", path));
    merger->sources_.push_back(std::move(source));
  }
  if (memory != nullptr) {
    auto source = std::make_unique<Source>();
    source->memory = memory;
    merger->sources_.push_back(std::move(source));
  }
  auto greater = [&m = *merger](size_t a, size_t b) {
    return AdjLess(m.sources_[b]->current, m.sources_[a]->current);
  };
  for (size_t i = 0; i < merger->sources_.size(); ++i) {
    if (merger->sources_[i]->Advance()) merger->heap_.push_back(i);
  }
  std::make_heap(merger->heap_.begin(), merger->heap_.end(), greater);
  return merger;
}

bool RunMerger::Next(AdjEntry* entry) {
  if (heap_.empty()) return false;
  auto greater = [this](size_t a, size_t b) {
    return AdjLess(sources_[b]->current, sources_[a]->current);
  };
  std::pop_heap(heap_.begin(), heap_.end(), greater);
  size_t top = heap_.back();
  *entry = sources_[top]->current;
  if (sources_[top]->Advance()) {
    std::push_heap(heap_.begin(), heap_.end(), greater);
  } else {
    heap_.pop_back();
    if (sources_[top]->file != nullptr && std::ferror(sources_[top]->file)) {
      status_ = absl::DataLossError("reading a sorted run failed");
    }
  }
  return true;
}

}  // namespace dossier::graph
