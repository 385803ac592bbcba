// dossier_bench_import: throughput of `dossier import` (the letter importer:
// each letter atomic, committed in batches of up to 1,024 letters, the shipped default; a batch
// of about 200 letters or more is written as synced, ingested SST files, a smaller one through
// the write-ahead log)
// on generated variants of the letters corpus
// (letter_variants.h).
//
//   dossier_bench_import --dossier-binary build/dossier --letters-dir tests/data/letters
//       --count 600 [--modes wal,sync] [--markdown out.md] [--work-dir DIR]
//
// Writes COUNT variants into WORK/letters, then for each mode times one
// `dossier import --db WORK/db-MODE --json WORK/letters` into a fresh
// database: "wal" is the shipped durability (write-ahead log, no fsync, for
// small batches; large ones are synced SST files either way), "sync" adds
// --sync (an fsync per commit). The time is the whole process's:
// start-up and opening the database are included, amortised over COUNT.
//
// Exit status: 0 when every import exited 0 with every letter imported, 2
// otherwise, 1 on bad arguments.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "bench/child_process.h"
#include "bench/dossier_server.h"
#include "bench/letter_variants.h"
#include "nlohmann/json.hpp"

namespace {

namespace fs = std::filesystem;
using dossier::bench::CommandResult;

struct ModeResult {
  std::string mode;
  CommandResult run;
  CommandResult one;  // The same command on the first letter alone.
  int64_t imported = 0;
  int64_t other = 0;  // Lines whose status is not "imported".
  int64_t nodes_added = 0;
  int64_t edges_added = 0;
  int64_t warnings = 0;
};

void Tally(const std::string& stdout_path, ModeResult* r) {
  std::ifstream in(stdout_path);
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    if (j.value("status", "") == "imported") {
      ++r->imported;
    } else {
      ++r->other;
    }
    r->nodes_added += j.value("nodes_added", int64_t{0});
    r->edges_added += j.value("edges_added", int64_t{0});
    if (j.contains("warnings") && j["warnings"].is_array()) r->warnings += j["warnings"].size();
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = dossier::bench::DefaultDossierBinary();
  std::string letters_dir = "tests/data/letters";
  int64_t count = 600;
  std::string modes_flag = "wal,sync";
  std::string work_dir, markdown;
  uint64_t seed = 1;
  bool keep = false;
  CLI::App app{"Throughput of `dossier import` on generated variants of the letters corpus."};
  app.add_option("--dossier-binary", binary, "The dossier executable")->capture_default_str();
  app.add_option("--letters-dir", letters_dir, "NAME.txt + NAME.expected.json")
      ->capture_default_str();
  app.add_option("--count", count, "Letters to generate and import")->capture_default_str();
  app.add_option("--modes", modes_flag, "wal (shipped: WAL, no fsync) and/or sync (--sync)")
      ->capture_default_str();
  app.add_option("--work-dir", work_dir, "Letters, databases and logs (default: a temp dir)");
  app.add_flag("--keep-work-dir", keep, "Keep them");
  app.add_option("--markdown", markdown, "Also write the table here");
  app.add_option("--seed", seed, "Generated names")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  std::vector<std::string> modes = absl::StrSplit(modes_flag, ',', absl::SkipEmpty());
  for (const std::string& m : modes) {
    if (m != "wal" && m != "sync") {
      std::fprintf(stderr, "unknown mode %s (wal, sync)\n", m.c_str());
      return 1;
    }
  }
  if (count <= 0) {
    std::fprintf(stderr, "--count must be positive\n");
    return 1;
  }

  auto corpus = dossier::bench::ReadLetterCorpus(letters_dir);
  if (!corpus.ok()) {
    std::fprintf(stderr, "%s\n", corpus.status().ToString().c_str());
    return 1;
  }
  bool made_dir = false;
  if (work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp && *tmp ? tmp : "/tmp", "/dossier-import-XXXXXX");
    if (mkdtemp(pattern.data()) == nullptr) {
      std::fprintf(stderr, "mkdtemp failed\n");
      return 1;
    }
    work_dir = pattern;
    made_dir = true;
  }
  const fs::path work(work_dir);
  const fs::path letters = work / "letters";
  std::error_code ec;
  fs::remove_all(letters, ec);
  fs::create_directories(letters, ec);
  if (ec) {
    std::fprintf(stderr, "cannot create %s\n", letters.c_str());
    return 1;
  }
  dossier::bench::NamePool pool;
  int64_t bytes = 0;
  for (int64_t i = 0; i < count; ++i) {
    const auto& t = (*corpus)[static_cast<size_t>(i) % corpus->size()];
    std::string text = dossier::bench::MakeLetterVariant(t, static_cast<uint64_t>(i), seed, pool);
    bytes += static_cast<int64_t>(text.size());
    std::ofstream out(letters / absl::StrFormat("v%06d-%s.txt", i, t.stem), std::ios::binary);
    out << text;
    if (!out) {
      std::fprintf(stderr, "cannot write letters to %s\n", letters.c_str());
      return 1;
    }
  }
  std::fprintf(stderr, "[import] %lld letters, %.1f MB from %zu corpus letters in %s\n",
               static_cast<long long>(count), bytes / 1e6, corpus->size(), letters.c_str());

