// Parse throughput of CsvReader on edge-list-like and quoted-name-like data.
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "loader/csv_reader.h"

namespace {

std::string MakeCsv(int rows, bool quoted) {
  std::string data = "src,dst,type\n";
  for (int i = 0; i < rows; ++i) {
    data += std::to_string(i * 7919 % 1000003) + "," + std::to_string(i) +
            (quoted ? ",\"Committee \"\"Solidarity\"\", Minsk\"\n" : ",ADDRESSED_TO\n");
  }
  return data;
}

void BM_Parse(benchmark::State& state) {
  const std::string data = MakeCsv(100000, state.range(0) != 0);
  std::vector<std::string_view> fields;
  for (auto _ : state) {
    auto reader = dossier::csv::CsvReader::FromString(data);
    int64_t records = 0;
    while (*reader->Next(&fields)) ++records;
    benchmark::DoNotOptimize(records);
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(data.size()));
}
BENCHMARK(BM_Parse)->Arg(0)->Arg(1);

}  // namespace

BENCHMARK_MAIN();
