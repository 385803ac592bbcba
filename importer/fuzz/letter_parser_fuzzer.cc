// libFuzzer entry point: ExtractLetter must return a Status or an extraction for any bytes,
// never crash, and every evidence span must lie inside the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "importer/letter_parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dossier::importer;
  static const Gazetteer* g = [] {
    auto loaded = Gazetteer::Load(Gazetteer::DefaultDataDir());
    if (!loaded.ok()) std::abort();
    return new Gazetteer(std::move(*loaded));
  }();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto x = ExtractLetter(bytes, "fuzz.txt", *g, ExtractOptions{});
  if (!x.ok()) return 0;
  for (const Relation& r : x->relations) {
    if (r.evidence.span.end > size || r.evidence.span.start > r.evidence.span.end) std::abort();
  }
  return 0;
}
