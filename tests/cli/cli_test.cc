// The `dossier` binary as an analyst runs it: exit codes, messages, outputs.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "nlohmann/json.hpp"
#include "tests/testing/temp_dir.h"

namespace dossier {
namespace {

struct CommandRun {
  int exit_code;
  std::string out;  // stdout and stderr together
};

CommandRun Shell(const std::string& command_line) {
  std::string command = command_line + " 2>&1";
  CommandRun run{-1, ""};
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

CommandRun Dossier(const std::string& args) {
  return Shell(std::string(DOSSIER_BINARY) + " " + args);
}

std::string Letters() { return std::string(DOSSIER_TEST_DATA_DIR) + "/letters"; }

class CliTest : public ::testing::Test {
 protected:
  std::string Db() { return dir_.Sub("db"); }
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_.Sub(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  // `rounds` distinct copies of each test letter (a reference line appended), in a directory.
  std::string WriteCopiesOfTheLetters(const std::string& name, int rounds) {
    const std::string dir = dir_.Sub(name);
    std::filesystem::create_directories(dir);
    int copies = 0;
    for (int round = 0; round < rounds; ++round) {
      for (const auto& entry : std::filesystem::directory_iterator(Letters())) {
        if (entry.path().extension() != ".txt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        char file[32];
        std::snprintf(file, sizeof(file), "/%05d.txt", copies++);
        std::ofstream(dir + file, std::ios::binary)
            << text << "\nReference: copy " << round << "\n";
      }
    }
    EXPECT_GE(copies, 6 * rounds);
    return dir;
  }
  testing::TempDir dir_;
};

TEST_F(CliTest, ImportsADirectoryThenStatsCheckAndExportAgree) {
  CommandRun import = Dossier("import --db " + Db() + " " + Letters());
  ASSERT_EQ(import.exit_code, 0) << import.out;
  EXPECT_NE(import.out.find("imported"), std::string::npos);
  EXPECT_NE(import.out.find("ep-kazakhstan-2020-10-16.txt (2020-10-16, Brussels)"),
            std::string::npos)
      << import.out;
  EXPECT_EQ(import.out.find("README"), std::string::npos) << "README is not a letter";

  CommandRun stats = Dossier("stats --json --db " + Db());
  ASSERT_EQ(stats.exit_code, 0) << stats.out;
  nlohmann::json s = nlohmann::json::parse(stats.out);
  EXPECT_EQ(s["nodes_by_type"]["Letter"], 6);

  CommandRun check = Dossier("check --db " + Db());
  EXPECT_EQ(check.exit_code, 0) << check.out;
  EXPECT_NE(check.out.find(": ok"), std::string::npos);

  std::string out = dir_.Sub("export.json");
  CommandRun exported = Dossier("export --format json --db " + Db() + " -o " + out);
  ASSERT_EQ(exported.exit_code, 0) << exported.out;
  std::ifstream in(out);
  nlohmann::json graph = nlohmann::json::parse(in);
  EXPECT_EQ(graph["nodes"].size(), s["nodes"].get<size_t>());
  EXPECT_EQ(graph["edges"].size(), s["edges"].get<size_t>());
  std::set<std::string> ids;
  for (const auto& n : graph["nodes"]) ids.insert(n["id"].get<std::string>());
  size_t evidence = 0;
  for (const auto& e : graph["edges"]) {
    EXPECT_TRUE(ids.contains(e["source"].get<std::string>()));
    EXPECT_TRUE(ids.contains(e["target"].get<std::string>()));
    for (const auto& ev : e["evidence"]) {
      EXPECT_TRUE(ids.contains(ev["document"].get<std::string>()));
      EXPECT_LE(ev["start"].get<uint64_t>(), ev["end"].get<uint64_t>());
      ++evidence;
    }
  }
  EXPECT_EQ(evidence, s["evidence"].get<size_t>());

  // Importing again changes nothing.
  CommandRun again =
      Dossier("import --db " + Db() + " " + Letters() + "/ep-kazakhstan-2020-10-16.txt");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("unchanged"), std::string::npos) << again.out;
}

// Extraction runs on several threads, writes stay in input order: the database and the report
// are the same whatever --jobs is (names are the first spelling met, so order matters).
TEST_F(CliTest, ParallelExtractionWritesInInputOrder) {
  std::string inputs = Letters() + " " + std::string(DOSSIER_TEST_DATA_DIR) + "/heldout";
  CommandRun one = Dossier("import --jobs 1 --db " + dir_.Sub("db1") + " " + inputs);
  CommandRun four = Dossier("import --jobs 4 --db " + dir_.Sub("db4") + " " + inputs);
  ASSERT_EQ(one.exit_code, 0) << one.out;
  ASSERT_EQ(four.exit_code, 0) << four.out;
  EXPECT_EQ(one.out, four.out);
  std::string exported[2];
  for (int i = 0; i < 2; ++i) {
    std::string db = dir_.Sub(i == 0 ? "db1" : "db4");
    std::string out = dir_.Sub("export" + std::to_string(i) + ".json");
    ASSERT_EQ(Dossier("export --format json --db " + db + " -o " + out).exit_code, 0);
    std::ifstream in(out);
    exported[i].assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  EXPECT_GT(exported[0].size(), 10000u);
  EXPECT_EQ(exported[0], exported[1]);
  CommandRun bad = Dossier("import --jobs 0 --db " + Db() + " " + inputs);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.out.find("--jobs"), std::string::npos) << bad.out;
}

// Letters are committed in batches; a batch changes the number of commits only: the report (in
// input order, a bad file and a repeated letter among them) and the database are the same as
// with a commit per letter.
TEST_F(CliTest, BatchedCommitsChangeOnlyTheNumberOfCommits) {
  std::string bad = Write("bad.txt", std::string("MZ\0\0", 4));
  std::string inputs = Letters() + " " + bad + " " + std::string(DOSSIER_TEST_DATA_DIR) +
                       "/heldout " + Letters() + "/ep-kazakhstan-2020-10-16.txt";
  CommandRun each =
      Dossier("import --letters-per-commit 1 --db " + dir_.Sub("each") + " " + inputs);
  CommandRun batched =
      Dossier("import --letters-per-commit 4 --db " + dir_.Sub("batched") + " " + inputs);
  EXPECT_EQ(each.exit_code, 1) << each.out;
  EXPECT_EQ(batched.exit_code, 1) << batched.out;
  EXPECT_EQ(each.out, batched.out);
  EXPECT_NE(batched.out.find("bad.txt: binary input"), std::string::npos) << batched.out;
  EXPECT_NE(batched.out.find("unchanged"), std::string::npos) << batched.out;
  std::string exported[2];
  for (int i = 0; i < 2; ++i) {
    std::string out = dir_.Sub("export" + std::to_string(i) + ".json");
    ASSERT_EQ(
        Dossier("export --format json --db " + dir_.Sub(i == 0 ? "each" : "batched") + " -o " + out)
            .exit_code,
        0);
    std::ifstream in(out);
    exported[i].assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  EXPECT_GT(exported[0].size(), 10000u);
  EXPECT_EQ(exported[0], exported[1]);
  EXPECT_EQ(Dossier("check --db " + dir_.Sub("batched")).exit_code, 0);
  CommandRun zero = Dossier("import --letters-per-commit 0 --db " + Db() + " " + inputs);
  EXPECT_NE(zero.exit_code, 0);
  EXPECT_NE(zero.out.find("--letters-per-commit"), std::string::npos) << zero.out;
}

// A batch of several hundred letters (the default batch size) is written as ingested SST files,
// smaller ones through the write-ahead log (graph/batch_ingestion.h): the database is the same.
// 384 distinct letters (the test letters with a reference line each) stage about 180,000 keys,
// above GraphOptions::ingest_batch_min_keys; batches of 16 stay well below it. An ingested file
// is told by the table properties RocksDB gives only files made outside the database
// (external_sst_file.*).
TEST_F(CliTest, LargeBatchesLeaveWhatSmallBatchesLeave) {
  const std::string corpus = WriteCopiesOfTheLetters("corpus", 64);
  CommandRun large = Dossier("import --db " + dir_.Sub("large") + " " + corpus);
  CommandRun small =
      Dossier("import --letters-per-commit 16 --db " + dir_.Sub("small") + " " + corpus);
  ASSERT_EQ(large.exit_code, 0) << large.out.substr(0, 2000);
  ASSERT_EQ(small.exit_code, 0) << small.out.substr(0, 2000);
  EXPECT_EQ(large.out, small.out);
  std::string exported[2];
  for (int i = 0; i < 2; ++i) {
    const std::string db = dir_.Sub(i == 0 ? "large" : "small");
    const std::string out = dir_.Sub("export" + std::to_string(i) + ".json");
    ASSERT_EQ(Dossier("export --format json --db " + db + " -o " + out).exit_code, 0);
    std::ifstream in(out);
    exported[i].assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    EXPECT_EQ(Dossier("check --db " + db).exit_code, 0);
  }
  EXPECT_GT(exported[0].size(), 1000000u);
  EXPECT_EQ(exported[0], exported[1]);
  auto ingested_files = [&](const std::string& db) {
    return Shell("grep -l external_sst_file " + db + "/*.sst | wc -l").out;
  };
  EXPECT_NE(ingested_files(dir_.Sub("large")), "0\n");
  EXPECT_EQ(ingested_files(dir_.Sub("small")), "0\n");
}

// The disk fills part way through an import (a file-size limit on the process: the write-ahead
// log's appends fail as they would with no space left, in the batch being written in the
// background). The letters reported imported are exactly those in the database, every other
// letter is reported with the failure, and the database opens and checks clean afterwards.
TEST_F(CliTest, AFullDiskLosesNoLetterReportedImported) {
  const std::string inputs = Letters() + " " + std::string(DOSSIER_TEST_DATA_DIR) + "/heldout";
  CommandRun run =
      Shell("bash -c \"trap '' XFSZ; ulimit -f 300; exec " + std::string(DOSSIER_BINARY) +
            " import --json --letters-per-commit 1 --db " + Db() + " " + inputs + "\"");
  EXPECT_EQ(run.exit_code, 1) << run.out;
  int imported = 0, failed = 0, commit_failed = 0;
  std::istringstream lines(run.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') continue;  // The same failures, in words, on stderr.
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["status"] == "imported") {
      ++imported;
      EXPECT_EQ(failed, 0) << "a letter imported after one failed: " << run.out;
      continue;
    }
    ++failed;
    const std::string error = j["error"];
    // The batch that failed, the one staged on it, then the inputs not even read.
    if (error.find("commit failed") != std::string::npos) ++commit_failed;
    EXPECT_TRUE(error.find("commit failed") != std::string::npos ||
                error.find("not written") != std::string::npos ||
                error.find("not attempted: the database refused an earlier write") !=
                    std::string::npos)
        << error;
    EXPECT_NE(error.find("File too large"), std::string::npos) << error;
  }
  EXPECT_EQ(commit_failed, 1) << run.out;
  EXPECT_GE(imported, 1) << run.out;
  EXPECT_GE(failed, 1) << run.out;
  // Every input is reported once, as a dry run reports them.
  CommandRun dry = Dossier("import --dry-run --json " + inputs);
  EXPECT_EQ(imported + failed, std::count(dry.out.begin(), dry.out.end(), '\n')) << dry.out;
  CommandRun stats = Dossier("stats --json --db " + Db());
  ASSERT_EQ(stats.exit_code, 0) << stats.out;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["nodes_by_type"]["Letter"], imported) << stats.out;
  CommandRun check = Dossier("check --db " + Db());
  EXPECT_EQ(check.exit_code, 0) << check.out;
}

// The same, for a batch written as ingested SST files (graph/batch_ingestion.h): the files fail
// to be written, no letter of the batch is reported imported, what was stored before stays, and
// the batch leaves no file behind.
TEST_F(CliTest, AFullDiskDuringAnIngestedBatchLosesNothingStored) {
  ASSERT_EQ(Dossier("import --db " + Db() + " " + Letters()).exit_code, 0);
  const std::string corpus = WriteCopiesOfTheLetters("corpus", 64);
  CommandRun run =
      Shell("bash -c \"trap '' XFSZ; ulimit -f 300; exec " + std::string(DOSSIER_BINARY) +
            " import --json --db " + Db() + " " + corpus + "\"");
  EXPECT_EQ(run.exit_code, 1) << run.out.substr(0, 2000);
  int imported = 0, failed = 0;
  std::istringstream lines(run.out);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '{') continue;
    nlohmann::json j = nlohmann::json::parse(line);
    if (j["status"] == "imported") {
      ++imported;
      continue;
    }
    ++failed;
    const std::string error = j["error"];
    EXPECT_NE(error.find("ingesting a batch"), std::string::npos) << error;
    EXPECT_NE(error.find("File too large"), std::string::npos) << error;
  }
  EXPECT_EQ(imported, 0) << run.out.substr(0, 2000);
  EXPECT_EQ(failed, 6 * 64);
  CommandRun stats = Dossier("stats --json --db " + Db());
  ASSERT_EQ(stats.exit_code, 0) << stats.out;
  EXPECT_EQ(nlohmann::json::parse(stats.out)["nodes_by_type"]["Letter"], 6) << stats.out;
  EXPECT_EQ(Dossier("check --db " + Db()).exit_code, 0);
  for (const auto& entry : std::filesystem::directory_iterator(Db())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with("ingest-")) << entry.path();
  }
}

