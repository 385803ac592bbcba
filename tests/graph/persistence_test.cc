#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/key_codec.h"
#include "graph/store.h"
#include "gtest/gtest.h"
#include "tests/graph/graph_test_util.h"

namespace dossier::graph {
namespace {

TEST_F(GraphTest, SecondOpenOfALockedDatabaseSaysWhatToDo) {
  auto second = Graph::Open({.path = dir_.Sub("db")});
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(second.status())) << second.status();
  EXPECT_NE(second.status().message().find("--read-only"), std::string::npos);
  EXPECT_NE(second.status().message().find("--server"), std::string::npos);
}

TEST_F(GraphTest, ReadOnlySecondarySeesDataAndRefusesWrites) {
  NodeId a = AddNode(kPerson, "Aron Atabek");
  ASSERT_TRUE(graph_->store()->db()->FlushWAL(true).ok());
  auto secondary = Graph::Open({.path = dir_.Sub("db"),
                                .read_only_secondary = true,
                                .secondary_path = dir_.Sub("secondary")});
  ASSERT_TRUE(secondary.ok()) << secondary.status();
  EXPECT_EQ((*secondary)->NewReadView()->GetNode(a)->name, "Aron Atabek");
  // Scans work too (a secondary's iterators refuse snapshots).
  EXPECT_EQ((*secondary)->NewReadView()->Stats()->node_count, 1u);
  EXPECT_EQ((*secondary)
                ->NewReadView()
                ->FindNodes({.query = "atabek", .match = NameMatch::kToken})
                ->nodes.size(),
            1u);
  EXPECT_TRUE(CheckGraph(*(*secondary)->NewReadView()).ok());
  EXPECT_TRUE(absl::IsFailedPrecondition((*secondary)->BeginWrite().status()));
  // Later writes of the primary become visible after catching up.
  NodeId b = AddNode(kPerson, "Igor Sychev");
  ASSERT_TRUE((*secondary)->CatchUpWithPrimary().ok());
  EXPECT_EQ((*secondary)->NewReadView()->GetNode(b)->name, "Igor Sychev");
}

// Without a secondary path, each read-only open keeps RocksDB's log files in a directory of
// its own under the temporary directory, removed when it closes: `dossier query --read-only`
// run a thousand times leaves nothing behind.
TEST_F(GraphTest, ReadOnlySecondaryRemovesTheDirectoryItMadeForItsLogs) {
  AddNode(kPerson, "Aron Atabek");
  ASSERT_TRUE(graph_->store()->db()->FlushWAL(true).ok());
  const std::string tmp = dir_.Sub("tmp");
  std::filesystem::create_directories(tmp);
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", tmp.c_str(), 1);
  auto entries = [&tmp] {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(tmp)) {
      names.push_back(e.path().filename().string());
    }
    return names;
  };
  {
    auto first = Graph::Open({.path = dir_.Sub("db"), .read_only_secondary = true});
    auto second = Graph::Open({.path = dir_.Sub("db"), .read_only_secondary = true});
    ASSERT_TRUE(first.ok()) << first.status();
    ASSERT_TRUE(second.ok()) << second.status();
    // Two read-only opens in one process (a server's and a command's) do not share logs.
    std::vector<std::string> open_dirs = entries();
    ASSERT_EQ(open_dirs.size(), 2u);
    for (const std::string& name : open_dirs) EXPECT_TRUE(name.starts_with("dossier-secondary-"));
    EXPECT_TRUE((*first)->Close().ok());
    EXPECT_EQ(entries().size(), 1u);
  }  // The second closes in its destructor.
  EXPECT_TRUE(entries().empty());
  // A failed open leaves nothing either.
  EXPECT_FALSE(Graph::Open({.path = dir_.Sub("missing"), .read_only_secondary = true}).ok());
  EXPECT_TRUE(entries().empty());
  if (old_tmpdir) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
}

TEST_F(GraphTest, RefusesADatabaseOfAnotherFormatVersion) {
  ASSERT_TRUE(
      graph_->store()->db()->Put({}, graph_->store()->cf(kMetaCf), kMetaFormatVersion, "99").ok());
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();
  auto reopened = Graph::Open({.path = dir_.Sub("db")});
  ASSERT_FALSE(reopened.ok());
  EXPECT_TRUE(absl::IsFailedPrecondition(reopened.status()));
  EXPECT_NE(reopened.status().message().find("format version 99"), std::string::npos);
}

// Closing flushes every family, so the next process opens without replaying a log.
TEST_F(GraphTest, CloseFlushesEveryFamilyAndLeavesNoLogToReplay) {
  NodeId a = AddNode(kPerson, "Aron Atabek");
  NodeId b = AddNode(kOrganisation, "Alga DCK");
  AddEdge(a, "member-of", b);
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();
  size_t logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("db"))) {
    if (entry.path().extension() != ".log") continue;
    ++logs;
    EXPECT_EQ(entry.file_size(), 0u) << entry.path() << " still holds writes";
  }
  EXPECT_GE(logs, 1u);
  Reopen();
  EXPECT_EQ(graph_->NewReadView()->GetNode(a)->name, "Aron Atabek");
  EXPECT_EQ(graph_->NewReadView()->Stats()->edge_count, 1u);
}

// A process that wrote nothing leaves the files as it found them: no flush, no new table file.
TEST_F(GraphTest, ClosingWithoutWritesAddsNoFiles) {
  AddNode(kPerson, "Aron Atabek");
  auto files = [&] {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.Sub("db"))) {
      if (entry.path().extension() == ".sst") names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  };
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();
  const std::vector<std::string> before = files();
  EXPECT_FALSE(before.empty());
  Reopen();
  ASSERT_TRUE(graph_->Close().ok());
  graph_.reset();
  EXPECT_EQ(files(), before);
  Reopen();
  EXPECT_EQ(graph_->NewReadView()->Stats()->node_count, 1u);
}

TEST(GraphOpenTest, MissingDatabaseWithoutCreateIsNotFound) {
  testing::TempDir dir;
  auto g = Graph::Open({.path = dir.Sub("none"), .create_if_missing = false});
  EXPECT_TRUE(absl::IsNotFound(g.status())) << g.status();
  EXPECT_TRUE(absl::IsInvalidArgument(Graph::Open({.path = ""}).status()));
}

TEST_F(GraphTest, ReadViewReportsItsSequenceNumber) {
  auto before = graph_->NewReadView();
  AddNode(kPerson, "X");
  auto after = graph_->NewReadView();
  EXPECT_GT(after->sequence(), before->sequence());
  EXPECT_EQ(after->sequence(), graph_->LatestSequence());
}

}  // namespace
}  // namespace dossier::graph
