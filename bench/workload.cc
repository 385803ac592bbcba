#include "bench/workload.h"

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "bench/external_id.h"
#include "nlohmann/json.hpp"

namespace dossier::bench {
namespace {

using nlohmann::json;

absl::Status Bad(absl::string_view where, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat("workload ", where, ": ", what));
}

std::string Where(absl::string_view key, size_t i) { return absl::StrCat(key, "[", i, "]"); }

absl::StatusOr<std::string> IdFrom(const json& v, const std::string& where) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) {
    return v.is_number_unsigned() ? std::to_string(v.get<uint64_t>())
                                  : std::to_string(v.get<int64_t>());
  }
  return Bad(where, absl::StrCat("expected an id (string or integer), got ", v.dump()));
}

absl::StatusOr<std::string> StringFrom(const json& v, const std::string& where) {
  if (v.is_string()) return v.get<std::string>();
  return Bad(where, absl::StrCat("expected a string, got ", v.dump()));
}

json IdToJson(const std::string& id) {
  // Ids up to 18 digits always fit an int64.
  if (IsCanonicalInteger(id) && id.size() <= 18) return json(std::stoll(id));
  return json(id);
}

// The array under `key`, or an empty one when absent (a workload may skip
// query types).
absl::StatusOr<const json*> ArrayAt(const json& root, const char* key) {
  static const json kEmpty = json::array();
  auto it = root.find(key);
  if (it == root.end()) return &kEmpty;
  if (!it->is_array()) return Bad(key, "expected an array");
  return &*it;
}

template <typename T, typename F>
absl::Status ParseList(const json& root, const char* key, std::vector<T>* out, F parse_one) {
  absl::StatusOr<const json*> arr = ArrayAt(root, key);
  if (!arr.ok()) return arr.status();
  out->reserve((*arr)->size());
  for (size_t i = 0; i < (*arr)->size(); ++i) {
    absl::StatusOr<T> item = parse_one((**arr)[i], Where(key, i));
    if (!item.ok()) return item.status();
    out->push_back(*std::move(item));
  }
  return absl::OkStatus();
}

absl::StatusOr<int64_t> IntAt(const json& root, const char* key, int64_t fallback, int64_t min) {
  auto it = root.find(key);
  if (it == root.end()) return fallback;
  if (!it->is_number_integer() || it->get<int64_t>() < min) {
    return Bad(key, absl::StrCat("expected an integer >= ", min, ", got ", it->dump()));
  }
  return it->get<int64_t>();
}

}  // namespace

