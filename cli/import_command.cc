#include "cli/import_command.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/cli_common.h"
#include "cli/client_options.h"
#include "cli/ordered_prefetcher.h"
#include "cli/progress.h"
#include "importer/extraction_json.h"
#include "importer/graph_writer.h"
#include "nlohmann/json.hpp"

namespace dossier::cli {
namespace {

namespace fs = std::filesystem;

struct ImportFlags {
  DatabaseFlags db;
  std::vector<std::string> inputs;
  bool json = false;
  bool dry_run = false;
  size_t max_bytes = 4 * 1024 * 1024;
  int jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::string data_dir;
  ClientFlags client;
  std::string server;  // Set: import through a running server's ImportDocument.
  size_t letters_per_commit = 1024;
};

// A commit also closes once its letters hold this many bytes, so a run of large letters keeps
// the transaction's memory bounded: a staged letter takes about 25 times its size (its keys and
// records, and what the transaction remembers reading), and two batches are held at once (the
// one being written and the one being staged), so about 400 MB at most.
constexpr size_t kCommitBytes = 8 << 20;

// Directories contribute their letter-like files, recursively and in a stable
// order; README files and analysts' *.expected.json files are not letters.
bool LooksLikeLetter(const fs::path& path) {
  std::string ext = absl::AsciiStrToLower(path.extension().string());
  std::string stem = absl::AsciiStrToLower(path.stem().string());
  if (stem.rfind("readme", 0) == 0 || path.filename().string().front() == '.') return false;
  return ext == ".txt" || ext == ".text" || ext == ".md" || ext == ".markdown";
}

struct Input {
  std::string path;   // "-" for stdin
  std::string error;  // Set when the input could not even be listed.
};

// A letter read and, when it is imported locally, extracted ahead of its turn to be written.
struct Prepared {
  absl::Status status;  // Listing or reading failed.
  std::string bytes;
  std::optional<absl::StatusOr<importer::ImportResult>> extraction;
};

std::vector<Input> ExpandInputs(const std::vector<std::string>& args) {
  std::vector<Input> inputs;
  for (const std::string& arg : args) {
    if (arg == "-") {
      inputs.push_back({arg, ""});
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<std::string> found;
      fs::recursive_directory_iterator it(arg, fs::directory_options::skip_permission_denied, ec);
      if (ec) {
        inputs.push_back({arg, "cannot read directory: " + ec.message()});
        continue;
      }
      for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file(ec) && LooksLikeLetter(it->path()))
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      for (std::string& f : found) inputs.push_back({std::move(f), ""});
    } else {
      inputs.push_back({arg, ""});
    }
  }
  return inputs;
}

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  if (path == "-") {
    return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) return absl::NotFoundError("no such file");
  if (fs::is_directory(path, ec)) return absl::InvalidArgumentError("is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::PermissionDeniedError("cannot open for reading");
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return absl::DataLossError("read error");
  return content.str();
}

// The identity of a file across versions: its absolute, normalised path.
std::string FileIdentity(const std::string& path) {
  if (path == "-") return path;
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? path : absolute.string();
}

nlohmann::json ResultJson(const importer::ImportResult& r, bool dry_run) {
  nlohmann::json j = {{"file", r.file_name},
                      {"status", r.unchanged ? "unchanged" : (dry_run ? "dry-run" : "imported")},
                      {"sha256", r.sha256},
                      {"persons", r.persons},
                      {"organisations", r.organisations},
                      {"sources", r.sources},
                      {"relations", r.relations},
                      {"warnings", r.warnings}};
  if (!dry_run) {
    j["letter"] = std::to_string(r.letter);
    j["nodes_added"] = r.nodes_added;
    j["nodes_merged"] = r.nodes_merged;
    j["edges_added"] = r.edges_added;
    j["edges_merged"] = r.edges_merged;
    j["evidence_added"] = r.evidence_added;
    if (r.replaced != graph::kNoNode) j["replaced_letter"] = std::to_string(r.replaced);
  } else {
    j["extraction"] = importer::ExtractionToJson(r.extraction);
  }
  return j;
}

std::string Summary(const importer::ImportResult& r, bool dry_run) {
  const auto& l = r.extraction.letter;
  std::string where = absl::StrFormat("%s%s%s", l.date.value_or("undated"), l.place ? ", " : "",
                                      l.place.value_or(""));
  if (r.unchanged)
    return absl::StrFormat("unchanged %s: already imported as letter %d", r.file_name, r.letter);
  std::string line =
      absl::StrFormat("%s %s (%s): %d persons, %d organisations, %d sources, %d relations",
                      dry_run ? "would import" : "imported", r.file_name, where, r.persons,
                      r.organisations, r.sources, r.relations);
  if (!dry_run) {
    line += absl::StrFormat("; nodes +%d ~%d, edges +%d ~%d", r.nodes_added, r.nodes_merged,
                            r.edges_added, r.edges_merged);
    if (r.replaced != graph::kNoNode) line += absl::StrFormat("; replaced letter %d", r.replaced);
  }
  if (!r.warnings.empty()) line += absl::StrFormat("; %d warning(s)", r.warnings.size());
  return line;
}

// One letter through a running server (which holds the database's lock).
absl::StatusOr<std::string> ImportThroughServer(Client& client, const std::string& bytes,
                                                const std::string& file, bool as_json) {
  v1::ImportDocumentRequest request;
  request.set_content(bytes);
  request.set_file_name(file);
  v1::ImportDocumentResponse response;
  grpc::Status status = client.stub().ImportDocument(client.NewContext().get(), request, &response);
  if (!status.ok()) return FromGrpc(status);
  if (as_json) {
    nlohmann::json j = {{"file", file},
                        {"status", "imported"},
                        {"letter", std::to_string(response.letter_id())},
                        {"nodes_added", response.nodes_created()},
                        {"nodes_merged", response.nodes_matched()},
                        {"edges_added", response.edges_created()},
                        {"evidence_added", response.evidence_added()},
                        {"warnings", response.warnings()},
                        {"write_sequence", response.write_sequence()}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string line = absl::StrFormat(
      "imported %s through the server: letter %d; nodes +%d ~%d, edges +%d, evidence +%d", file,
      response.letter_id(), response.nodes_created(), response.nodes_matched(),
      response.edges_created(), response.evidence_added());
  for (const std::string& w : response.warnings()) line += "\n  warning: " + w;
  return line;
}

}  // namespace

void AddImportCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ImportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "import",
      "Import letters (files, directories recursively, or - for stdin), each wholly or not at all");
  cmd->add_option("--db", flags->db.db, "Database directory")->capture_default_str();
  cmd->add_option("inputs", flags->inputs, "Letter files or directories ('-' reads stdin)")
      ->required();
  cmd->add_flag("--json", flags->json, "One JSON object per file on stdout");
  cmd->add_flag("--dry-run", flags->dry_run, "Print what would be extracted; write nothing");
  cmd->add_option("--max-bytes", flags->max_bytes, "Largest letter accepted")
      ->capture_default_str();
  cmd->add_option("--data-dir", flags->data_dir,
                  "Gazetteer directory (default: the installed one)");
  cmd->add_option("--jobs", flags->jobs,
                  "Letters read and extracted in parallel ahead of the writer (writes stay in "
                  "input order; these threads run at nice +10 so that the writer keeps its core)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--letters-per-commit", flags->letters_per_commit,
                  "Letters written as one atomic batch (1: a commit each), or fewer once they "
                  "hold 8 MB. Each letter still applies wholly or not at all; a letter is reported "
                  "once its batch is committed. A batch of about 200 letters or more is written as "
                  "synced SST files (faster in bulk, and it survives a power failure)")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_flag("--sync", flags->db.sync, "fsync every commit (survives power loss)");
  cmd->add_option("--server", flags->server,
                  "Import through a running `dossier serve` (HOST:PORT) instead of opening --db");
  AddClientFlags(cmd, &flags->client, /*with_server=*/false);
  cmd->callback([flags, exit_code] {
    std::string data_dir =
        flags->data_dir.empty() ? importer::Gazetteer::DefaultDataDir() : flags->data_dir;
    absl::StatusOr<importer::Gazetteer> gazetteer = importer::Gazetteer::Load(data_dir);
    if (!gazetteer.ok()) {
      *exit_code = ReportError("import", gazetteer.status());
      return;
    }
    std::unique_ptr<Client> client;
    if (!flags->server.empty() && !flags->dry_run) {
      flags->client.server = flags->server;
      absl::StatusOr<std::unique_ptr<Client>> connected = Client::Connect(flags->client);
      if (!connected.ok()) {
        *exit_code = ReportError("import", connected.status());
        return;
      }
      client = std::move(*connected);
    }
    // Declared before the extraction threads, so that they stop before it closes.
    std::unique_ptr<graph::Graph> graph;
    auto open_database = [&]() -> bool {
      if (flags->dry_run || client != nullptr || graph != nullptr) return true;
      auto opened = OpenDatabase(flags->db, true);
      if (!opened.ok()) {
        *exit_code = ReportError("import", opened.status());
        return false;
      }
      graph = std::move(*opened);
      return true;
    };
    importer::ImportOptions options;
    options.dry_run = flags->dry_run;
    options.extract.max_bytes = flags->max_bytes;
    // Extraction only: letters are written with WriteInto in transactions of this command's own.
    importer::LetterImporter letter_importer(/*graph=*/nullptr, &*gazetteer, options);

    std::vector<Input> inputs = ExpandInputs(flags->inputs);
    // Reading and extraction run on up to --jobs threads ahead of this one, which writes the
    // letters one transaction each, in input order.
    auto prepare = [&](size_t k) {
      Prepared p;
      const Input& input = inputs[k];
      if (!input.error.empty()) {
        p.status = absl::InvalidArgumentError(input.error);
        return p;
      }
      absl::StatusOr<std::string> bytes = ReadInput(input.path);
      if (!bytes.ok()) {
        p.status = bytes.status();
        return p;
      }
      p.bytes = std::move(*bytes);
      if (client == nullptr)
        p.extraction = letter_importer.Extract(p.bytes, FileIdentity(input.path));
      return p;
    };
    // With one job nothing runs ahead: the letter is prepared on this thread, as before.
    const size_t threads =
        client == nullptr && flags->jobs > 1 ? static_cast<size_t>(flags->jobs) : 0;
    // The window lets one slow letter be overtaken: the first letter in Han script compiles ICU's
    // Han-Latin rules (about 0.1 s of one core), and the other thread keeps extracting meanwhile
    // only if the window holds that much work (a hundred corpus letters: 32 letters ahead left it
    // idle for most of the time, 600 letters' import 3% slower). Memory is bounded by the letters'
    // bytes held ahead (their extractions are a few times larger), not by their count: at most
    // 32 MB plus one letter a thread, however large the letters (--max-bytes).
    // This thread is the serial stage (letters are written one at a time, in order), so the
    // extraction threads yield to it: at equal priority the scheduler shared a core three ways
    // and this thread finished last, alone (600 letters: 1.85 -> 1.75 s, six alternating runs;
    // nice +5 gained less, +19 no more than +10).
    constexpr PrefetchOptions kAhead{
        .max_items = 256, .max_weight = 32 << 20, .worker_niceness = 10};
    // The extraction threads start first, so that they extract while the database opens; unless
    // one would read stdin, which a refused open would then wait on to its end.
    const bool reads_stdin =
        std::any_of(inputs.begin(), inputs.end(), [](const Input& in) { return in.path == "-"; });
    if (reads_stdin && !open_database()) return;
    OrderedPrefetcher<Prepared> ahead(inputs.size(), threads, kAhead, prepare,
                                      [](const Prepared& p) { return p.bytes.size(); });
    if (!open_database()) return;
    ProgressLine progress;
    int failures = 0;
    auto report_failure = [&](const Input& input, const absl::Status& status) {
      ++failures;
      progress.Clear();
      std::cerr << "dossier import: " << input.path << ": " << status.message()
                << " (nothing written for this file)\n";
      if (flags->json) {
        std::cout << nlohmann::json{{"file", input.path},
                                    {"status", "error"},
                                    {"error", std::string(status.message())}}
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
      }
    };
    auto report_success = [&](const importer::ImportResult& result) {
      progress.Clear();
      if (flags->json) {
        std::cout << ResultJson(result, flags->dry_run)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
      } else {
        std::cout << Summary(result, flags->dry_run) << "\n";
        for (const std::string& w : result.warnings) std::cout << "  warning: " << w << "\n";
      }
    };

    // Letters written into the open transaction, reported (in input order, failures included)
    // once their batch is in the database: a letter is only called imported when it is. A full
    // batch is written in the background while the next one is staged on top of it.
    struct Staged {
      size_t input;
      absl::StatusOr<importer::ImportResult> result;
    };
    std::unique_ptr<graph::WriteTransaction> txn;
    std::vector<Staged> staged;      // In the transaction, not yet handed over.
    std::vector<Staged> committing;  // In the batch being written in the background.
    size_t staged_bytes = 0;
    // Set when a batch does not reach the database: a storage failure (a full disk, an I/O
    // error; after a failed log write RocksDB refuses every later write, and after a failed
    // ingestion the next large batch would most likely fail alike), never one letter's. The
    // inputs after it are reported without being read or extracted.
    absl::Status refused;
    auto report = [&](std::vector<Staged>& batch, const absl::Status& written,
                      const std::string& why_not_written) {
      for (Staged& s : batch) {
        if (!s.result.ok()) {
          report_failure(inputs[s.input], s.result.status());
        } else if (!written.ok()) {
          report_failure(
              inputs[s.input],
              absl::Status(written.code(), absl::StrCat(why_not_written, ": ", written.message())));
        } else {
          report_success(*s.result);
        }
      }
      batch.clear();
    };
    // Ends the staged batch: hands it to the background (or, `last`, commits it and waits).
    auto end_batch = [&](bool last) {
      absl::Status landed = txn != nullptr ? txn->AwaitBackgroundCommit() : absl::OkStatus();
      report(committing, landed, "commit failed");
      if (!landed.ok()) {
        // Staged on top of a batch that is not in the database: the transaction is gone.
        txn.reset();
        refused = landed;
        report(staged, landed, "not written: the batch before it failed to commit");
      } else if (txn == nullptr) {
        report(staged, absl::OkStatus(), "");  // Nothing was written: failures, or a dry run.
      } else if (last) {
        absl::Status committed = txn->Commit();
        txn.reset();
        if (!committed.ok()) refused = committed;
        report(staged, committed, "commit failed");
      } else if (absl::Status handed = txn->CommitStagedInBackground(); !handed.ok()) {
        txn.reset();
        refused = handed;
        report(staged, handed, "commit failed");
      } else {
        committing = std::move(staged);
        staged.clear();
      }
      staged_bytes = 0;
    };

    for (size_t i = 0; i < inputs.size(); ++i) {
      const Input& input = inputs[i];
      if (!refused.ok()) {
        report_failure(input, absl::Status(refused.code(),
                                           absl::StrCat("not attempted: the database refused an "
                                                        "earlier write: ",
                                                        refused.message())));
        continue;
      }
      if (inputs.size() > 1) progress.Show("importing", i, inputs.size());
      Prepared prepared = ahead.Take(i);
      if (!prepared.status.ok()) {
        // Through a server nothing is staged: each letter is reported as it is answered.
        if (client != nullptr) {
          report_failure(input, prepared.status);
        } else {
          staged.push_back({i, prepared.status});
        }
        continue;
      }
      if (client != nullptr) {
        absl::StatusOr<std::string> line =
            ImportThroughServer(*client, prepared.bytes, FileIdentity(input.path), flags->json);
        if (line.ok()) {
          progress.Clear();
          std::cout << *line << "\n";
        } else {
          report_failure(input, line.status());
        }
        continue;
      }
      absl::StatusOr<importer::ImportResult>& result = *prepared.extraction;
      if (result.ok() && !flags->dry_run) {
        if (txn == nullptr) {
          absl::StatusOr<std::unique_ptr<graph::WriteTransaction>> begun = graph->BeginWrite();
          if (!begun.ok()) {
            staged.push_back({i, begun.status()});
            continue;
          }
          txn = std::move(*begun);
        }
        absl::Status written = letter_importer.WriteInto(txn.get(), prepared.bytes,
                                                         FileIdentity(input.path), &*result);
        if (!written.ok()) result = written;
        staged_bytes += prepared.bytes.size();
      }
      staged.push_back({i, std::move(result)});
      if (staged.size() >= flags->letters_per_commit || staged_bytes >= kCommitBytes) {
        end_batch(false);
      }
    }
    end_batch(true);
    progress.Clear();
    *exit_code = failures == 0 ? 0 : 1;
  });
}

}  // namespace dossier::cli
