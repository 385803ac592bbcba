#include "bench/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/str_cat.h"

namespace dossier::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Built before fork: the child may only call async-signal-safe functions.
std::vector<char*> Argv(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  return argv;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : -1; }

absl::Status CheckExecutable(const std::vector<std::string>& argv) {
  if (argv.empty()) return absl::InvalidArgumentError("empty command");
  if (access(argv[0].c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat("not an executable: ", argv[0]));
  }
  return absl::OkStatus();
}

}  // namespace

std::string FileTail(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  return text.size() <= max_bytes ? text : "..." + text.substr(text.size() - max_bytes);
}

absl::StatusOr<CommandResult> RunCommand(const std::vector<std::string>& argv,
                                         const std::string& log_path,
                                         const std::string& stdout_path) {
  if (absl::Status s = CheckExecutable(argv); !s.ok()) return s;
  int log = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0) return absl::InternalError(absl::StrCat("cannot open ", log_path));
  int out = log;
  if (!stdout_path.empty()) {
    out = open(stdout_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
      close(log);
      return absl::InternalError(absl::StrCat("cannot open ", stdout_path));
    }
  }
  std::vector<char*> args = Argv(argv);
  Clock::time_point start = Clock::now();
  pid_t pid = fork();
  auto close_files = [&] {
    if (out != log) close(out);
    close(log);
  };
  if (pid < 0) {
    close_files();
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    dup2(out, STDOUT_FILENO);
    dup2(log, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  close_files();
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  CommandResult result;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.exit_code = ExitCode(status);
  result.peak_rss_bytes = static_cast<int64_t>(usage.ru_maxrss) * 1024;
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  result.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return result;
}

int64_t ProcessPeakRssBytes(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtoll(line.c_str() + 6, nullptr, 10) * 1024;
  }
  return 0;
}

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv, const std::string& stderr_log) {
  if (absl::Status s = CheckExecutable(argv); !s.ok()) return s;
  int log = open(stderr_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log < 0) return absl::InternalError(absl::StrCat("cannot open ", stderr_log));
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    close(log);
    return absl::InternalError("pipe failed");
  }
  std::vector<char*> args = Argv(argv);
  pid_t pid = fork();
  if (pid < 0) {
    close(log);
    close(fds[0]);
    close(fds[1]);
    return absl::InternalError(absl::StrCat("fork: ", std::strerror(errno)));
  }
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);  // dup2 clears O_CLOEXEC on the new descriptor.
    dup2(log, STDERR_FILENO);
    execv(args[0], args.data());
    _exit(127);
  }
  close(log);
  close(fds[1]);
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, fds[0], stderr_log));
}

ChildProcess::~ChildProcess() {
  Stop();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

absl::StatusOr<std::string> ChildProcess::WaitForLine(const std::string& prefix,
                                                      double timeout_seconds) {
  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  while (true) {
    for (size_t eol; (eol = buffer_.find('\n')) != std::string::npos;) {
      std::string line = buffer_.substr(0, eol);
      buffer_.erase(0, eol + 1);
      if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    }
    if (Clock::now() >= deadline) {
      return absl::DeadlineExceededError(absl::StrCat(
          "no '", prefix, "' line within ", timeout_seconds, " s; log: ", FileTail(log_)));
    }
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 100) <= 0) continue;
    char chunk[512];
    ssize_t n = read(stdout_fd_, chunk, sizeof(chunk));
    if (n <= 0) {
      Stop(5);
      return absl::FailedPreconditionError(absl::StrCat("the child closed stdout before printing '",
                                                        prefix, "'; log: ", FileTail(log_)));
    }
    buffer_.append(chunk, static_cast<size_t>(n));
  }
}

int ChildProcess::Stop(double timeout_seconds) {
  if (pid_ <= 0) return exit_code_;
  kill(pid_, SIGTERM);
  const Clock::time_point deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(timeout_seconds * 1000));
  int status = 0;
  while (Clock::now() < deadline) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_code_ = ExitCode(status);
      return exit_code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  exit_code_ = -1;
  return exit_code_;
}

}  // namespace dossier::bench
