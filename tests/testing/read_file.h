// A whole file as a string (empty when it cannot be read): for logs and outputs tests inspect.
#ifndef DOSSIER_TESTS_TESTING_READ_FILE_H_
#define DOSSIER_TESTS_TESTING_READ_FILE_H_

#include <fstream>
#include <sstream>
#include <string>

namespace dossier::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_TESTING_READ_FILE_H_
