// The corpus letters through ImportDocument on the real `dossier serve`, then
// the relationship questions an analyst asks of them.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "gtest/gtest.h"
#include "tests/server/server_process.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unique_ptr<grpc::ClientContext> Context() {
  auto context = std::make_unique<grpc::ClientContext>();
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  return context;
}

class ServerImportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(dir_->Sub("db"), {}, dir_->Sub("server.log"));
    if (!server_->ok()) return;
    stub_ = server_->Stub().release();
    for (const auto& entry :
         std::filesystem::directory_iterator(std::string(DOSSIER_TEST_DATA_DIR) + "/letters")) {
      if (entry.path().extension() != ".txt") continue;
      v1::ImportDocumentRequest request;
      request.set_content(Read(entry.path()));
      request.set_file_name(entry.path().filename().string());
      v1::ImportDocumentResponse response;
      grpc::Status s = stub_->ImportDocument(Context().get(), request, &response);
      imports_.push_back({entry.path().filename().string(), s.error_code(), response});
    }
  }
  static void TearDownTestSuite() {
    delete stub_;
    delete server_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(server_->ok()) << server_->error(); }

  static uint64_t NodeNamed(const std::string& name) {
    v1::GetNodeRequest request;
    request.set_name(name);
    v1::GetNodeResponse response;
    grpc::Status s = stub_->GetNode(Context().get(), request, &response);
    EXPECT_TRUE(s.ok()) << name << ": " << s.error_message();
    return response.node().id();
  }

  struct Imported {
    std::string file;
    grpc::StatusCode code;
    v1::ImportDocumentResponse response;
  };
  static inline TempDir* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline v1::GraphService::Stub* stub_ = nullptr;
  static inline std::vector<Imported> imports_;
};

