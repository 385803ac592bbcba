#include "graph/validation.h"

#include "absl/strings/str_cat.h"
#include "graph/status_macros.h"
#include "graph/utf8.h"

namespace dossier::graph {

absl::Status ValidateText(std::string_view field, std::string_view text) {
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) {
    return absl::InvalidArgumentError(absl::StrCat(
        std::string(field), " is not valid UTF-8 (first bad byte at offset ", bad, ")"));
  }
  return absl::OkStatus();
}

absl::Status ValidateTypeName(std::string_view field, std::string_view name) {
  if (name.empty())
    return absl::InvalidArgumentError(absl::StrCat(std::string(field), " is empty"));
  if (name.size() > kMaxTypeNameBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(std::string(field), " is longer than ", kMaxTypeNameBytes, " bytes"));
  }
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return absl::InvalidArgumentError(
          absl::StrCat(std::string(field), " contains a control character"));
    }
  }
  return ValidateText(field, name);
}

absl::Status ValidateProperties(std::string_view field, const Properties& properties) {
  for (const auto& [name, value] : properties) {
    if (name.empty())
      return absl::InvalidArgumentError(absl::StrCat(std::string(field), " has an empty name"));
    // The field's full name is spelled out only for an error: every edge the importer writes
    // passes here, and two string concatenations a property were most of the check's cost.
    if (!IsValidUtf8(name)) return ValidateText(absl::StrCat(std::string(field), " name"), name);
    if (const std::string* s = std::get_if<std::string>(&value)) {
      if (!IsValidUtf8(*s)) return ValidateText(absl::StrCat(std::string(field), ".", name), *s);
    } else if (const StringList* list = std::get_if<StringList>(&value)) {
      for (const std::string& item : *list) {
        if (!IsValidUtf8(item))
          return ValidateText(absl::StrCat(std::string(field), ".", name), item);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateNodeSpec(const NodeSpec& spec) {
  DOSSIER_RETURN_IF_ERROR(ValidateTypeName("node type", spec.type));
  if (spec.key.empty()) return absl::InvalidArgumentError("node key is empty");
  if (spec.key.size() > kMaxKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("node key is longer than ", kMaxKeyBytes, " bytes"));
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText("node key", spec.key));
  DOSSIER_RETURN_IF_ERROR(ValidateText("node name", spec.name));
  for (const std::string& alias : spec.aliases) {
    DOSSIER_RETURN_IF_ERROR(ValidateText("node alias", alias));
  }
  if (spec.external_id.size() > kMaxKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("external id is longer than ", kMaxKeyBytes, " bytes"));
  }
  DOSSIER_RETURN_IF_ERROR(ValidateText("external id", spec.external_id));
  return ValidateProperties("node property", spec.properties);
}

absl::Status ValidateEvidence(const Evidence& evidence) {
  if (evidence.end < evidence.start) {
    return absl::InvalidArgumentError(
        absl::StrCat("evidence span end ", evidence.end, " is before its start ", evidence.start));
  }
  if (evidence.footnote < 0) return absl::InvalidArgumentError("evidence footnote is negative");
  DOSSIER_RETURN_IF_ERROR(ValidateText("evidence text", evidence.text));
  DOSSIER_RETURN_IF_ERROR(ValidateText("evidence rule", evidence.rule));
  return ValidateProperties("evidence property", evidence.properties);
}

}  // namespace dossier::graph
