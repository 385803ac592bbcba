// A temporary directory removed when the test ends.
#ifndef DOSSIER_TESTS_TESTING_TEMP_DIR_H_
#define DOSSIER_TESTS_TESTING_TEMP_DIR_H_

#include <filesystem>
#include <random>
#include <string>

namespace dossier::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("dossier-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string Sub(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_TESTING_TEMP_DIR_H_