TEST_F(ServerImportTest, EveryCorpusLetterImports) {
  ASSERT_EQ(imports_.size(), 6u);
  for (const Imported& i : imports_) {
    EXPECT_EQ(i.code, grpc::StatusCode::OK) << i.file;
    EXPECT_NE(i.response.letter_id(), 0u) << i.file;
    EXPECT_GT(i.response.edges_created(), 10) << i.file;
    EXPECT_GT(i.response.evidence_added(), 10) << i.file;
    EXPECT_GT(i.response.write_sequence(), 0u) << i.file;
  }
  v1::GetStatsResponse stats;
  ASSERT_TRUE(stub_->GetStats(Context().get(), v1::GetStatsRequest(), &stats).ok());
  EXPECT_GT(stats.node_count(), 300);
  // A letter is found by the file it came from.
  v1::GetNodeRequest by_file;
  by_file.set_external_id("file:ep-kazakhstan-2020-10-16.txt");
  v1::GetNodeResponse letter;
  ASSERT_TRUE(stub_->GetNode(Context().get(), by_file, &letter).ok());
  EXPECT_EQ(letter.node().type(), "Letter");
  by_file.set_external_id("file:no-such-letter.txt");
  EXPECT_EQ(stub_->GetNode(Context().get(), by_file, &letter).error_code(),
            grpc::StatusCode::NOT_FOUND);
  by_file.set_external_id("");
  EXPECT_EQ(stub_->GetNode(Context().get(), by_file, &letter).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerImportTest, ReimportIsUnchangedAndBadBytesAreInvalid) {
  v1::ImportDocumentRequest request;
  request.set_content(
      Read(std::string(DOSSIER_TEST_DATA_DIR) + "/letters/ep-kazakhstan-2020-10-16.txt"));
  request.set_file_name("ep-kazakhstan-2020-10-16.txt");
  v1::ImportDocumentResponse response;
  ASSERT_TRUE(stub_->ImportDocument(Context().get(), request, &response).ok());
  EXPECT_EQ(response.edges_created(), 0);
  ASSERT_EQ(response.warnings_size(), 1);
  EXPECT_NE(response.warnings(0).find("unchanged"), std::string::npos);

  request.set_content("Dear Sir,\n\nbad \xff byte");
  request.set_file_name("bad.txt");
  grpc::Status bad = stub_->ImportDocument(Context().get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(bad.error_message().find("bad.txt: invalid UTF-8 at byte offset 15"), std::string::npos)
      << bad.error_message();
  request.set_content("");
  EXPECT_EQ(stub_->ImportDocument(Context().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(ServerImportTest, WhoPersecutedDulatAgadilAndWhoWroteAboutIt) {
  uint64_t agadil = NodeNamed("Dulat Agadil");
  v1::ListNeighborsRequest request;
  request.set_node_id(agadil);
  request.set_direction(v1::DIRECTION_OUTGOING);
  request.add_edge_types("persecuted-by");
  request.set_include_nodes(true);
  v1::ListNeighborsResponse response;
  ASSERT_TRUE(stub_->ListNeighbors(Context().get(), request, &response).ok());
  ASSERT_GE(response.neighbors_size(), 1);
  bool kazakhstan = false;
  for (const auto& n : response.neighbors())
    kazakhstan = kazakhstan || n.node().name().find("Kazakhstan") != std::string::npos;
  EXPECT_TRUE(kazakhstan) << response.DebugString();

  v1::ShortestPathRequest path;
  path.set_from_id(NodeNamed("Helmut Scholz"));
  path.set_to_id(NodeNamed("Kassym-Jomart Tokayev"));
  path.set_include_evidence(true);
  path.set_max_paths(20);
  v1::ShortestPathResponse found;
  ASSERT_TRUE(stub_->ShortestPath(Context().get(), path, &found).ok());
  ASSERT_EQ(found.length(), 2);
  // Among the shortest paths: Scholz -signed-> letter -addressed-to-> Tokayev, with the evidence.
  bool addressed = false;
  for (const auto& p : found.paths()) {
    if (p.edges(0).type() != "signed" || p.edges(1).type() != "addressed-to") continue;
    addressed = true;
    ASSERT_GT(p.edges(1).evidence_size(), 0);
    EXPECT_NE(p.edges(1).evidence(0).text().find("Tokayev"), std::string::npos);
  }
  EXPECT_TRUE(addressed) << found.DebugString();

  v1::FindNodesRequest find;
  find.set_query("Abishev");
  find.set_match(v1::NAME_MATCH_TOKEN);
  v1::FindNodesResponse people;
  ASSERT_TRUE(stub_->FindNodes(Context().get(), find, &people).ok());
  EXPECT_EQ(people.nodes_size(), 2);  // Kenzhebek and Aset Abishev
}

TEST_F(ServerImportTest, OfflineCheckWhileServedIsClean) {
  CommandResult check = RunDossier({"check", "--read-only", "--db", dir_->Sub("db")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find(": ok"), std::string::npos) << check.out;
  CommandResult query = RunDossier(
      {"query", "path", "Helmut Scholz", "Kassym-Jomart Tokayev", "--server", server_->address()});
  EXPECT_EQ(query.exit_code, 0) << query.err;
  EXPECT_NE(query.out.find("-[signed]->"), std::string::npos) << query.out;
}

TEST_F(ServerImportTest, ImportGoesThroughTheServerWhileItHoldsTheDatabase) {
  std::string letter = dir_->Sub("new-letter.txt");
  std::ofstream(letter) << "Open letter\n\nGeneva, 2 May 2022\n\nDear High Commissioner,\n\n"
                           "We learned that Zhanar Omarova was detained by the police.\n\n"
                           "Yours sincerely,\n\nLena Berg, GREENS/ALE\n";
  CommandResult direct = RunDossier({"import", "--db", dir_->Sub("db"), letter});
  EXPECT_EQ(direct.exit_code, 4) << direct.out << direct.err;
  EXPECT_NE(direct.err.find("--server"), std::string::npos) << direct.err;
  CommandResult through = RunDossier({"import", "--server", server_->address(), "--json", letter});
  ASSERT_EQ(through.exit_code, 0) << through.out << through.err;
  EXPECT_NE(through.out.find("\"status\":\"imported\""), std::string::npos) << through.out;
  uint64_t omarova = NodeNamed("Zhanar Omarova");
  EXPECT_NE(omarova, 0u);

  // Through a server each file is reported as it is answered, in input order, a file that
  // cannot be read included.
  std::string second = dir_->Sub("second-letter.txt");
  std::ofstream(second) << "Open letter\n\nGeneva, 3 May 2022\n\nDear High Commissioner,\n\n"
                           "We learned that Aigul Sadykova was detained by the police.\n\n"
                           "Yours sincerely,\n\nLena Berg, GREENS/ALE\n";
  CommandResult mixed = RunDossier(
      {"import", "--server", server_->address(), "--json", dir_->Sub("missing.txt"), second});
  EXPECT_EQ(mixed.exit_code, 1) << mixed.out << mixed.err;
  const size_t error_at = mixed.out.find("\"status\":\"error\"");
  const size_t imported_at = mixed.out.find("\"status\":\"imported\"");
  ASSERT_NE(error_at, std::string::npos) << mixed.out;
  ASSERT_NE(imported_at, std::string::npos) << mixed.out;
  EXPECT_LT(error_at, imported_at) << mixed.out;
}

// Importers and readers at once through the real importer, for a bounded
// time: no errors, no person created twice, and the store checks clean.
TEST_F(ServerImportTest, ConcurrentImportsAndTraversalsStayConsistent) {
  const std::string seed =
      Read(std::string(DOSSIER_TEST_DATA_DIR) + "/letters/ep-kazakhstan-2020-10-16.txt");
  const std::string other =
      Read(std::string(DOSSIER_TEST_DATA_DIR) + "/letters/ohs-network-ilabour-three.txt");
  const uint64_t agadil = NodeNamed("Dulat Agadil");
  const uint64_t scholz = NodeNamed("Helmut Scholz");
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(4);
  std::atomic<int> errors{0}, imports{0}, reads{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto stub = server_->Stub();
      for (int i = 0; std::chrono::steady_clock::now() < until; ++i) {
        grpc::Status s;
        if (t % 2 == 0) {
          // A new version of a letter each time (a reference line makes new bytes).
          v1::ImportDocumentRequest request;
          request.set_content((t % 4 == 0 ? seed : other) + "\nRef. " + std::to_string(t) + "-" +
                              std::to_string(i) + "\n");
          request.set_file_name("concurrent-" + std::to_string(t) + "-" + std::to_string(i) +
                                ".txt");
          v1::ImportDocumentResponse response;
          s = stub->ImportDocument(Context().get(), request, &response);
          ++imports;
        } else if (t % 4 == 1) {
          v1::TraverseRequest request;
          request.add_seed_ids(agadil);
          request.set_max_depth(3);
          grpc::ClientContext context;
          auto reader = stub->Traverse(&context, request);
          v1::TraverseResponse message;
          while (reader->Read(&message)) {
          }
          s = reader->Finish();
          ++reads;
        } else {
          v1::ShortestPathRequest request;
          request.set_from_id(scholz);
          request.set_to_id(agadil);
          v1::ShortestPathResponse response;
          s = stub->ShortestPath(Context().get(), request, &response);
          if (s.ok() && response.length() != 2) ++errors;
          ++reads;
        }
        if (!s.ok()) {
          ++errors;
          ADD_FAILURE() << s.error_message();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(imports.load(), 4);
  EXPECT_GT(reads.load(), 4);
  v1::FindNodesRequest find;
  find.set_query("Helmut Scholz");
  find.add_types("Person");
  v1::FindNodesResponse found;
  ASSERT_TRUE(stub_->FindNodes(Context().get(), find, &found).ok());
  EXPECT_EQ(found.nodes_size(), 1) << "one person, however many letters name him";
  CommandResult check = RunDossier({"check", "--read-only", "--db", dir_->Sub("db")});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// A database of the previous on-disk format (tests/data/format1-db: two corpus letters, see
// tests/cli/cli_test.cc) is upgraded by the server that opens it, which says so, serves it, and
// deletes a letter with what only it stated through the upgraded by-document lists.
TEST(ServerUpgradeTest, ServesAndChangesADatabaseOfTheOlderFormat) {
  TempDir dir;
  std::filesystem::copy(std::string(DOSSIER_TEST_DATA_DIR) + "/format1-db", dir.Sub("db"));
  ServerProcess server(dir.Sub("db"), {}, dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  auto stub = server.Stub();
  v1::GetStatsResponse before;
  ASSERT_TRUE(stub->GetStats(Context().get(), v1::GetStatsRequest(), &before).ok());
  EXPECT_EQ(before.node_count(), 117u);
  EXPECT_EQ(before.nodes_by_type().at("Letter"), 2u);
  v1::GetNodeRequest get;
  get.set_external_id(
      "file:/tmp/fx/ohs-network-ilabour-three.txt");  // As the fixture's import named it.
  v1::GetNodeResponse letter;
  ASSERT_TRUE(stub->GetNode(Context().get(), get, &letter).ok());
  v1::DeleteNodeRequest remove;
  remove.set_node_id(letter.node().id());
  v1::DeleteNodeResponse removed;
  grpc::Status deleted = stub->DeleteNode(Context().get(), remove, &removed);
  ASSERT_TRUE(deleted.ok()) << deleted.error_message();
  v1::GetStatsResponse after;
  ASSERT_TRUE(stub->GetStats(Context().get(), v1::GetStatsRequest(), &after).ok());
  EXPECT_EQ(after.nodes_by_type().at("Letter"), 1u);
  EXPECT_LT(after.node_count(), before.node_count() - 1);  // Its people went with it.
  EXPECT_LT(after.evidence_count(), before.evidence_count());
  EXPECT_EQ(server.Stop(), 0);
  std::ifstream log(dir.Sub("server.log"));
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("upgraded the database at " + dir.Sub("db") + " from on-disk format 1 to 2"),
            std::string::npos)
      << text;
  CommandResult checked = RunDossier({"check", "--db", dir.Sub("db")});
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
}

}  // namespace
}  // namespace dossier::testing
