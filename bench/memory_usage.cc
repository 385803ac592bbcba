#include "bench/memory_usage.h"

#include <malloc.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

namespace dossier::bench {
namespace {

// A "Vm...:   1234 kB" line of /proc/self/status, in bytes; -1 if missing.
int64_t StatusField(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const size_t len = std::strlen(field);
  while (std::getline(in, line)) {
    if (line.compare(0, len, field) == 0 && line.size() > len && line[len] == ':') {
      return std::stoll(line.substr(len + 1)) * 1024;
    }
  }
  return -1;
}

}  // namespace

int64_t CurrentRssBytes() { return StatusField("VmRSS"); }

int64_t PeakRssBytes() {
  int64_t hwm = StatusField("VmHWM");
  if (hwm >= 0) return hwm;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return int64_t{usage.ru_maxrss} * 1024;
}

bool ResetPeakRss() {
  std::FILE* f = std::fopen("/proc/self/clear_refs", "w");
  if (f == nullptr) return false;
  bool ok = std::fputs("5", f) >= 0;
  ok = (std::fclose(f) == 0) && ok;
  return ok;
}

void ReleaseFreeMemory() { malloc_trim(0); }

}  // namespace dossier::bench
