// Child processes for the benchmarks that drive the real `dossier` binary:
// one-shot commands (`dossier load`, `dossier import`) timed with their peak
// memory, and a long-running `dossier serve` whose address is read from a
// line it prints. No shell is involved: argv goes to execv as is.
#ifndef DOSSIER_BENCH_CHILD_PROCESS_H_
#define DOSSIER_BENCH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace dossier::bench {

struct CommandResult {
  int exit_code = -1;          // -1: killed by a signal.
  double seconds = 0;          // Wall time from fork to reaped.
  int64_t peak_rss_bytes = 0;  // The child's ru_maxrss (from wait4).
  // The child's user plus system CPU time (from wait4): on shared cores, steadier than wall time.
  double cpu_seconds = 0;
};

// Runs argv[0] (a path, not searched in PATH) to completion with stderr --
// and stdout, unless `stdout_path` is given -- appended to `log_path`. Fails
// only when it cannot start; a non-zero exit is the caller's to judge.
absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         const std::string& log_path,
                                         const std::string& stdout_path = "");

// The last `max_bytes` of a file, for error messages.
std::string FileTail(const std::string& path, size_t max_bytes = 2000);

// The kernel's high-water mark of resident memory (VmHWM) of a live
// process, in bytes; 0 when it cannot be read.
int64_t ProcessPeakRssBytes(pid_t pid);

// A child that keeps running: stdout is a pipe the parent reads lines from,
// stderr goes to a log file. The destructor stops it (SIGTERM, then SIGKILL).
class ChildProcess {
 public:
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv,
                                                             const std::string& stderr_log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until a line starting with `prefix`; returns the rest of
  // that line. DEADLINE_EXCEEDED after `timeout_seconds`, FAILED_PRECONDITION
  // when the child exits or closes stdout first (with its log's tail).
  absl::StatusOr<std::string> WaitForLine(const std::string& prefix, double timeout_seconds);

  // SIGTERM, wait up to `timeout_seconds`, then SIGKILL. Returns the exit
  // status, -1 when it died of a signal or had to be killed. Idempotent.
  int Stop(double timeout_seconds = 20);

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0; }

 private:
  ChildProcess(pid_t pid, int stdout_fd, std::string log)
      : pid_(pid), stdout_fd_(stdout_fd), log_(std::move(log)) {}
  pid_t pid_;
  int stdout_fd_;
  std::string log_;
  std::string buffer_;  // Stdout read but not yet split into lines.
  int exit_code_ = -1;
};

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_CHILD_PROCESS_H_