  // One letter alone, to tell start-up (process, opening a new database)
  // from the per-letter cost.
  const fs::path single = work / "single";
  fs::remove_all(single, ec);
  fs::create_directories(single, ec);
  fs::copy_file(letters / absl::StrFormat("v%06d-%s.txt", 0, (*corpus)[0].stem), single / "one.txt",
                ec);
  if (ec) {
    std::fprintf(stderr, "cannot copy a letter to %s\n", single.c_str());
    return 1;
  }

  std::vector<ModeResult> results;
  bool ok = true;
  for (const std::string& mode : modes) {
    const fs::path db = work / ("db-" + mode);
    auto import = [&](const fs::path& dir, const std::string& tag) {
      fs::remove_all(db, ec);
      std::vector<std::string> args = {binary,      "import", "--db",
                                       db.string(), "--json", dir.string()};
      if (mode == "sync") args.push_back("--sync");
      return dossier::bench::RunCommand(args, (work / ("import-" + tag + ".log")).string(),
                                        (work / ("import-" + tag + ".jsonl")).string());
    };
    auto one = import(single, mode + "-one");
    auto run = one.ok() ? import(letters, mode) : one;
    if (!run.ok()) {
      std::fprintf(stderr, "%s\n", run.status().ToString().c_str());
      return 1;
    }
    const std::string out_path = (work / ("import-" + mode + ".jsonl")).string();
    ModeResult r{.mode = mode, .run = *run, .one = *one};
    Tally(out_path, &r);
    if (run->exit_code != 0 || r.imported != count) ok = false;
    std::fprintf(stderr,
                 "[import] %s: %.2f s, %.1f letters/s, %.2f s CPU, exit %d, %lld imported\n",
                 mode.c_str(), run->seconds, count / run->seconds, run->cpu_seconds, run->exit_code,
                 static_cast<long long>(r.imported));
    results.push_back(r);
    if (!keep) fs::remove_all(db, ec);
  }
  if (!keep) {
    fs::remove_all(single, ec);
    fs::remove_all(made_dir ? work : letters, ec);
  }

  std::string md = "## Importer throughput (`dossier import`)\n\n";
  absl::StrAppend(
      &md, count, " generated variants of the ", corpus->size(), " corpus letters in `",
      letters_dir, "` (", absl::StrFormat("%.2f MB", bytes / 1e6),
      "; persons' names replaced, a reference line appended), imported by one `dossier import "
      "--db NEWDB DIR` into a fresh database (each letter atomic; commits of up to 1,024 "
      "letters, the default; a commit of about 200 letters or more is written as SST files "
      "that RocksDB ingests, synced, a smaller one through the write-ahead log). Wall time of "
      "the whole process (start-up included). wal = shipped durability (WAL, no fsync, for "
      "the small commits); sync = `--sync`, an fsync per commit. \"1 letter\" is the same command "
      "on the first letter "
      "alone (start-up, a new database, one import); \"net letters/s\" = (letters - 1) / "
      "(seconds - that). \"CPU ms/letter\" = the process's user + system CPU time / letters "
      "(start-up included): steadier than wall time on shared cores, and what the cores must "
      "supply. ",
      std::thread::hardware_concurrency(),
      " hardware threads.\n\n| mode | letters | seconds | letters/s | MB/s | 1 letter (s) | net "
      "letters/s | CPU (s) | CPU ms/letter | imported | nodes added | edges added | warnings | "
      "peak "
      "RSS | exit |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const ModeResult& r : results) {
    const double net = r.run.seconds - r.one.seconds;
    absl::StrAppend(
        &md,
        absl::StrFormat(
            "| %s | %d | %.2f | %.1f | %.2f | %.2f | %s | %.2f | %.2f | %d | %d | "
            "%d | %d | %.0f MiB | %d |\n",
            r.mode, count, r.run.seconds, count / r.run.seconds, bytes / 1e6 / r.run.seconds,
            r.one.seconds, count > 1 && net > 0 ? absl::StrFormat("%.1f", (count - 1) / net) : "-",
            r.run.cpu_seconds, r.run.cpu_seconds * 1000.0 / count, r.imported, r.nodes_added,
            r.edges_added, r.warnings, r.run.peak_rss_bytes / 1048576.0, r.run.exit_code));
  }
  std::printf("%s", md.c_str());
  if (!markdown.empty()) {
    std::ofstream out(markdown, std::ios::binary | std::ios::trunc);
    out << md;
    if (!out) return 1;
  }
  return ok ? 0 : 2;
}
