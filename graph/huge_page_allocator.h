// An allocator for the in-memory snapshot's big arrays that asks the kernel for transparent
// huge pages (2 MiB) on them.
//
// Traversals jump around hundreds of megabytes of adjacency lists: with 4 KiB pages nearly
// every step also misses the TLB, and building the arrays takes a page fault every 4 KiB.
// Debian's default (transparent_hugepage=madvise) gives huge pages only to memory that asks.
// The request is a hint: where the kernel declines, the memory is ordinary. DOSSIER_NO_HUGEPAGE=1
// in the environment leaves it out, to compare.
#ifndef DOSSIER_GRAPH_HUGE_PAGE_ALLOCATOR_H_
#define DOSSIER_GRAPH_HUGE_PAGE_ALLOCATOR_H_

#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <new>
#include <vector>

namespace dossier::graph {

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: converting, as allocators are.

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) {
      return static_cast<T*>(::operator new (bytes, std::align_val_t{alignof(T)}));
    }
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
    if (std::getenv("DOSSIER_NO_HUGEPAGE") == nullptr) madvise(p, rounded, MADV_HUGEPAGE);
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) < kHugePage) {
      ::operator delete (p, std::align_val_t{alignof(T)});
    } else {
      std::free(p);
    }
  }

  friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
};

template <typename T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace dossier::graph

#endif  // DOSSIER_GRAPH_HUGE_PAGE_ALLOCATOR_H_
