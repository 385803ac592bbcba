#include "graph/node_merge.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "graph/record_codec.h"
#include "gtest/gtest.h"

namespace dossier::graph {
namespace {

using internal::NodeRecord;

void AddStoredProperty(NodeRecord* record, const std::string& name, const PropertyValue& value) {
  Properties one{{name, value}};
  google::protobuf::RepeatedPtrField<internal::Property> encoded;
  PropertiesToRecord(one, &encoded);
  *record->add_properties() = encoded[0];
}

// Stored records as the write path leaves them and some it never would (repeated or empty
// aliases, unsorted properties, a value of no kind), which the test must refuse to skip.
std::vector<NodeRecord> Records() {
  std::vector<std::vector<std::string>> alias_sets = {
      {}, {"A. Bek"}, {"A. Bek", "Bek"}, {"A. Bek", "A. Bek"}, {""}, {"Anna Bek"}};
  std::vector<std::function<void(NodeRecord*)>> property_sets = {
      [](NodeRecord*) {},
      [](NodeRecord* r) { AddStoredProperty(r, "roles", StringList{"MEP"}); },
      [](NodeRecord* r) {
        AddStoredProperty(r, "honorifics", StringList{"Dr"});
        AddStoredProperty(r, "roles", StringList{"MEP", "chair"});
      },
      [](NodeRecord* r) { AddStoredProperty(r, "roles", std::string("MEP")); },
      [](NodeRecord* r) {
        AddStoredProperty(r, "count", int64_t{3});
        AddStoredProperty(r, "flag", true);
        AddStoredProperty(r, "seen", Timestamp{1700});
        AddStoredProperty(r, "weight", 1.5);
      },
      [](NodeRecord* r) { AddStoredProperty(r, "weight", -0.0); },
      [](NodeRecord* r) {  // Unsorted.
        AddStoredProperty(r, "type", std::string("party"));
        AddStoredProperty(r, "status", std::string("banned"));
      },
      [](NodeRecord* r) { r->add_properties()->set_name("roles"); },  // A value of no kind.
  };
  std::vector<NodeRecord> out;
  for (std::string_view name : {"", "Anna Bek"}) {
    for (const auto& aliases : alias_sets) {
      for (const auto& properties : property_sets) {
        for (bool derived : {false, true}) {
          NodeRecord r;
          r.set_type(1);
          r.set_key("anna bek");
          r.set_name(std::string(name));
          for (const std::string& a : aliases) r.add_aliases(a);
          properties(&r);
          r.set_document_derived(derived);
          r.set_external_id("e1");
          out.push_back(r);
        }
      }
    }
  }
  return out;
}

std::vector<NodeSpec> Specs() {
  std::vector<Properties> property_sets = {
      {},
      {{"roles", StringList{"MEP"}}},
      {{"roles", StringList{"chair", "MEP"}}},
      {{"roles", StringList{"", "MEP"}}},
      {{"roles", StringList{""}}},
      {{"roles", StringList{"rapporteur"}}},
      {{"roles", std::string("MEP")}},
      {{"honorifics", StringList{"Dr"}}, {"roles", StringList{"MEP"}}},
      {{"type", std::string("party")}},
      {{"count", int64_t{3}}, {"weight", 1.5}},
      {{"count", int64_t{4}}},
      {{"weight", 0.0}},
      {{"weight", -0.0}},
      {{"flag", true}, {"seen", Timestamp{1700}}},
      {{"seen", Timestamp{1701}}},
  };
  std::vector<NodeSpec> out;
  for (std::string_view name : {"", "Anna Bek", "A. Bek", "Anna B."}) {
    for (const std::vector<std::string>& aliases :
         std::vector<std::vector<std::string>>{{}, {"A. Bek"}, {"Bek"}, {""}, {"Anna Bek"}}) {
      for (const Properties& properties : property_sets) {
        for (bool derived : {false, true}) {
          for (std::string_view external_id : {"", "e1", "e2"}) {
            out.push_back({.type = "Person",
                           .key = "anna bek",
                           .name = std::string(name),
                           .aliases = aliases,
                           .properties = properties,
                           .external_id = std::string(external_id),
                           .document_derived = derived});
          }
        }
      }
    }
  }
  return out;
}

// Stored records the merge would not rewrite for any reason of their own.
bool IsNormal(const NodeRecord& record) {
  NodeRecord normalised = record;
  NormalizeAliases(&normalised);
  Properties round_trip = PropertiesFromRecord(record.properties());
  PropertiesToRecord(round_trip, normalised.mutable_properties());
  return normalised.SerializeAsString() == record.SerializeAsString();
}

TEST(NodeMergeTest, NothingIsSkippedThatTheMergeWouldChange) {
  const std::vector<NodeRecord> records = Records();
  const std::vector<NodeSpec> specs = Specs();
  size_t skipped = 0, unchanged_normal = 0;
  for (const NodeRecord& record : records) {
    const std::string stored = record.SerializeAsString();
    const bool normal = IsNormal(record);
    for (const NodeSpec& spec : specs) {
      NodeRecord merged = record;
      AccumulateInto(spec, &merged);
      const bool unchanged = merged.SerializeAsString() == stored &&
                             (spec.external_id.empty() || spec.external_id == record.external_id());
      const bool skip = AccumulatingChangesNothing(spec, record);
      // Never skip a change; and for a record as the write path stores it, never miss a no-op.
      if (skip) {
        ASSERT_TRUE(unchanged) << "record " << record.ShortDebugString() << " spec name '"
                               << spec.name << "' aliases " << spec.aliases.size();
      }
      if (normal) {
        ASSERT_EQ(skip, unchanged)
            << "record " << record.ShortDebugString() << " spec name '" << spec.name << "'";
      }
      skipped += skip;
      unchanged_normal += normal && unchanged;
    }
  }
  // The enumeration reaches both answers many times over.
  EXPECT_GT(skipped, 1000u);
  EXPECT_EQ(skipped, unchanged_normal);
}

TEST(NodeMergeTest, AKnownPersonRestatedChangesNothing) {
  NodeRecord record;
  record.set_name("Anna Bek");
  record.add_aliases("A. Bek");
  AddStoredProperty(&record, "roles", StringList{"MEP", "chair"});
  record.set_document_derived(true);
  NodeSpec spec{.type = "Person",
                .key = "anna bek",
                .name = "A. Bek",
                .aliases = {"Anna Bek"},
                .properties = {{"roles", StringList{"chair"}}},
                .document_derived = true};
  EXPECT_TRUE(AccumulatingChangesNothing(spec, record));
  spec.properties["roles"] = StringList{"chair", "rapporteur"};
  EXPECT_FALSE(AccumulatingChangesNothing(spec, record));
}

TEST(NodeMergeTest, AccumulateIntoKeepsTheStoredNameAndAddsTheRest) {
  NodeRecord record;
  record.set_name("Anna Bek");
  AddStoredProperty(&record, "roles", StringList{"MEP"});
  AccumulateInto(
      {.type = "Person",
       .key = "anna bek",
       .name = "A. Bek",
       .aliases = {"Anna Bek", "", "Bek", "Bek"},
       .properties = {{"roles", StringList{"", "MEP", "chair"}}, {"type", std::string("activist")}},
       .document_derived = true},
      &record);
  EXPECT_EQ(record.name(), "Anna Bek");
  EXPECT_EQ(std::vector<std::string>(record.aliases().begin(), record.aliases().end()),
            (std::vector<std::string>{"Bek", "A. Bek"}));
  Properties properties = PropertiesFromRecord(record.properties());
  EXPECT_EQ(properties["roles"], PropertyValue(StringList{"MEP", "chair"}));
  EXPECT_EQ(properties["type"], PropertyValue(std::string("activist")));
  EXPECT_TRUE(record.document_derived());
}

}  // namespace
}  // namespace dossier::graph
