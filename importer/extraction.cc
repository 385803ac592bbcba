#include "importer/extraction.h"

namespace dossier::importer {

const char* ZoneKindName(ZoneKind kind) {
  switch (kind) {
    case ZoneKind::kLetterhead:
      return "letterhead";
    case ZoneKind::kTitle:
      return "title";
    case ZoneKind::kSenderLine:
      return "sender_line";
    case ZoneKind::kRecipientBlock:
      return "recipient_block";
    case ZoneKind::kPlaceDate:
      return "place_date";
    case ZoneKind::kSalutation:
      return "salutation";
    case ZoneKind::kBody:
      return "body";
    case ZoneKind::kClosing:
      return "closing";
    case ZoneKind::kSignature:
      return "signature";
    case ZoneKind::kFootnote:
      return "footnote";
    case ZoneKind::kAnnex:
      return "annex";
    case ZoneKind::kCopyList:
      return "copy_list";
    case ZoneKind::kBlank:
      return "blank";
  }
  return "unknown";
}

const char* RelationTypeName(RelationType type) {
  switch (type) {
    case RelationType::kSigned:
      return "signed";
    case RelationType::kAddressedTo:
      return "addressed-to";
    case RelationType::kCopiedTo:
      return "copied-to";
    case RelationType::kPersecutedBy:
      return "persecuted-by";
    case RelationType::kCitedIn:
      return "cited-in";
    case RelationType::kMentionedIn:
      return "mentioned-in";
    case RelationType::kMemberOf:
      return "member-of";
    case RelationType::kHoldsOffice:
      return "holds-office";
  }
  return "unknown";
}

const Person* LetterExtraction::FindPerson(const std::string& id) const {
  for (const Person& p : persons) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

const Organisation* LetterExtraction::FindOrganisation(const std::string& id) const {
  for (const Organisation& o : organisations) {
    if (o.id == id) return &o;
  }
  return nullptr;
}

}  // namespace dossier::importer