TEST_F(CliTest, BadFilesFailAloneAndNameTheFile) {
  std::string dir = dir_.Sub("in");
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/a-good.txt")
      << "Dear Sir,\n\nAnna Weber was detained by the police.\n\nYours,\n\nMarie Dupont, EPP\n";
  std::ofstream(dir + "/b-binary.txt", std::ios::binary) << std::string("MZ\0\0\x90", 5);
  std::ofstream(dir + "/c-latin1.txt", std::ios::binary) << "Caf\xe9 letter";
  std::ofstream(dir + "/d-empty.txt");
  CommandRun run = Dossier("import --db " + Db() + " " + dir);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_NE(run.out.find("b-binary.txt: binary input: NUL byte at offset 2"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("c-latin1.txt: invalid UTF-8 at byte offset 3"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("d-empty.txt: empty input"), std::string::npos) << run.out;
  EXPECT_NE(
      run.out.find("imported " + std::filesystem::weakly_canonical(dir + "/a-good.txt").string()),
      std::string::npos)
      << run.out;
  CommandRun missing = Dossier("import --db " + Db() + " " + dir_.Sub("nope.txt"));
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.out.find("nope.txt: no such file"), std::string::npos) << missing.out;
  CommandRun stats = Dossier("stats --json --db " + Db());
  EXPECT_EQ(nlohmann::json::parse(stats.out)["nodes_by_type"]["Letter"], 1);
}

TEST_F(CliTest, StdinJsonAndDryRun) {
  CommandRun dry =
      Dossier("import --dry-run --json - < " + Letters() + "/ep-kazakhstan-2020-10-16.txt");
  ASSERT_EQ(dry.exit_code, 0) << dry.out;
  nlohmann::json j = nlohmann::json::parse(dry.out);
  EXPECT_EQ(j["status"], "dry-run");
  EXPECT_GT(j["extraction"]["persons"].size(), 50u);
  EXPECT_FALSE(std::filesystem::exists(Db())) << "a dry run creates no database";
  CommandRun json = Dossier("import --json --db " + Db() + " - < " + Letters() +
                            "/ohs-network-ilabour-three.txt");
  ASSERT_EQ(json.exit_code, 0) << json.out;
  nlohmann::json r = nlohmann::json::parse(json.out);
  EXPECT_EQ(r["status"], "imported");
  EXPECT_GT(r["edges_added"].get<int>(), 10);
}

TEST_F(CliTest, LoadReportsBadRowsWithFileAndLine) {
  std::string nodes = Write("nodes.csv", "id,type,name\n1,Person,Ann\n2,Person,Bo\n");
  std::string edges = Write("edges.csv", "src,dst,type\n1,2,KNOWS\n1,7,KNOWS\n");
  CommandRun bad = Dossier("load --db " + Db() + " --nodes " + nodes + " --edges " + edges);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.out.find("edges.csv:3: edge target '7' is not a known node id"), std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find("nothing was written"), std::string::npos);
  CommandRun skip =
      Dossier("load --json --skip-bad --db " + Db() + " --nodes " + nodes + " --edges " + edges);
  ASSERT_EQ(skip.exit_code, 0) << skip.out;
  nlohmann::json j = nlohmann::json::parse(skip.out);
  EXPECT_EQ(j["nodes_added"], 2);
  EXPECT_EQ(j["edges_added"], 1);
  EXPECT_EQ(j["skipped"]["NOT_FOUND"], 1);
  EXPECT_EQ(Dossier("check --db " + Db()).exit_code, 0);
  CommandRun budget = Dossier("load --db " + Db() + " --nodes " + nodes + " --memory-budget lots");
  EXPECT_EQ(budget.exit_code, 2) << budget.out;
}

