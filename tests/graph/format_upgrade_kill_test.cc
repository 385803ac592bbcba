// The upgrade from on-disk format 1 in a real process killed (SIGKILL) at points spread over it:
// whatever it had written, the next open for writing finishes the upgrade, and every document's
// entries are listed exactly once.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "graph/checker.h"
#include "graph/graph.h"
#include "graph/key_codec.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/format_version1.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

class FormatUpgradeKillTest : public GraphTest {
 protected:
  // Starts the upgrading child on `path`; its pid, or -1 if fork failed (never to be signalled:
  // kill(-1) reaches every process).
  static pid_t StartChild(const std::string& path) {
    const pid_t pid = fork();
    if (pid == 0) {
      execl(DOSSIER_UPGRADE_CHILD, DOSSIER_UPGRADE_CHILD, path.c_str(),
            static_cast<char*>(nullptr));
      _exit(127);
    }
    return pid;
  }

  // The child's wait status; -1 if it could not be waited for.
  static int Wait(pid_t pid) {
    int status = 0;
    pid_t waited;
    do {
      waited = waitpid(pid, &status, 0);
    } while (waited < 0 && errno == EINTR);
    return waited == pid ? status : -1;
  }

  // Whether the database at `path` says an upgrade is under way (a read-only open refuses it).
  static bool Interrupted(const std::string& path) {
    auto read_only = Graph::Open(
        {.path = path, .read_only_secondary = true, .secondary_path = path + "-secondary"});
    return !read_only.ok() && read_only.status().message().find(
                                  "an upgrade from it was interrupted") != std::string::npos;
  }

  // Opens `path` for writing (finishing any upgrade) and compares it with what was listed
  // before the downgrade.
  void ExpectUpgraded(const std::string& path, const std::string& round) {
    auto graph = Graph::Open({.path = path, .create_if_missing = false});
    ASSERT_TRUE(graph.ok()) << round << ": " << graph.status();
    rocksdb::DB* db = (*graph)->store()->db();
    std::string version;
    ASSERT_TRUE(db->Get({}, (*graph)->store()->cf(kMetaCf), kMetaFormatVersion, &version).ok());
    EXPECT_EQ(version, std::to_string(kFormatVersion)) << round;
    auto view = (*graph)->NewReadView();
    for (size_t i = 0; i < letters_.size(); ++i) {
      auto edges = view->ListDocumentEdges(letters_[i]);
      ASSERT_TRUE(edges.ok()) << round << ": " << edges.status();
      EXPECT_EQ(*edges, edges_[i]) << round << ", letter " << i;
    }
    for (ColumnFamily family : {kEvidenceByDocCf, kMentionsByDocCf}) {
      std::unique_ptr<rocksdb::Iterator> it(db->NewIterator({}, (*graph)->store()->cf(family)));
      size_t lists = 0;
      for (it->SeekToFirst(); it->Valid(); it->Next()) ++lists;
      EXPECT_EQ(lists, letters_.size()) << round << ": one list a document";
    }
    CheckReport report = CheckGraph(*view);
    for (const CheckViolation& v : report.violations) {
      ADD_FAILURE() << round << ": " << v.invariant << ": " << v.detail;
    }
    view.reset();
    EXPECT_TRUE((*graph)->Close().ok()) << round;
  }

  std::vector<NodeId> letters_;
  std::vector<std::vector<EdgeKey>> edges_;  // Each letter's, as listed before the downgrade.
};

TEST_F(FormatUpgradeKillTest, AnUpgradeKilledAtAnyPointIsFinishedByTheNextOpen) {
  // 150 letters with statements and mentions: 300 lists to make, one synced batch each.
  const NodeId a = AddNode(kPerson, "A"), b = AddNode(kPerson, "B");
  for (int i = 0; i < 150; ++i) letters_.push_back(AddNode(kLetter, absl::StrCat("L", i)));
  auto txn = Begin();
  for (NodeId letter : letters_) {
    for (auto [person, type] : {std::pair{a, "signed"}, {a, "copied-to"}, {b, "signed"}}) {
      ASSERT_TRUE(
          txn->UpsertEdgeWithEvidence({person, type, letter}, {}, {.document = letter, .end = 1})
              .ok());
    }
    ASSERT_TRUE(txn->AddMention({.node = a, .document = letter, .end = 1}).ok());
    ASSERT_TRUE(txn->AddMention({.node = b, .document = letter, .end = 1}).ok());
  }
  ASSERT_TRUE(txn->Commit().ok());
  txn.reset();
  auto view = graph_->NewReadView();
  for (NodeId letter : letters_) edges_.push_back(*view->ListDocumentEdges(letter));
  view.reset();
  ASSERT_NO_FATAL_FAILURE(DowngradeToVersion1(*graph_->store()));
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();
  const std::string version1 = dir_.Sub("db");

  // Uninterrupted, to learn how long an upgrade takes here.
  const std::string whole = dir_.Sub("whole");
  std::filesystem::copy(version1, whole);
  const auto start = std::chrono::steady_clock::now();
  const pid_t uninterrupted = StartChild(whole);
  ASSERT_GT(uninterrupted, 0) << "fork failed";
  const int status = Wait(uninterrupted);
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  ExpectUpgraded(whole, "uninterrupted");

  int interrupted = 0;
  auto kill_after = [&](std::chrono::steady_clock::duration delay, const std::string& round) {
    const std::string path = dir_.Sub(round);
    std::filesystem::copy(version1, path);
    const pid_t child = StartChild(path);
    ASSERT_GT(child, 0) << "fork failed";
    std::this_thread::sleep_for(delay);
    kill(child, SIGKILL);
    ASSERT_NE(Wait(child), -1) << "could not wait for the child";
    if (Interrupted(path)) ++interrupted;
    ExpectUpgraded(path, round);
  };
  constexpr int kRounds = 10;
  for (int round = 1; round <= kRounds; ++round) {
    kill_after(took * round / (kRounds + 1), absl::StrCat("round-", round));
  }
  // Most of those land inside the upgrade. Should none have (the first run slow, the others
  // much faster), earlier and earlier kills find one.
  for (int shorter = 2; interrupted == 0 && shorter <= 1024; shorter *= 2) {
    kill_after(took / (kRounds * shorter), absl::StrCat("early-", shorter));
  }
  EXPECT_GE(interrupted, 1);
}

}  // namespace
}  // namespace dossier::graph
