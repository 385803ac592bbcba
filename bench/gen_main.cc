// dossier_bench_gen: writes a generated graph and its workload.
//
//   dossier_bench_gen --nodes 1000000 --edges 10000000 --seed 1 --out DIR
//
// Produces DIR/nodes.csv, DIR/edges.csv and DIR/workload.json; the same
// arguments always produce byte-identical files.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "CLI/CLI.hpp"
#include "bench/graph_generator.h"
#include "bench/workload.h"
#include "bench/workload_sampler.h"

namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using dossier::bench::GeneratorOptions;
  using dossier::bench::GraphGenerator;
  using dossier::bench::WorkloadSizes;
  CLI::App app{"Generates a Dossier benchmark graph (CSV) and its workload (JSON)."};
  GeneratorOptions options;
  WorkloadSizes sizes;
  std::string out_dir;
  app.add_option("--nodes", options.nodes, "Number of nodes")->default_val(options.nodes);
  app.add_option("--edges", options.edges, "Number of edges")->default_val(options.edges);
  app.add_option("--seed", options.seed, "Random seed")->default_val(options.seed);
  app.add_option("--out", out_dir, "Output directory")->required();
  app.add_option("--q1", sizes.q1, "Q1 queries")->default_val(sizes.q1);
  app.add_option("--q2", sizes.q2, "Q2 queries")->default_val(sizes.q2);
  app.add_option("--q3", sizes.q3, "Q3 queries")->default_val(sizes.q3);
  app.add_option("--q4", sizes.q4, "Q4 queries")->default_val(sizes.q4);
  app.add_option("--q5", sizes.q5, "Q5 queries")->default_val(sizes.q5);
  app.add_option("--q6", sizes.q6, "Q6 queries")->default_val(sizes.q6);
  app.add_option("--q7_pages", sizes.q7_pages_per_supernode, "Q7 pages per supernode")
      ->default_val(sizes.q7_pages_per_supernode);
  CLI11_PARSE(app, argc, argv);

  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    std::fprintf(stderr, "cannot create %s: %s\n", out_dir.c_str(), ec.message().c_str());
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  absl::StatusOr<GraphGenerator> graph = GraphGenerator::Create(options);
  if (!graph.ok()) {
    std::fprintf(stderr, "%s\n", graph.status().ToString().c_str());
    return 1;
  }
  absl::StatusOr<dossier::bench::GeneratedCounts> counts = graph->WriteCsv(out_dir);
  if (!counts.ok()) {
    std::fprintf(stderr, "%s\n", counts.status().ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %lld nodes, %lld edges in %.1f s\n",
               static_cast<long long>(counts->nodes), static_cast<long long>(counts->edges),
               SecondsSince(start));
  start = std::chrono::steady_clock::now();
  absl::StatusOr<dossier::bench::WorkloadSample> sample =
      dossier::bench::SampleWorkload(*graph, sizes, options.seed);
  if (!sample.ok()) {
    std::fprintf(stderr, "%s\n", sample.status().ToString().c_str());
    return 1;
  }
  if (absl::Status s =
          dossier::bench::WriteWorkloadFile(sample->workload, out_dir + "/workload.json");
      !s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote workload in %.1f s\n%s", SecondsSince(start),
               sample->summary.c_str());
  return 0;
}