// A budget the nodes do not fit stops the load with the flag named, even with --skip-bad (it
// is not a bad row), and writes nothing; the budget the error names then loads.
TEST_F(CliTest, LoadRefusesAMemoryBudgetItCannotKeep) {
  std::string rows = "id,type,name\n";
  const std::string long_name(4000, 'n');
  for (int i = 0; i < 3000; ++i) rows += std::to_string(i) + ",Person," + long_name + "\n";
  std::string nodes = Write("nodes.csv", rows);
  std::string edges = Write("edges.csv", "src,dst,type\n1,2,KNOWS\n");
  CommandRun small = Dossier("load --skip-bad --db " + Db() + " --nodes " + nodes + " --edges " +
                             edges + " --memory-budget 70M");
  EXPECT_EQ(small.exit_code, 1) << small.out;
  EXPECT_NE(small.out.find("edges.csv:2: memory budget of 70 MiB is too small"), std::string::npos)
      << small.out;
  EXPECT_NE(small.out.find("(--memory-budget)"), std::string::npos) << small.out;
  EXPECT_NE(small.out.find("nothing was written"), std::string::npos) << small.out;
  const size_t at = small.out.find("give at least ");
  ASSERT_NE(at, std::string::npos) << small.out;
  const std::string suggested = std::to_string(std::stoull(small.out.substr(at + 14))) + "M";
  CommandRun enough = Dossier("load --json --db " + Db() + " --nodes " + nodes + " --edges " +
                              edges + " --memory-budget " + suggested);
  ASSERT_EQ(enough.exit_code, 0) << enough.out;
  EXPECT_EQ(nlohmann::json::parse(enough.out)["nodes_added"], 3000);
}

