// Bearer tokens, TLS, read-only mode, the database lock and configuration
// of the real `dossier serve`.
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "gtest/gtest.h"
#include "tests/server/letter_graph.h"
#include "tests/server/server_process.h"
#include "tests/testing/read_file.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}

grpc::StatusCode StatsCode(v1::GraphService::Stub& stub, const std::string& token) {
  v1::GetStatsResponse response;
  return stub.GetStats(Context(token).get(), v1::GetStatsRequest(), &response).error_code();
}

grpc::StatusCode UpsertCode(v1::GraphService::Stub& stub, const std::string& token) {
  v1::UpsertNodesRequest request;
  v1::Node* n = request.add_nodes();
  n->set_type("Person");
  n->set_key("written-" + token);
  n->set_name("Written Person");
  v1::UpsertNodesResponse response;
  return stub.UpsertNodes(Context(token).get(), request, &response).error_code();
}

class AuthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteFile(dir_.Sub("tokens"),
              "# analysts read, the importer service writes\n"
              "reader-token read\n"
              "writer-token read,write\n");
  }
  TempDir dir_;
};

TEST_F(AuthTest, TokensAndScopes) {
  ServerProcess server(dir_.Sub("db"), {"--token-file", dir_.Sub("tokens")},
                       dir_.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  auto stub = server.Stub();
  EXPECT_EQ(StatsCode(*stub, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(StatsCode(*stub, "wrong-token"), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(StatsCode(*stub, "reader-token"), grpc::StatusCode::OK);
  EXPECT_EQ(StatsCode(*stub, "writer-token"), grpc::StatusCode::OK);
  EXPECT_EQ(UpsertCode(*stub, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(UpsertCode(*stub, "reader-token"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(UpsertCode(*stub, "writer-token"), grpc::StatusCode::OK);

  // A client cannot forge the interceptor's verdict.
  auto context = Context();
  context->AddMetadata("x-dossier-auth-verdict", "allow");
  v1::GetStatsResponse stats;
  EXPECT_EQ(stub->GetStats(context.get(), v1::GetStatsRequest(), &stats).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);

  // Streaming calls are checked too.
  v1::TraverseRequest traverse;
  traverse.add_seed_ids(1);
  auto tcontext = Context();
  auto reader = stub->Traverse(tcontext.get(), traverse);
  v1::TraverseResponse message;
  while (reader->Read(&message)) {
  }
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto ucontext = Context("reader-token");
  v1::UpsertEdgesResponse totals;
  auto writer = stub->UpsertEdges(ucontext.get(), &totals);
  writer->WritesDone();
  EXPECT_EQ(writer->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);

  // The CLI passes tokens from a flag, a file or the environment.
  CommandResult denied = RunDossier({"query", "stats", "--server", server.address()});
  EXPECT_NE(denied.exit_code, 0);
  EXPECT_NE(denied.err.find("bearer token"), std::string::npos) << denied.err;
  CommandResult allowed =
      RunDossier({"query", "stats", "--server", server.address(), "--token", "reader-token"});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  WriteFile(dir_.Sub("my-token"), "reader-token\n");
  allowed = RunDossier(
      {"query", "stats", "--server", server.address(), "--token-file", dir_.Sub("my-token")});
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(server.Stop(), 0);

  std::string log = ReadFile(dir_.Sub("server.log"));
  EXPECT_NE(log.find("\"code\":\"UNAUTHENTICATED\""), std::string::npos);
  EXPECT_NE(log.find("\"code\":\"PERMISSION_DENIED\""), std::string::npos);
}

TEST_F(AuthTest, BadTokenFileIsRefusedAtStart) {
  WriteFile(dir_.Sub("bad-tokens"), "token1 admin\n");
  ServerProcess server(dir_.Sub("db"), {"--token-file", dir_.Sub("bad-tokens")},
                       dir_.Sub("server.log"));
  EXPECT_FALSE(server.ok());
  EXPECT_NE(server.error().find("unknown scope"), std::string::npos) << server.error();
}

TEST_F(AuthTest, TlsWithAuth) {
  std::string cert = dir_.Sub("cert.pem"), key = dir_.Sub("key.pem");
  std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost "
      "-addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout " +
      key + " -out " + cert + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "openssl failed";
  ServerProcess server(dir_.Sub("db"),
                       {"--tls-cert", cert, "--tls-key", key, "--token-file", dir_.Sub("tokens")},
                       dir_.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();

  grpc::SslCredentialsOptions options;
  options.pem_root_certs = ReadFile(cert);
  auto secure = v1::GraphService::NewStub(
      grpc::CreateChannel(server.address(), grpc::SslCredentials(options)));
  EXPECT_EQ(StatsCode(*secure, "reader-token"), grpc::StatusCode::OK);
  EXPECT_EQ(StatsCode(*secure, ""), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(UpsertCode(*secure, "reader-token"), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(UpsertCode(*secure, "writer-token"), grpc::StatusCode::OK);

  // Plaintext to a TLS port fails.
  EXPECT_EQ(StatsCode(*server.Stub(), "reader-token"), grpc::StatusCode::UNAVAILABLE);

  CommandResult cli = RunDossier({"query", "find", "Written", "--server", server.address(),
                                  "--tls-ca", cert, "--token", "reader-token"});
  EXPECT_EQ(cli.exit_code, 0) << cli.err;
  EXPECT_NE(cli.out.find("Written Person"), std::string::npos) << cli.out;
  EXPECT_EQ(server.Stop(), 0);
}

TEST(ServerModesTest, ReadOnlyServerRefusesWrites) {
  TempDir dir;
  {
    ServerProcess writer(dir.Sub("db"), {}, dir.Sub("w.log"));
    ASSERT_TRUE(writer.ok()) << writer.error();
    LetterGraph graph;
    ASSERT_TRUE(BuildLetterGraph(*writer.Stub(), "", 0, &graph).ok());
    EXPECT_EQ(writer.Stop(), 0);
  }
  ServerProcess server(dir.Sub("db"), {"--read-only"}, dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  auto stub = server.Stub();
  EXPECT_EQ(StatsCode(*stub, ""), grpc::StatusCode::OK);
  v1::UpsertNodesRequest request;
  request.add_nodes()->set_type("Person");
  v1::UpsertNodesResponse response;
  grpc::Status s = stub->UpsertNodes(Context().get(), request, &response);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(s.error_message().find("read-only"), std::string::npos);
  EXPECT_EQ(server.Stop(), 0);
}

TEST(ServerModesTest, LockedDatabaseSaysWhatToDo) {
  TempDir dir;
  ServerProcess server(dir.Sub("db"), {}, dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  LetterGraph graph;
  ASSERT_TRUE(BuildLetterGraph(*server.Stub(), "", 5, &graph).ok());

  for (const char* command : {"stats", "check", "export"}) {
    CommandResult locked = RunDossier({command, "--db", dir.Sub("db")});
    EXPECT_EQ(locked.exit_code, 4) << command << ": " << locked.err;
    EXPECT_NE(locked.err.find("--server"), std::string::npos) << locked.err;
    EXPECT_NE(locked.err.find("--read-only"), std::string::npos) << locked.err;
  }
  CommandResult through_server = RunDossier({"stats", "--server", server.address(), "--json"});
  EXPECT_EQ(through_server.exit_code, 0) << through_server.err;
  EXPECT_NE(through_server.out.find("\"node_count\""), std::string::npos) << through_server.out;
  CommandResult export_server =
      RunDossier({"export", "--db", dir.Sub("db"), "--server", server.address()});
  EXPECT_NE(export_server.exit_code, 0);
  EXPECT_NE(export_server.err.find("--read-only"), std::string::npos) << export_server.err;

  // A second server on the same database is refused with the same advice.
  ServerProcess second(dir.Sub("db"), {}, dir.Sub("second.log"));
  EXPECT_FALSE(second.ok());
  EXPECT_NE(second.error().find("locked"), std::string::npos) << second.error();
  EXPECT_EQ(server.Stop(), 0);
}

// Disabled: graph::Graph::NewReadView takes a RocksDB snapshot, which a
// secondary (--read-only) instance refuses ("snapshot not supported in
// secondary mode"), so `stats/check/export --read-only` fail while served.
// Enable once graph/graph.cc reads secondaries without a snapshot.
TEST(ServerModesTest, ReadOnlySnapshotWhileServed) {
  TempDir dir;
  ServerProcess server(dir.Sub("db"), {}, dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  LetterGraph graph;
  ASSERT_TRUE(BuildLetterGraph(*server.Stub(), "", 5, &graph).ok());
  for (const char* command : {"stats", "check", "export"}) {
    CommandResult result = RunDossier({command, "--db", dir.Sub("db"), "--read-only"});
    EXPECT_EQ(result.exit_code, 0) << command << ": " << result.err;
  }
  EXPECT_EQ(server.Stop(), 0);
}

TEST(ServerModesTest, ConfigFileAndHelp) {
  TempDir dir;
  WriteFile(dir.Sub("dossier.toml"), "read-only = true\nmax-depth = 3\nquiet = true\n");
  ServerProcess server(dir.Sub("db"), {"--config", dir.Sub("dossier.toml")}, dir.Sub("server.log"));
  ASSERT_TRUE(server.ok()) << server.error();
  EXPECT_EQ(UpsertCode(*server.Stub(), ""), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(server.Stop(), 0);
  EXPECT_EQ(ReadFile(dir.Sub("server.log")).find("\"method\""), std::string::npos);  // quiet

  CommandResult help = RunDossier({"serve", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  for (const char* flag : {"--listen", "--db", "--config", "--tls-cert", "--tls-key",
                           "--token-file", "--metrics-listen", "--read-only", "--workers",
                           "--max-nodes", "--max-work", "--shutdown-grace-seconds"}) {
    EXPECT_NE(help.out.find(flag), std::string::npos) << flag;
  }
  CommandResult query_help = RunDossier({"query", "--help"});
  EXPECT_NE(query_help.out.find("subgraph"), std::string::npos);
}

}  // namespace
}  // namespace dossier::testing
