// The rule that decides which reads run on gRPC's threads: bounded by the
// inline constants after the server's caps coerce the request.
#include "server/inline_policy.h"

#include "gtest/gtest.h"

namespace dossier::server {
namespace {

TEST(InlinePolicyTest, PointReadsAndStatsRunInline) {
  ServerCaps caps;
  v1::GetNodeRequest by_name;
  by_name.set_name("Helmut Scholz");
  by_name.set_include_degrees(true);
  EXPECT_TRUE(RunsInline(by_name, caps));
  EXPECT_TRUE(RunsInline(v1::GetStatsRequest(), caps));
}

TEST(InlinePolicyTest, BatchesAboveTheNodeReadBudgetUseThePool) {
  ServerCaps caps;
  v1::BatchGetNodesRequest request;
  for (int i = 1; i <= kInlineMaxNodeReads; ++i) request.add_ids(i);
  EXPECT_TRUE(RunsInline(request, caps));
  request.add_ids(kInlineMaxNodeReads + 1);
  EXPECT_FALSE(RunsInline(request, caps));
  // Above --max-batch the call is refused before any read: no need to queue.
  while (request.ids_size() <= caps.max_batch) request.add_ids(request.ids_size() + 1);
  EXPECT_TRUE(RunsInline(request, caps));
}

TEST(InlinePolicyTest, OnlySmallExactOrVerbatimNameSearchesRunInline) {
  ServerCaps caps;
  v1::FindNodesRequest request;
  request.set_query("scholz");
  EXPECT_TRUE(RunsInline(request, caps));  // Unspecified match is exact; default page 50.
  request.set_match(v1::NAME_MATCH_EXACT);
  request.set_page_size(kInlineMaxNodeReads);
  EXPECT_TRUE(RunsInline(request, caps));
  request.set_page_size(kInlineMaxNodeReads + 1);
  EXPECT_FALSE(RunsInline(request, caps));
  request.set_page_size(-1);  // Refused before reading.
  EXPECT_TRUE(RunsInline(request, caps));
  request.set_page_size(0);
  request.set_match(v1::NAME_MATCH_PREFIX);
  EXPECT_FALSE(RunsInline(request, caps));
  request.set_match(v1::NAME_MATCH_TOKEN);
  EXPECT_FALSE(RunsInline(request, caps));
  request.set_match(v1::NAME_MATCH_VERBATIM);  // A subset of the exact matches.
  EXPECT_TRUE(RunsInline(request, caps));
  request.set_page_size(kInlineMaxNodeReads + 1);
  EXPECT_FALSE(RunsInline(request, caps));
}

TEST(InlinePolicyTest, NeighbourPagesCountAfterTheServerCap) {
  ServerCaps caps;  // max_page_size 1000.
  v1::ListNeighborsRequest request;
  request.set_node_id(7);
  request.add_edge_types("signed");
  EXPECT_TRUE(RunsInline(request, caps));
  // Coerced down to the cap of 1000, which is within the inline budget.
  request.set_page_size(50'000);
  EXPECT_TRUE(RunsInline(request, caps));
  // A server whose cap allows bigger pages sends those to the pool.
  caps.max_page_size = 50'000;
  EXPECT_FALSE(RunsInline(request, caps));
  request.set_page_size(kInlineMaxEntries);
  EXPECT_TRUE(RunsInline(request, caps));
}

TEST(InlinePolicyTest, NeighbourPagesWithNodesOrTypeFiltersAreBoundedDifferently) {
  ServerCaps caps;
  v1::ListNeighborsRequest request;
  request.set_node_id(7);
  request.set_include_nodes(true);
  EXPECT_TRUE(RunsInline(request, caps));  // Default page: 100 nodes.
  request.set_page_size(kInlineMaxNodeReads + 1);
  EXPECT_FALSE(RunsInline(request, caps));
  request.set_include_nodes(false);
  request.set_skip(kInlineMaxSkip);
  EXPECT_TRUE(RunsInline(request, caps));
  request.set_skip(kInlineMaxSkip + 1);  // Far into a supernode: the pool.
  EXPECT_FALSE(RunsInline(request, caps));
  request.set_skip(-1);  // Refused before any read.
  EXPECT_TRUE(RunsInline(request, caps));
  request.set_skip(0);
  request.add_neighbor_types("Person");
  EXPECT_FALSE(RunsInline(request, caps));
}

}  // namespace
}  // namespace dossier::server
