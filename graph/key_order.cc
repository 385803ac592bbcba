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
    std::memcpy(head, key.data(), std::min<size_t>(key.size(), sizeof(head)));
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

}  // namespace dossier::graph
