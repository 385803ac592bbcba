#include "graph/bulk_load_budget.h"

#include <string>
#include <variant>

#include "absl/strings/str_cat.h"

namespace dossier::graph {
namespace {

uint64_t Mib(uint64_t bytes) { return (bytes + (1 << 20) - 1) >> 20; }  // Rounded up.

}  // namespace

absl::Status BulkLoadBudget::NodesTooLarge(uint64_t node_bytes, uint64_t nodes,
                                           bool all_nodes) const {
  const uint64_t least = node_bytes + Overhead();
  return absl::ResourceExhaustedError(absl::StrCat(
      "memory budget of ", Mib(bytes_), " MiB is too small: ", all_nodes ? "the " : "the first ",
      nodes, " nodes' tables need about ", Mib(node_bytes),
      " MiB, and writing the files and sorting the edges at least ", Mib(Overhead()), " MiB more; ",
      all_nodes ? absl::StrCat("give at least ", Mib(least), " MiB")
                : absl::StrCat("more than ", Mib(least), " MiB is needed")));
}

absl::Status BulkLoadBudget::EdgePropertiesTooLarge(uint64_t property_bytes,
                                                    uint64_t node_bytes) const {
  return absl::ResourceExhaustedError(absl::StrCat(
      "memory budget of ", Mib(bytes_),
      " MiB is too small: the edges' properties read so far hold ", Mib(property_bytes),
      " MiB and the nodes' tables ", Mib(node_bytes),
      " MiB, and writing the files and sorting the edges need at least ", Mib(Overhead()),
      " MiB more; more than ", Mib(property_bytes + node_bytes + Overhead()), " MiB is needed"));
}

uint64_t BulkLoadBudget::PropertiesBytes(const Properties& properties) {
  uint64_t bytes = sizeof(Properties);
  for (const auto& [key, value] : properties) {
    bytes += 96 + key.size();
    if (const auto* text = std::get_if<std::string>(&value)) bytes += text->size();
  }
  return bytes;
}

}  // namespace dossier::graph
