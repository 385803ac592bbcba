// Resident memory of this process, from /proc/self/status. The driver
// measures each engine's peak by resetting the kernel's high-water mark
// (VmHWM) before the engine loads -- writing "5" to /proc/self/clear_refs,
// Linux >= 4.0 -- and reading it afterwards. Where that reset is refused the
// peak is the whole process's (getrusage ru_maxrss) and is reported as such.
#ifndef DOSSIER_BENCH_MEMORY_USAGE_H_
#define DOSSIER_BENCH_MEMORY_USAGE_H_

#include <cstdint>

namespace dossier::bench {

int64_t CurrentRssBytes();
int64_t PeakRssBytes();
// True when the high-water mark now equals the current RSS.
bool ResetPeakRss();
// Hands freed heap back to the kernel so one engine's garbage does not
// count as the next engine's baseline.
void ReleaseFreeMemory();

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_MEMORY_USAGE_H_
