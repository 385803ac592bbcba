// Plain-text tables for terminal output: columns padded to their widest
// cell (counted in code points, so names with accents line up).
#ifndef DOSSIER_CLI_TABLE_H_
#define DOSSIER_CLI_TABLE_H_

#include <ostream>
#include <string>
#include <vector>

namespace dossier::cli {

class Table {
 public:
  explicit Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  size_t size() const { return rows_.size(); }
  void Print(std::ostream& out) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace dossier::cli

#endif  // DOSSIER_CLI_TABLE_H_
