// A bulk load's type names: interned once, then known without the registry; what the load added
// is taken out again unless kept.
#include "graph/bulk_type_names.h"

#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

TEST(BulkTypeNamesTest, InternsOnceAndKnowsNamesSeenSinceByKind) {
  TypeRegistry nodes, edges;
  const TypeId person = *nodes.Add("Person");  // Known to the registry before the load.
  BulkTypeNames types(&nodes, &edges);
  EXPECT_EQ(types.Known(true, "Person"), std::nullopt);  // Not seen by this load yet.
  EXPECT_EQ(*types.Intern(true, "Person"), person);
  EXPECT_EQ(types.Known(true, "Person"), person);
  EXPECT_EQ(types.Known(false, "Person"), std::nullopt);  // Node and edge names apart.
  const TypeId signed_id = *types.Intern(false, "SIGNED");
  EXPECT_EQ(edges.Find("SIGNED"), signed_id);
  EXPECT_EQ(types.Known(false, "SIGNED"), signed_id);
  EXPECT_EQ(*types.Intern(false, "SIGNED"), signed_id);
  EXPECT_EQ(types.added(), (std::vector<std::pair<bool, std::string>>{{false, "SIGNED"}}));
}

TEST(BulkTypeNamesTest, WhatTheLoadAddedGoesUnlessKept) {
  TypeRegistry nodes, edges;
  nodes.Add("Person");
  {
    BulkTypeNames abandoned(&nodes, &edges);
    ASSERT_TRUE(abandoned.Intern(true, "Letter").ok());
    ASSERT_TRUE(abandoned.Intern(true, "Person").ok());
    ASSERT_TRUE(abandoned.Intern(false, "SIGNED").ok());
  }
  EXPECT_FALSE(nodes.Find("Letter").has_value());
  EXPECT_FALSE(edges.Find("SIGNED").has_value());
  EXPECT_TRUE(nodes.Find("Person").has_value());  // Not the load's to take.
  {
    BulkTypeNames committed(&nodes, &edges);
    ASSERT_TRUE(committed.Intern(true, "Letter").ok());
    committed.Keep();
    EXPECT_TRUE(committed.added().empty());
  }
  EXPECT_TRUE(nodes.Find("Letter").has_value());
}

}  // namespace
}  // namespace dossier::graph
