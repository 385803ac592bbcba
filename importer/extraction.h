// What the importer extracts from one letter. Plain value types with no dependency on the graph
// store: a later step maps a LetterExtraction onto graph nodes and edges (see docs/SCHEMA.md).
//
// Every position is a BYTE offset into the original UTF-8 file, half-open [start, end).
#ifndef DOSSIER_IMPORTER_EXTRACTION_H_
#define DOSSIER_IMPORTER_EXTRACTION_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dossier::importer {

struct Span {
  size_t start = 0;
  size_t end = 0;
  bool empty() const { return end <= start; }
  bool Contains(const Span& o) const { return start <= o.start && o.end <= end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// Layout zones, in the order they usually appear. A zone may occur more than once (signature
// blocks split by a page break, footnotes interleaved with the body).
enum class ZoneKind {
  kLetterhead,
  kTitle,
  kSenderLine,
  kRecipientBlock,
  kPlaceDate,
  kSalutation,
  kBody,
  kClosing,
  kSignature,
  kFootnote,
  kAnnex,
  kCopyList,
  kBlank,
};
const char* ZoneKindName(ZoneKind kind);

struct Zone {
  ZoneKind kind = ZoneKind::kBody;
  Span span;
};

struct Mention {
  Span span;
  std::string surface;  // The bytes of `span`, as written.
};

struct Person {
  std::string id;              // "P1", "P2"... unique within the extraction.
  std::string canonical_name;  // Without honorifics: "Kassym-Jomart Tokayev".
  std::string key;             // NormalizePersonKey(canonical_name): cross-letter resolution key.
  std::vector<std::string> aliases;     // Every distinct surface form (incl. canonical).
  std::vector<std::string> honorifics;  // "H.E.", "Dr.", "MEP"... as written.
  std::vector<std::string> roles;  // Titles/roles as stated: "President of the Republic of ...".
  std::vector<Mention> mentions;
};

struct Organisation {
  std::string id;  // "O1", "O2"...
  std::string canonical_name;
  std::string key;  // NormalizeOrgKey(canonical_name).
  std::string
      type;  // political_group, institution, state, ngo, party, media, platform, body, group.
  std::vector<std::string> aliases;  // Acronyms, translations, multilingual names, surface forms.
  std::map<std::string, std::string> attributes;  // e.g. status=banned.
  std::vector<Mention> mentions;
};

struct Source {
  std::string id;   // "S1"...
  std::string url;  // As written, without angle brackets or trailing punctuation.
  std::string key;  // NormalizeUrlKey(url).
  Span span;
  std::optional<int> footnote;  // The footnote whose definition holds the URL, if any.
};

struct Footnote {
  int number = 0;
  Span definition;             // The whole definition line (marker included).
  std::string text;            // Definition text after the marker.
  std::optional<Span> marker;  // The marker in the body, if found.
  std::string anchor;          // Text the marker is attached to.
  std::optional<Span> anchor_span;
};

enum class RelationType {
  kSigned,
  kAddressedTo,
  kCopiedTo,
  kPersecutedBy,
  kCitedIn,
  kMentionedIn,
  kMemberOf,
  kHoldsOffice,
};
const char* RelationTypeName(RelationType type);

enum class EndpointKind { kPerson, kOrganisation, kLetter, kSource };

struct Endpoint {
  EndpointKind kind = EndpointKind::kLetter;
  std::string id;        // Person/Organisation/Source id; empty for the letter itself.
  bool implied = false;  // The text does not name this endpoint (e.g. "the authorities").
};

struct Evidence {
  Span span;          // Contains the surface form of every endpoint the text names.
  std::string quote;  // The bytes of `span`: the sentence or line.
  std::optional<int> footnote;
  std::string rule;  // Name of the rule that produced the relation.
};

struct Relation {
  RelationType type = RelationType::kMentionedIn;
  Endpoint from;
  Endpoint to;
  Evidence evidence;
  // As stated: act, status, title, affiliation, anchor, footnote, implied_reason...
  std::map<std::string, std::string> attributes;
};

struct Letter {
  std::string file_name;
  std::string sha256;  // Hex of the raw bytes: the Letter key.
  size_t size = 0;
  std::optional<std::string> date;  // ISO YYYY-MM-DD.
  std::optional<Span> date_span;
  std::optional<std::string> place;
  std::optional<std::string> title;
  std::optional<std::string> sender_organisation;
  std::string language;                // Main language guess: "en", "zh", "ru"...
  std::vector<std::string> languages;  // Every language seen; size > 1 means bilingual.
  bool bilingual = false;
  std::vector<Zone> zones;
  std::vector<Span> sentences;  // Body sentences.
};

struct LetterExtraction {
  Letter letter;
  std::vector<Person> persons;
  std::vector<Organisation> organisations;
  std::vector<Source> sources;
  std::vector<Footnote> footnotes;
  std::vector<Relation> relations;
  std::vector<std::string> warnings;

  const Person* FindPerson(const std::string& id) const;
  const Organisation* FindOrganisation(const std::string& id) const;
};

}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_EXTRACTION_H_
