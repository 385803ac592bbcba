// Renders a benchmark run as Markdown (for people) and JSON (for tools).
#ifndef DOSSIER_BENCH_REPORT_H_
#define DOSSIER_BENCH_REPORT_H_

#include <string>

#include "bench/driver.h"

namespace dossier::bench {

// `command` is the command line, quoted in the report so it can be rerun.
std::string RenderMarkdown(const RunResult& run, const std::string& command);
std::string RenderJson(const RunResult& run, const std::string& command);

}  // namespace dossier::bench

#endif  // DOSSIER_BENCH_REPORT_H_