TEST_F(CliTest, MissingAndLockedDatabasesSayWhatToDo) {
  CommandRun missing = Dossier("stats --db " + dir_.Sub("none"));
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.out.find("no database at"), std::string::npos);
  ASSERT_EQ(
      Dossier("import --db " + Db() + " " + Letters() + "/ohs-network-ilabour-three.txt").exit_code,
      0);
  // An import reading stdin holds the database open until its input ends.
  std::string holder = std::string(DOSSIER_BINARY) + " import --db " + Db() + " - > /dev/null 2>&1";
  FILE* stdin_of_holder = popen(holder.c_str(), "w");
  ASSERT_NE(stdin_of_holder, nullptr);
  // Wait until the holder has the database's lock (a reader racing it would take the lock first).
  struct stat lock_file;
  ASSERT_EQ(stat((Db() + "/LOCK").c_str(), &lock_file), 0);
  const std::string inode = ":" + std::to_string(lock_file.st_ino) + " ";
  bool held = false;
  for (int attempt = 0; attempt < 100 && !held; ++attempt) {
    std::ifstream locks("/proc/locks");
    std::string line;
    while (std::getline(locks, line)) held = held || line.find(inode) != std::string::npos;
    if (!held) usleep(50'000);
  }
  ASSERT_TRUE(held) << "the holder never opened the database";
  CommandRun locked = Dossier("stats --db " + Db());
  EXPECT_EQ(locked.exit_code, 4) << locked.out;
  EXPECT_NE(locked.out.find("is locked by another process"), std::string::npos) << locked.out;
  EXPECT_NE(locked.out.find("--read-only"), std::string::npos);
  // An import starts extracting while it opens the database: refused, it reports no letter.
  CommandRun locked_import =
      Dossier("import --db " + Db() + " " + Letters() + "/ep-kazakhstan-2020-10-16.txt");
  EXPECT_EQ(locked_import.exit_code, 4) << locked_import.out;
  EXPECT_NE(locked_import.out.find("is locked by another process"), std::string::npos)
      << locked_import.out;
  EXPECT_EQ(locked_import.out.find("imported"), std::string::npos) << locked_import.out;
  // One that reads stdin opens the database first: refused, it exits at once, not when its input
  // ends (its stdin stays open here until it has exited or 5 s have passed).
  const std::string rc_file = dir_.Sub("stdin-import-rc");
  const std::string refused = "(" + std::string(DOSSIER_BINARY) + " import --jobs 2 --db " + Db() +
                              " - > /dev/null 2>&1; echo $? > " + rc_file + ")";
  FILE* stdin_of_refused = popen(refused.c_str(), "w");
  ASSERT_NE(stdin_of_refused, nullptr);
  std::string refused_rc;
  for (int attempt = 0; attempt < 100 && refused_rc.empty(); ++attempt) {
    std::ifstream rc(rc_file);
    std::getline(rc, refused_rc);
    if (refused_rc.empty()) usleep(50'000);
  }
  pclose(stdin_of_refused);
  EXPECT_EQ(refused_rc, "4") << "an import of stdin waited for its input after a refused open";
  CommandRun read_only = Dossier("stats --read-only --json --db " + Db());
  EXPECT_EQ(read_only.exit_code, 0) << read_only.out;
  EXPECT_EQ(nlohmann::json::parse(read_only.out)["nodes_by_type"]["Letter"], 1);
  fputs("Dear Sir,\n\nIgor Sychev was imprisoned.\n\nYours,\n\nAnn Lee, EPP\n", stdin_of_holder);
  EXPECT_EQ(pclose(stdin_of_holder), 0);
  EXPECT_EQ(
      nlohmann::json::parse(Dossier("stats --json --db " + Db()).out)["nodes_by_type"]["Letter"],
      2);
}

// tests/data/format1-db is a database as the format-1 build left it (two corpus letters imported,
// then closed): a copy is opened by this build as a user's old database would be. Removing a
// letter through the upgraded lists is tested in tests/graph/document_lists_test.cc.
TEST_F(CliTest, AnOlderFormatIsUpgradedOnceAndSaysSo) {
  std::filesystem::copy(std::string(DOSSIER_TEST_DATA_DIR) + "/format1-db", Db());
  CommandRun read_only = Dossier("stats --read-only --db " + Db());
  EXPECT_EQ(read_only.exit_code, 4) << read_only.out;
  EXPECT_NE(read_only.out.find("has on-disk format version 1"), std::string::npos) << read_only.out;
  EXPECT_NE(read_only.out.find("without --read-only"), std::string::npos) << read_only.out;

  CommandRun upgraded = Dossier("check --db " + Db());
  EXPECT_EQ(upgraded.exit_code, 0) << upgraded.out;
  EXPECT_NE(upgraded.out.find("upgraded the database at " + Db() + " from on-disk format 1 to 2"),
            std::string::npos)
      << upgraded.out;
  EXPECT_NE(upgraded.out.find("checked 117 nodes and 252 edges: ok"), std::string::npos)
      << upgraded.out;
  CommandRun again = Dossier("check --db " + Db());
  EXPECT_EQ(again.exit_code, 0) << again.out;
  EXPECT_EQ(again.out.find("upgraded"), std::string::npos) << again.out;

  // The rest of the corpus imports on top (the two letters it holds are recognised by content).
  ASSERT_EQ(Dossier("import --db " + Db() + " " + Letters()).exit_code, 0);
  CommandRun checked = Dossier("check --db " + Db());
  EXPECT_EQ(checked.exit_code, 0) << checked.out;
  auto stats = nlohmann::json::parse(Dossier("stats --read-only --json --db " + Db()).out);
  EXPECT_EQ(stats["nodes_by_type"]["Letter"], 6);
}

}  // namespace
}  // namespace dossier
