// A one-line progress display on a terminal's stderr; silent otherwise, so
// scripts and logs get no carriage-return noise.
#ifndef DOSSIER_CLI_PROGRESS_H_
#define DOSSIER_CLI_PROGRESS_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace dossier::cli {

class ProgressLine {
 public:
  ProgressLine() : enabled_(::isatty(STDERR_FILENO) == 1) {}
  ~ProgressLine() { Clear(); }

  void Show(const std::string& phase, uint64_t done, uint64_t total) {
    if (!enabled_) return;
    if (total > 0) {
      int width = 30;
      int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
      std::fprintf(stderr, "\r%-10s [%-*s] %llu/%llu", phase.c_str(), width,
                   std::string(std::min(filled, width), '#').c_str(),
                   static_cast<unsigned long long>(done), static_cast<unsigned long long>(total));
    } else {
      std::fprintf(stderr, "\r%-10s %llu        ", phase.c_str(),
                   static_cast<unsigned long long>(done));
    }
    std::fflush(stderr);
    shown_ = true;
  }

  void Clear() {
    if (enabled_ && shown_) std::fprintf(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
};

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_PROGRESS_H_
