#include "graph/sorted_run.h"

#include <algorithm>
#include <cstdio>
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
