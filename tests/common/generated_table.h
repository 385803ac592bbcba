// Rewriting a table of ICU's answers that a source file holds (importer/latin_ascii_table.cc,
// graph/latin_lower_table.cc), for the tests that check such a table against the ICU they run with.
#ifndef DOSSIER_TESTS_COMMON_GENERATED_TABLE_H_
#define DOSSIER_TESTS_COMMON_GENERATED_TABLE_H_

#include <unicode/uversion.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace dossier::testing {

// `bytes` as a C++ string literal: printable ASCII as is (quote and backslash escaped), every other
// byte as a three-digit octal escape, which cannot run into the next character.
inline std::string CStringLiteral(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else {
      char octal[5];
      std::snprintf(octal, sizeof(octal), "\\%03o", c);
      out += octal;
    }
  }
  return out + "\"";
}

// Replaces the lines between `array_open` (a line ending in "{") and the next "};" with `body`,
// and the table's "kIcuMajorVersion = N;" with the running ICU's major version. False if the file
// does not have that shape.
inline bool RewriteGeneratedTable(const std::string& path, const std::string& array_open,
                                  const std::string& body) {
  std::stringstream old;
  old << std::ifstream(path).rdbuf();
  std::string text = old.str();
  const size_t begin = text.find(array_open + "\n");
  const size_t end = text.find("};\n", begin);
  const std::string version_key = "kIcuMajorVersion = ";
  const size_t version = text.find(version_key);
  if (begin == std::string::npos || end == std::string::npos || version == std::string::npos ||
      version > begin) {
    return false;
  }
  UVersionInfo running;
  u_getVersion(running);
  const size_t version_end = text.find(';', version);
  text = text.substr(0, version + version_key.size()) + std::to_string(running[0]) +
         text.substr(version_end, begin + array_open.size() + 1 - version_end) + body +
         text.substr(end);
  std::ofstream(path) << text;
  return true;
}

}  // namespace dossier::testing

#endif  // DOSSIER_TESTS_COMMON_GENERATED_TABLE_H_
