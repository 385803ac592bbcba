// SHA-256 of a letter's raw bytes: the Letter node key.
#ifndef DOSSIER_IMPORTER_SHA256_H_
#define DOSSIER_IMPORTER_SHA256_H_

#include <string>
#include <string_view>

namespace dossier::importer {

// Lowercase hex digest (64 characters).
std::string Sha256Hex(std::string_view bytes);

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_SHA256_H_
