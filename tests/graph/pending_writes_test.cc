#include "graph/pending_writes.h"

#include <map>
#include <random>
#include <string>
#include <tuple>
#include <utility>
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

TEST(PendingWritesTest, ForEachInGivesOneFamilyInByteOrder) {
  PendingWrites writes;
  writes.Put(2, "b", "x");
  writes.Put(1, std::string("\xff", 1), "high byte");
  writes.Put(1, "", "empty key");
  writes.Put(1, "b", "y");
  writes.Delete(1, "a");
  writes.Put(0, std::string("\xff\xff", 2), "w");
  auto in = [&](int family) {
    std::vector<std::pair<std::string, std::string>> out;
    writes.ForEachIn(family, [&](std::string_view key, const std::string* value) {
      out.emplace_back(std::string(key), value ? *value : "<deleted>");
    });
    return out;
  };
  EXPECT_EQ(in(1), (std::vector<std::pair<std::string, std::string>>{
                       {"", "empty key"},
                       {"a", "<deleted>"},
                       {"b", "y"},
                       {std::string("\xff", 1), "high byte"}}));
  EXPECT_EQ(in(0).size(), 1u);
  EXPECT_EQ(in(2).size(), 1u);
  EXPECT_TRUE(in(3).empty());
}

TEST(PendingWritesTest, CountsKeysByFamilyThroughRollbacksMovesAndClears) {
  PendingWrites writes;
  writes.Put(1, "a", "x");
  writes.Put(1, "a", "again");  // The same key: counted once.
  writes.Delete(1, "b");
  writes.Put(3, "c", "y");
  EXPECT_EQ(writes.CountIn(1), 2u);
  EXPECT_EQ(writes.CountIn(3), 1u);
  EXPECT_EQ(writes.CountIn(2), 0u);
  EXPECT_EQ(writes.CountIn(200), 0u);
  writes.SetSavePoint();
  writes.Put(1, "d", "z");
  writes.Put(1, "a", "rewritten");
  writes.Put(5, "e", "w");
  EXPECT_EQ(writes.CountIn(1), 3u);
  writes.RollbackToSavePoint();
  EXPECT_EQ(writes.CountIn(1), 2u);
  EXPECT_EQ(writes.CountIn(5), 0u);
  PendingWrites moved(std::move(writes));
  EXPECT_EQ(moved.CountIn(1), 2u);
  EXPECT_EQ(moved.CountIn(3), 1u);
  writes.Clear();
  EXPECT_EQ(writes.CountIn(1), 0u);
  moved.Clear();
  EXPECT_EQ(moved.CountIn(3), 0u);
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

TEST(PendingWritesTest, AppendExtendsOnlyAValueThisBatchWrote) {
  PendingWrites writes;
  EXPECT_FALSE(writes.Append(1, "list", "x"));  // The database's value is not known here.
  EXPECT_EQ(writes.Find(1, "list"), State::kUntouched);
  writes.Put(1, "list", "a");
  EXPECT_TRUE(writes.Append(1, "list", "bc"));
  EXPECT_FALSE(writes.Append(2, "list", "x"));  // Another family's key.
  std::string value;
  EXPECT_EQ(writes.Find(1, "list", &value), State::kWritten);
  EXPECT_EQ(value, "abc");
  writes.Delete(1, "list");
  EXPECT_FALSE(writes.Append(1, "list", "x"));
  EXPECT_EQ(writes.Find(1, "list"), State::kDeleted);
}

TEST(PendingWritesTest, RollbackTruncatesAppendsAndRestoresWritesAroundThem) {
  PendingWrites writes;
  writes.Put(1, "list", "a");
  writes.SetSavePoint();
  ASSERT_TRUE(writes.Append(1, "list", "b"));
  writes.SetSavePoint();
  ASSERT_TRUE(writes.Append(1, "list", "c"));
  writes.Put(1, "list", "replaced");
  ASSERT_TRUE(writes.Append(1, "list", "d"));
  writes.RollbackToSavePoint();
  std::string value;
  ASSERT_EQ(writes.Find(1, "list", &value), State::kWritten);
  EXPECT_EQ(value, "ab");
  writes.RollbackToSavePoint();
  ASSERT_EQ(writes.Find(1, "list", &value), State::kWritten);
  EXPECT_EQ(value, "a");

  // A key that an append's save point created goes with it.
  writes.SetSavePoint();
  writes.Put(1, "new", "x");
  ASSERT_TRUE(writes.Append(1, "new", "y"));
  writes.RollbackToSavePoint();
  EXPECT_EQ(writes.Find(1, "new"), State::kUntouched);
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

// A staged batch is moved to its commit thread whole; the transaction then stages the next batch
// in the object it moved from.
TEST(PendingWritesTest, AMovedBatchKeepsItsWritesAndTheSourceCanStageAgain) {
  PendingWrites staging;
  for (int i = 0; i < 1000; ++i) {
    staging.Put(i % 3, std::string(20, 'k') + std::to_string(i), std::to_string(i));
  }
  staging.Delete(1, "gone");
  const auto before = All(staging);
  PendingWrites in_flight(std::move(staging));
  EXPECT_EQ(All(in_flight), before);
  std::string value;
  EXPECT_EQ(in_flight.Find(1, std::string(20, 'k') + "1", &value), State::kWritten);
  EXPECT_EQ(value, "1");
  EXPECT_EQ(in_flight.Find(1, "gone"), State::kDeleted);
  staging.Clear();
  staging.Put(0, "next", "batch");
  EXPECT_EQ(All(staging),
            (std::vector<std::tuple<int, std::string, std::string>>{{0, "next", "batch"}}));
  PendingWrites reassigned;
  reassigned = std::move(in_flight);
  EXPECT_EQ(All(reassigned), before);
}

// The key order is made when first asked for and extended by later asks: writes after an ask,
// and writes into a batch moved from without a Clear(), are in the order all the same.
TEST(PendingWritesTest, WritesAfterAnOrderingAndAfterAMoveAreOrderedToo) {
  PendingWrites writes;
  writes.Put(0, "m", "1");
  writes.Put(0, "c", "2");
  writes.Order();
  writes.Put(0, "a", "3");
  writes.Put(0, "z", "4");
  writes.Delete(0, "c");
  std::vector<std::string> keys;
  writes.ForEachIn(0, [&](std::string_view key, const std::string*) { keys.emplace_back(key); });
  EXPECT_EQ(keys, (std::vector<std::string>{"a", "c", "m", "z"}));

  PendingWrites moved(std::move(writes));
  writes.Put(1, "y", "5");
  writes.Put(1, "b", "6");
  EXPECT_EQ(All(writes),
            (std::vector<std::tuple<int, std::string, std::string>>{{1, "b", "6"}, {1, "y", "5"}}));
  EXPECT_EQ(moved.size(), 4u);
}

// Many writes, scans between them (some after a few writes, some after thousands), save points
// rolled back or kept: every scan and the final ForEach must agree with an ordered map.
TEST(PendingWritesTest, ScansAgreeWithAnOrderedModelThroughWritesAndRollbacks) {
  using Model = std::map<std::pair<int, std::string>, std::string>;
  PendingWrites writes;
  Model model;
  std::vector<Model> saved;
  std::mt19937 rng(7);
  // Short keys, keys that share their first 8 or 16 bytes (told apart by the head's later words),
  // and keys that share their first 23 or more bytes (some differing only by zero bytes at the
  // end), which the index orders by the keys themselves rather than their heads.
  auto random_key = [&] {
    std::string key(1 + rng() % 3, 'a');
    for (char& c : key) c = static_cast<char>("ab\xff"[rng() % 3]);
    key += std::to_string(rng() % 2000);
    switch (rng() % 4) {
      case 0:
        return std::string(8 * (1 + rng() % 3), '\x07') + key + key;
      case 1:
        return key + std::string(1 + rng() % 20, '\0');
      default:
        return key;
    }
  };
  auto scan_matches_model = [&](int family, const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> got, want;
    for (const PendingWrites::Entry& e : writes.WithPrefix(family, prefix)) {
      got.emplace_back(std::string(e.key), e.value ? *e.value : "<deleted>");
    }
    for (auto it = model.lower_bound({family, prefix});
         it != model.end() && it->first.first == family && it->first.second.starts_with(prefix);
         ++it) {
      want.emplace_back(it->first.second, it->second);
    }
    return got == want;
  };
  auto find_matches_model = [&](int family, const std::string& key) {
    std::string value;
    const State state = writes.Find(family, key, &value);
    auto it = model.find({family, key});
    if (it == model.end()) return state == State::kUntouched;
    if (it->second == "<deleted>") return state == State::kDeleted;
    return state == State::kWritten && value == it->second;
  };
  // Keys written by PutNew, which random_key never makes ('n' starts none of its keys), each
  // new when written; later steps look them up, overwrite and delete them.
  std::vector<std::pair<int, std::string>> new_keys;
  for (int step = 0; step < 60000; ++step) {
    const int family = static_cast<int>(rng() % 3);
    const bool quiet_stretch = (step / 10000) % 2 == 1;  // Rare scans, no save points.
    const uint32_t action = rng() % 1000;
    if (quiet_stretch && action >= 960) continue;
    if (action < 200) {
      std::string key = "n" + std::to_string(step) + std::string(rng() % 24, 'x');
      writes.PutNew(family, key, "new " + std::to_string(step));
      model[{family, key}] = "new " + std::to_string(step);
      new_keys.emplace_back(family, key);
    } else if (action < 260 && !new_keys.empty()) {
      const auto& [new_family, key] = new_keys[rng() % new_keys.size()];
      ASSERT_TRUE(find_matches_model(new_family, key)) << "step " << step << " key " << key;
      if (rng() % 2 == 0) {
        writes.Put(new_family, key, "again " + std::to_string(step));
        model[{new_family, key}] = "again " + std::to_string(step);
      } else {
        writes.Delete(new_family, key);
        model[{new_family, key}] = "<deleted>";
      }
    } else if (action < 600) {
      std::string key = random_key(), value = std::to_string(step);
      writes.Put(family, key, value);
      model[{family, key}] = value;
    } else if (action < 850) {
      std::string key = random_key();
      writes.Delete(family, key);
      model[{family, key}] = "<deleted>";
    } else if (action < 960) {
      // Every other stretch of steps scans rarely, so thousands of keys await ordering.
      if (quiet_stretch && rng() % 200 != 0) continue;
      std::string key = random_key();
      ASSERT_TRUE(scan_matches_model(family, key.substr(0, rng() % 3)))
          << "step " << step << " prefix of " << key;
      ASSERT_TRUE(scan_matches_model(family, key.substr(0, 16 + rng() % 4)))
          << "step " << step << " long prefix of " << key;
      ASSERT_TRUE(find_matches_model(family, key)) << "step " << step << " key " << key;
    } else if (action < 975) {
      writes.SetSavePoint();
      saved.push_back(model);
    } else if (action < 990 && !saved.empty()) {
      writes.RollbackToSavePoint();
      model = std::move(saved.back());
      saved.pop_back();
    } else if (!saved.empty()) {
      writes.PopSavePoint();
      saved.pop_back();
    }
  }
  std::vector<std::tuple<int, std::string, std::string>> want;
  for (const auto& [key, value] : model) want.emplace_back(key.first, key.second, value);
  EXPECT_EQ(All(writes), want);
  EXPECT_EQ(writes.size(), model.size());
}

TEST(PendingWritesTest, NewKeysAreFoundOverwrittenCountedAndRolledBack) {
  PendingWrites writes;
  std::string value;
  writes.PutNew(1, "n1", "first");
  writes.PutNew(2, "n1", "other family");
  EXPECT_EQ(writes.CountIn(1), 1u);
  // A later write of the key replaces it rather than adding a second entry.
  writes.Put(1, "n1", "second");
  EXPECT_EQ(writes.Find(1, "n1", &value), State::kWritten);
  EXPECT_EQ(value, "second");
  EXPECT_EQ(writes.CountIn(1), 1u);
  EXPECT_TRUE(writes.Append(2, "n1", "+"));
  EXPECT_EQ(writes.Find(2, "n1", &value), State::kWritten);
  EXPECT_EQ(value, "other family+");

  // Rolled back before anything looked for it, and after.
  writes.SetSavePoint();
  writes.PutNew(1, "n2", "unseen");
  writes.PutNew(1, "n3", "seen");
  EXPECT_EQ(writes.Find(1, "n3", &value), State::kWritten);
  writes.PutNew(1, "n4", "unseen too");
  writes.RollbackToSavePoint();
  for (const char* gone : {"n2", "n3", "n4"}) {
    EXPECT_EQ(writes.Find(1, gone), State::kUntouched) << gone;
  }
  EXPECT_EQ(writes.CountIn(1), 1u);
  EXPECT_EQ(All(writes), (std::vector<std::tuple<int, std::string, std::string>>{
                             {1, "n1", "second"}, {2, "n1", "other family+"}}));
  // A rolled-back key is new again.
  writes.PutNew(1, "n3", "back");
  EXPECT_EQ(writes.Find(1, "n3", &value), State::kWritten);
  EXPECT_EQ(value, "back");

  // A moved batch keeps them findable.
  writes.PutNew(1, "n5", "moved");
  PendingWrites moved = std::move(writes);
  EXPECT_EQ(moved.Find(1, "n5", &value), State::kWritten);
  EXPECT_EQ(value, "moved");
  writes.Clear();
  EXPECT_EQ(writes.Find(1, "n5"), State::kUntouched);
}

}  // namespace
}  // namespace dossier::graph
