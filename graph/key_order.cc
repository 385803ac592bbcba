#include "graph/key_order.h"

#include <algorithm>
#include <cstring>

#include "graph/key_codec.h"

namespace dossier::graph {

std::vector<uint32_t> KeyOrder(size_t count, absl::FunctionRef<std::string_view(uint32_t)> key_of) {
  struct Item {
    uint64_t high;  // Bytes 0-7, big-endian, zero-padded: orders as the bytes do.
    uint64_t low;   // Bytes 8-15.
    std::string_view key;
    uint32_t index;
  };
  std::vector<Item> items(count);
  for (uint32_t i = 0; i < count; ++i) {
    const std::string_view key = key_of(i);
    char head[16] = {};
    if (!key.empty()) std::memcpy(head, key.data(), std::min<size_t>(key.size(), sizeof(head)));
    items[i] = {DecodeFixed64BE(head), DecodeFixed64BE(head + 8), key, i};
  }
  // Zero padding makes "ab" and "ab\0" share a head: the strings then decide, as they do for
  // any two keys alike in their first 16 bytes.
  std::sort(items.begin(), items.end(), [&](const Item& a, const Item& b) {
    if (a.high != b.high) return a.high < b.high;
    if (a.low != b.low) return a.low < b.low;
    const int order = a.key.compare(b.key);
    return order != 0 ? order < 0 : a.index < b.index;
  });
  std::vector<uint32_t> order(count);
  for (size_t r = 0; r < count; ++r) order[r] = items[r].index;
  return order;
}

void SortIntegerKeys(std::vector<uint64_t>* keys) {
  constexpr size_t kSmall = 1 << 12;  // Below this a comparison sort is as fast and needs no copy.
  if (keys->size() < kSmall) {
    std::sort(keys->begin(), keys->end());
    return;
  }
  uint64_t all_or = 0, all_and = ~uint64_t{0};
  for (const uint64_t k : *keys) {
    all_or |= k;
    all_and &= k;
  }
  const uint64_t varying = all_or & ~all_and;  // Bits that are not the same in every key.
  // 11-bit digits: 2,048 places a pass writes to stay within the caches; 16-bit ones were 1.5
  // times slower over 6.4M name-index keys (65,536 places thrash them).
  constexpr int kDigitBits = 11;
  constexpr uint64_t kDigitMask = (uint64_t{1} << kDigitBits) - 1;
  std::vector<uint64_t> scratch(keys->size());
  std::vector<uint64_t>* from = keys;
  std::vector<uint64_t>* to = &scratch;
  std::vector<size_t> next(size_t{1} << kDigitBits);
  for (int shift = 0; shift < 64;) {
    if (((varying >> shift) & 1) == 0) {  // A digit starts at the next bit that varies.
      ++shift;
      continue;
    }
    std::fill(next.begin(), next.end(), 0);
    for (const uint64_t k : *from) ++next[(k >> shift) & kDigitMask];
    size_t start = 0;
    for (size_t& n : next) {
      const size_t count = n;
      n = start;
      start += count;
    }
    for (const uint64_t k : *from) (*to)[next[(k >> shift) & kDigitMask]++] = k;
    std::swap(from, to);
    shift += kDigitBits;
  }
  if (from != keys) keys->swap(*from);
}

}  // namespace dossier::graph
