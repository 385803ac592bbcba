// Partial node views (AIP-157 `view`) and byte-exact name search (NAME_MATCH_VERBATIM) through
// the real `dossier serve`.
#include <algorithm>
#include <string>
#include <vector>

#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "tests/server/letter_graph.h"
#include "tests/server/server_process.h"
#include "tests/testing/temp_dir.h"

namespace dossier::testing {
namespace {

using google::protobuf::util::MessageDifferencer;

class ServerViewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    server_ = new ServerProcess(dir_->Sub("db"), {}, dir_->Sub("server.log"));
    ASSERT_TRUE(server_->ok()) << server_->error();
    stub_ = server_->Stub().release();
    graph_ = new LetterGraph();
    grpc::Status s = BuildLetterGraph(*stub_, "", 5, graph_);
    ASSERT_TRUE(s.ok()) << s.error_message();
  }
  static void TearDownTestSuite() {
    delete stub_;
    if (server_ != nullptr) {
      EXPECT_EQ(server_->Stop(), 0);
    }
    delete server_;
    delete graph_;
    delete dir_;
  }
  void SetUp() override { ASSERT_TRUE(server_ != nullptr && server_->ok()); }

  static uint64_t Id(const std::string& key) { return graph_->id(key); }

  static std::vector<uint64_t> Find(const std::string& query, v1::NameMatch match,
                                    int32_t page_size = 0) {
    v1::FindNodesRequest request;
    request.set_query(query);
    request.set_match(match);
    request.set_page_size(page_size);
    std::vector<uint64_t> ids;
    do {
      v1::FindNodesResponse response;
      grpc::Status s = stub_->FindNodes(Context().get(), request, &response);
      EXPECT_TRUE(s.ok()) << s.error_message();
      if (!s.ok()) break;
      for (const v1::Node& n : response.nodes()) ids.push_back(n.id());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return ids;
  }

  static TempDir* dir_;
  static ServerProcess* server_;
  static v1::GraphService::Stub* stub_;
  static LetterGraph* graph_;
};

TempDir* ServerViewsTest::dir_ = nullptr;
ServerProcess* ServerViewsTest::server_ = nullptr;
v1::GraphService::Stub* ServerViewsTest::stub_ = nullptr;
LetterGraph* ServerViewsTest::graph_ = nullptr;

TEST_F(ServerViewsTest, BasicViewLeavesOutKeyAliasesAndPropertiesWhateverTheSelector) {
  std::vector<v1::GetNodeRequest> requests(3);
  requests[0].set_id(Id("dulat-agadil"));
  requests[1].mutable_key()->set_type("Person");
  requests[1].mutable_key()->set_key("dulat-agadil");
  requests[2].set_name("Agadil Dulat");  // Found through its alias.
  for (v1::GetNodeRequest& request : requests) {
    SCOPED_TRACE(request.ShortDebugString());
    v1::GetNodeResponse full;
    ASSERT_TRUE(stub_->GetNode(Context().get(), request, &full).ok());
    EXPECT_EQ(full.node().key(), "dulat-agadil");
    EXPECT_EQ(full.node().aliases_size(), 1);
    EXPECT_EQ(full.node().properties().at("born").int_value(), 1965);

    request.set_view(v1::NODE_VIEW_BASIC);
    request.set_include_degrees(true);
    v1::GetNodeResponse basic;
    ASSERT_TRUE(stub_->GetNode(Context().get(), request, &basic).ok());
    EXPECT_EQ(basic.node().id(), Id("dulat-agadil"));
    EXPECT_EQ(basic.node().type(), "Person");
    EXPECT_EQ(basic.node().name(), "Dulat Agadil");
    EXPECT_TRUE(basic.node().key().empty());
    EXPECT_EQ(basic.node().aliases_size(), 0);
    EXPECT_TRUE(basic.node().properties().empty());
    EXPECT_GT(basic.degrees_size(), 0);  // Degrees are not part of the view.

    request.set_view(v1::NODE_VIEW_FULL);
    v1::GetNodeResponse explicit_full;
    ASSERT_TRUE(stub_->GetNode(Context().get(), request, &explicit_full).ok());
    EXPECT_TRUE(MessageDifferencer::Equals(explicit_full.node(), full.node()));
  }

  v1::BatchGetNodesRequest batch;
  batch.add_ids(Id("dulat-agadil"));
  batch.add_ids(Id("knb"));
  batch.set_view(v1::NODE_VIEW_BASIC);
  v1::BatchGetNodesResponse nodes;
  ASSERT_TRUE(stub_->BatchGetNodes(Context().get(), batch, &nodes).ok());
  ASSERT_EQ(nodes.nodes_size(), 2);
  EXPECT_EQ(nodes.nodes(1).id(), Id("knb"));
  EXPECT_FALSE(nodes.nodes(1).name().empty());
  for (const v1::Node& n : nodes.nodes()) {
    EXPECT_TRUE(n.key().empty() && n.aliases().empty() && n.properties().empty());
  }

  v1::FindNodesRequest find;
  find.set_query("KNB");
  find.set_view(v1::NODE_VIEW_BASIC);
  v1::FindNodesResponse found;
  ASSERT_TRUE(stub_->FindNodes(Context().get(), find, &found).ok());
  ASSERT_EQ(found.nodes_size(), 1);
  EXPECT_EQ(found.nodes(0).id(), Id("knb"));
  EXPECT_TRUE(found.nodes(0).key().empty() && found.nodes(0).aliases().empty());
}

TEST_F(ServerViewsTest, AnUnknownViewIsInvalidArgumentNamingTheField) {
  v1::GetNodeRequest get;
  get.set_id(Id("knb"));
  get.set_view(static_cast<v1::NodeView>(9));
  v1::GetNodeResponse node;
  grpc::Status s = stub_->GetNode(Context().get(), get, &node);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("view 9"), std::string::npos) << s.error_message();

