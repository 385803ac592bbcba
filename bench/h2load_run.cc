#include "bench/h2load_run.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "bench/child_process.h"
#include "re2/re2.h"

namespace dossier::bench {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string GrpcFrame(const google::protobuf::MessageLite& message) {
  const std::string payload = message.SerializeAsString();
  std::string frame(5, '\0');
  const uint32_t size = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) frame[1 + i] = static_cast<char>(size >> (8 * (3 - i)));
  return frame + payload;
}

absl::StatusOr<H2loadPoint> RunH2load(const std::string& h2load, const std::string& address,
                                      const H2loadRequest& request, int clients, double seconds,
                                      const std::string& work_dir) {
  const std::string tag = absl::StrCat(work_dir, "/h2load-", clients);
  const std::string body_path = tag + ".body";
  const std::string log_path = tag + ".requests.tsv";
  const std::string out_path = tag + ".out";
  std::ofstream(body_path, std::ios::binary) << request.body;
  std::remove(log_path.c_str());
  std::remove(out_path.c_str());
  const std::vector<std::string> argv = {h2load,
                                         "-c",
                                         absl::StrCat(clients),
                                         "-m",
                                         "1",
                                         "-t",
                                         "1",
                                         "-D",
                                         absl::StrCat(seconds),
                                         "--log-file",
                                         log_path,
                                         "-d",
                                         body_path,
                                         "-H",
                                         "content-type: application/grpc",
                                         "-H",
                                         "te: trailers",
                                         absl::StrCat("http://", address, request.method_path)};
  absl::StatusOr<CommandResult> run = RunCommand(argv, tag + ".log", out_path);
  if (!run.ok()) return run.status();
  const std::string out = ReadAll(out_path);
  if (run->exit_code != 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("h2load exited with ", run->exit_code, ": ", FileTail(tag + ".log"), out));
  }
  absl::StatusOr<H2loadPoint> point = ParseH2loadOutput(out, ReadAll(log_path), request, clients);
  if (!point.ok()) {
    return absl::Status(point.status().code(),
                        absl::StrCat(point.status().message(), " (see ", tag, ".*)"));
  }
  return point;
}

absl::StatusOr<H2loadPoint> ParseH2loadOutput(std::string_view summary,
                                              std::string_view request_log,
                                              const H2loadRequest& request, int clients) {
  const std::string out(summary);
  int64_t succeeded = 0, failed = 0, errored = 0, data_bytes = 0;
  double window = 0;
  if (!RE2::PartialMatch(out, R"(finished in ([0-9.]+)s,)", &window) ||
      !RE2::PartialMatch(out, R"((\d+) succeeded, (\d+) failed, (\d+) errored)", &succeeded,
                         &failed, &errored) ||
      !RE2::PartialMatch(out, R"(\((\d+)\) data)", &data_bytes)) {
    return absl::InternalError(absl::StrCat("cannot read h2load's summary: ", out));
  }
  // Every answer must be the OK answer: a gRPC error is HTTP 200 too, with no DATA. A request in
  // flight when the window closed may have part of its DATA counted.
  const int64_t expected = succeeded * request.response_data_bytes;
  if (failed != 0 || errored != 0 || succeeded == 0 || data_bytes < expected ||
      data_bytes >= expected + clients * request.response_data_bytes) {
    return absl::FailedPreconditionError(
        absl::StrCat("h2load ", request.method_path, ": ", succeeded, " succeeded, ", failed,
                     " failed, ", errored, " errored, ", data_bytes,
                     " DATA bytes where each OK answer has ", request.response_data_bytes));
  }
  // The log: start (us since the epoch), HTTP status, duration (us), one line per request.
  std::vector<int64_t> nanos;
  for (absl::string_view line : absl::StrSplit(
           absl::string_view(request_log.data(), request_log.size()), '\n', absl::SkipEmpty())) {
    std::vector<std::string> fields = absl::StrSplit(line, '\t');
    int64_t status = 0, micros = 0;
    if (fields.size() < 3 || !absl::SimpleAtoi(fields[1], &status) ||
        !absl::SimpleAtoi(fields[2], &micros)) {
      return absl::InternalError(absl::StrCat("unreadable line in h2load's request log: ", line));
    }
    if (status != 200) {
      return absl::FailedPreconditionError(
          absl::StrCat("h2load ", request.method_path, ": HTTP status ", status));
    }
    nanos.push_back(micros * 1000);
  }
  H2loadPoint point;
  point.clients = clients;
  point.calls = succeeded;
  point.seconds = window;
  point.calls_per_second = window > 0 ? succeeded / window : 0;
  point.latency = Summarize(std::move(nanos));
  return point;
}

}  // namespace dossier::bench
