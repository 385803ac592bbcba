#include "bench/child_process.h"

#include <unistd.h>

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace dossier::bench {
namespace {

std::string LogPath() {
  return (std::filesystem::temp_directory_path() /
          ("dossier-child-process-test-" + std::to_string(getpid()) + ".log"))
      .string();
}

// A sleeping child takes wall time and next to no CPU; a busy one takes CPU. (Bounds are loose:
// this checks what is measured, not how fast anything is.)
TEST(RunCommandTest, ReportsWallTimeAndTheChildsCpuTimeApart) {
  const std::string log = LogPath();
  auto sleeping = RunCommand({"/bin/sleep", "0.3"}, log);
  ASSERT_TRUE(sleeping.ok()) << sleeping.status();
  EXPECT_EQ(sleeping->exit_code, 0);
  EXPECT_GE(sleeping->seconds, 0.3);
  EXPECT_LT(sleeping->cpu_seconds, 0.2);

  auto busy = RunCommand(
      {"/bin/sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done; exit 3"}, log);
  ASSERT_TRUE(busy.ok()) << busy.status();
  EXPECT_EQ(busy->exit_code, 3);
  EXPECT_GT(busy->cpu_seconds, 0.01);
  EXPECT_GT(busy->peak_rss_bytes, 0);
  std::filesystem::remove(log);
}

}  // namespace
}  // namespace dossier::bench