  v1::BatchGetNodesRequest batch;
  batch.add_ids(Id("knb"));
  batch.set_view(static_cast<v1::NodeView>(-1));
  v1::BatchGetNodesResponse nodes;
  s = stub_->BatchGetNodes(Context().get(), batch, &nodes);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("view"), std::string::npos) << s.error_message();

  v1::FindNodesRequest find;
  find.set_query("KNB");
  find.set_view(static_cast<v1::NodeView>(3));
  v1::FindNodesResponse found;
  s = stub_->FindNodes(Context().get(), find, &found);
  EXPECT_EQ(s.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(s.error_message().find("view"), std::string::npos) << s.error_message();
}

TEST_F(ServerViewsTest, VerbatimMatchComparesTheNameByteForByte) {
  const std::vector<uint64_t> bekovas = {Id("aigul-bekova-almaty"), Id("aigul-bekova-astana")};
  std::vector<uint64_t> sorted = bekovas;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(Find("Aigul Bekova", v1::NAME_MATCH_VERBATIM), sorted);
  EXPECT_EQ(Find("Aigul Bekova", v1::NAME_MATCH_VERBATIM, 1), sorted);  // One a page.
  EXPECT_EQ(Find("aigul  BEKOVA", v1::NAME_MATCH_EXACT).size(), 2u);
  EXPECT_TRUE(Find("aigul  BEKOVA", v1::NAME_MATCH_VERBATIM).empty());
  EXPECT_EQ(Find("Agadil Dulat", v1::NAME_MATCH_EXACT).size(), 1u);  // The alias.
  EXPECT_TRUE(Find("Agadil Dulat", v1::NAME_MATCH_VERBATIM).empty());
  EXPECT_EQ(Find("Dulat Agadil", v1::NAME_MATCH_VERBATIM),
            std::vector<uint64_t>{Id("dulat-agadil")});
}

}  // namespace
}  // namespace dossier::testing
