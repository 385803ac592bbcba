#include "graph/pending_writes.h"

#include <string>
#include <tuple>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

using State = PendingWrites::State;

// (family, key, value or "<deleted>") for every write, in the order ForEach gives them.
std::vector<std::tuple<int, std::string, std::string>> All(const PendingWrites& writes) {
  std::vector<std::tuple<int, std::string, std::string>> out;
  writes.ForEach([&](int family, std::string_view key, const std::string* value) {
    out.emplace_back(family, std::string(key), value ? *value : "<deleted>");
  });
  return out;
}

TEST(PendingWritesTest, ReadsBackPutsAndDeletesPerFamily) {
  PendingWrites writes;
  std::string value;
  EXPECT_EQ(writes.Find(1, "a", &value), State::kUntouched);
  writes.Put(1, "a", "one");
  writes.Delete(2, "a");
  EXPECT_EQ(writes.Find(1, "a", &value), State::kWritten);
  EXPECT_EQ(value, "one");
  EXPECT_EQ(writes.Find(2, "a", &value), State::kDeleted);
  EXPECT_EQ(writes.Find(3, "a", &value), State::kUntouched);
  writes.Put(1, "a", "two");  // A later write replaces the earlier one.
  EXPECT_EQ(writes.Find(1, "a", &value), State::kWritten);
  EXPECT_EQ(value, "two");
  writes.Delete(1, "a");
  EXPECT_EQ(writes.Find(1, "a", &value), State::kDeleted);
  EXPECT_EQ(writes.size(), 2u);
}

TEST(PendingWritesTest, ForEachIsInFamilyThenByteOrder) {
  PendingWrites writes;
  writes.Put(2, "b", "x");
  writes.Put(1, std::string("\xff", 1), "high byte");
  writes.Put(1, "b", "y");
  writes.Delete(1, "a");
  writes.Put(0, "z", "w");
  EXPECT_EQ(All(writes), (std::vector<std::tuple<int, std::string, std::string>>{
                             {0, "z", "w"},
                             {1, "a", "<deleted>"},
                             {1, "b", "y"},
                             {1, std::string("\xff", 1), "high byte"},  // Bytes are unsigned.
                             {2, "b", "x"}}));
}

TEST(PendingWritesTest, WithPrefixStaysInsideTheFamilyAndPrefix) {
  PendingWrites writes;
  writes.Put(1, "ab1", "v1");
  writes.Delete(1, "ab2");
  writes.Put(1, "ac", "other prefix");
  writes.Put(2, "ab3", "other family");
  writes.Put(0, "ab0", "family before");
  std::vector<PendingWrites::Entry> found = writes.WithPrefix(1, "ab");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].key, "ab1");
  ASSERT_NE(found[0].value, nullptr);
  EXPECT_EQ(*found[0].value, "v1");
  EXPECT_EQ(found[1].key, "ab2");
  EXPECT_EQ(found[1].value, nullptr);
  EXPECT_TRUE(writes.WithPrefix(3, "ab").empty());
}

TEST(PendingWritesTest, RollbackRestoresEveryKeyAsItWasAtTheSavePoint) {
  PendingWrites writes;
  writes.Put(1, "kept", "before");
  writes.Put(1, "overwritten", "before");
  writes.Delete(1, "deleted-before");
  const auto before = All(writes);

  writes.SetSavePoint();
  writes.Put(1, "overwritten", "after");
  writes.Put(1, "overwritten", "after again");
  writes.Put(1, "deleted-before", "revived");
  writes.Delete(1, "kept");
  writes.Put(1, "new", "added");
  writes.RollbackToSavePoint();

  EXPECT_EQ(All(writes), before);
}

TEST(PendingWritesTest, NestedSavePointsRollBackOnlyTheirOwnWrites) {
  PendingWrites writes;
  writes.SetSavePoint();
  writes.Put(1, "outer", "1");
  writes.SetSavePoint();
  writes.Put(1, "inner", "2");
  writes.Put(1, "outer", "changed by inner");
  writes.RollbackToSavePoint();
  std::string value;
  EXPECT_EQ(writes.Find(1, "inner"), State::kUntouched);
  EXPECT_EQ(writes.Find(1, "outer", &value), State::kWritten);
  EXPECT_EQ(value, "1");

  // A popped inner save point leaves its writes to the outer one's rollback.
  writes.SetSavePoint();
  writes.Put(1, "inner", "3");
  writes.PopSavePoint();
  writes.RollbackToSavePoint();
  EXPECT_TRUE(writes.empty());
}

TEST(PendingWritesTest, PoppingTheLastSavePointKeepsTheWrites) {
  PendingWrites writes;
  writes.SetSavePoint();
  writes.Put(1, "a", "1");
  writes.PopSavePoint();
  writes.RollbackToSavePoint();  // No save point left: nothing to undo.
  EXPECT_EQ(writes.Find(1, "a"), State::kWritten);
  writes.Clear();
  EXPECT_TRUE(writes.empty());
  EXPECT_EQ(writes.approximate_bytes(), 0u);
}

}  // namespace
}  // namespace dossier::graph