absl::StatusOr<Workload> ParseWorkload(std::string_view json_text) {
  json root = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) return absl::InvalidArgumentError("workload: not valid JSON");
  if (!root.is_object()) return absl::InvalidArgumentError("workload: expected a JSON object");
  Workload w;
  absl::StatusOr<int64_t> cap = IntAt(root, "cap", w.cap, 1);
  if (!cap.ok()) return cap.status();
  absl::StatusOr<int64_t> depth = IntAt(root, "max_depth", w.max_depth, 0);
  if (!depth.ok()) return depth.status();
  absl::StatusOr<int64_t> page_size = IntAt(root, "page_size", w.page_size, 1);
  if (!page_size.ok()) return page_size.status();
  w.cap = *cap;
  w.max_depth = static_cast<int32_t>(*depth);
  w.page_size = static_cast<int32_t>(*page_size);

  absl::Status s = ParseList(root, "Q1", &w.q1, IdFrom);
  if (s.ok()) s = ParseList(root, "Q2", &w.q2, StringFrom);
  if (s.ok()) {
    s = ParseList(root, "Q3", &w.q3,
                  [](const json& v, const std::string& where) -> absl::StatusOr<OutNeighborsQuery> {
                    if (!v.is_array() || v.size() != 2)
                      return Bad(where, "expected [id, \"EDGE_TYPE\"]");
                    absl::StatusOr<std::string> id = IdFrom(v[0], where);
                    if (!id.ok()) return id.status();
                    absl::StatusOr<std::string> type = StringFrom(v[1], where);
                    if (!type.ok()) return type.status();
                    return OutNeighborsQuery{*id, *type};
                  });
  }
  if (s.ok()) s = ParseList(root, "Q4", &w.q4, IdFrom);
  if (s.ok()) s = ParseList(root, "Q5", &w.q5, IdFrom);
  if (s.ok()) {
    s = ParseList(root, "Q6", &w.q6,
                  [](const json& v, const std::string& where) -> absl::StatusOr<PathQuery> {
                    if (!v.is_array() || v.size() != 2) return Bad(where, "expected [from, to]");
                    absl::StatusOr<std::string> a = IdFrom(v[0], where);
                    if (!a.ok()) return a.status();
                    absl::StatusOr<std::string> b = IdFrom(v[1], where);
                    if (!b.ok()) return b.status();
                    return PathQuery{*a, *b};
                  });
  }
  if (s.ok()) {
    s = ParseList(
        root, "Q7", &w.q7,
        [](const json& v, const std::string& where) -> absl::StatusOr<PageQuery> {
          if (!v.is_array() || v.size() != 5) {
            return Bad(where, "expected [id, \"NodeType\", \"in\"|\"out\", \"EDGE_TYPE\", page]");
          }
          PageQuery q;
          absl::StatusOr<std::string> id = IdFrom(v[0], where);
          if (!id.ok()) return id.status();
          q.node = *id;
          absl::StatusOr<std::string> node_type = StringFrom(v[1], where);
          if (!node_type.ok()) return node_type.status();
          q.node_type = *node_type;
          if (v[2] != "in" && v[2] != "out") {
            return Bad(where,
                       absl::StrCat("direction must be \"in\" or \"out\", got ", v[2].dump()));
          }
          q.outgoing = v[2] == "out";
          absl::StatusOr<std::string> edge_type = StringFrom(v[3], where);
          if (!edge_type.ok()) return edge_type.status();
          q.edge_type = *edge_type;
          if (!v[4].is_number_integer() || v[4].get<int64_t>() < 0) {
            return Bad(where, absl::StrCat("page must be an integer >= 0, got ", v[4].dump()));
          }
          q.page = v[4].get<int64_t>();
          return q;
        });
  }
  if (!s.ok()) return s;
  return w;
}

absl::StatusOr<Workload> ReadWorkloadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open workload ", path));
  std::stringstream text;
  text << in.rdbuf();
  absl::StatusOr<Workload> w = ParseWorkload(text.str());
  if (!w.ok()) {
    return absl::Status(w.status().code(), absl::StrCat(path, ": ", w.status().message()));
  }
  return w;
}

std::string WorkloadToJson(const Workload& w) {
  // One key per line, each list compact: diff-able and small.
  auto ids = [](const std::vector<std::string>& v) {
    json a = json::array();
    for (const std::string& id : v) a.push_back(IdToJson(id));
    return a;
  };
  json q2 = json::array();
  for (const std::string& name : w.q2) q2.push_back(name);
  json q3 = json::array();
  for (const OutNeighborsQuery& q : w.q3)
    q3.push_back(json::array({IdToJson(q.node), q.edge_type}));
  json q6 = json::array();
  for (const PathQuery& q : w.q6) q6.push_back(json::array({IdToJson(q.from), IdToJson(q.to)}));
  json q7 = json::array();
  for (const PageQuery& q : w.q7) {
    q7.push_back(json::array(
        {IdToJson(q.node), q.node_type, q.outgoing ? "out" : "in", q.edge_type, q.page}));
  }
  std::string out = absl::StrCat("{\"cap\":", w.cap, ",\"max_depth\":", w.max_depth,
                                 ",\"page_size\":", w.page_size, ",\n");
  absl::StrAppend(&out, "\"Q1\":", ids(w.q1).dump(), ",\n");
  absl::StrAppend(&out, "\"Q2\":", q2.dump(), ",\n");
  absl::StrAppend(&out, "\"Q3\":", q3.dump(), ",\n");
  absl::StrAppend(&out, "\"Q4\":", ids(w.q4).dump(), ",\n");
  absl::StrAppend(&out, "\"Q5\":", ids(w.q5).dump(), ",\n");
  absl::StrAppend(&out, "\"Q6\":", q6.dump(), ",\n");
  absl::StrAppend(&out, "\"Q7\":", q7.dump(), "}\n");
  return out;
}

absl::Status WriteWorkloadFile(const Workload& workload, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot create ", path));
  out << WorkloadToJson(workload);
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("error writing ", path));
  return absl::OkStatus();
}

}  // namespace dossier::bench
