#include "importer/extraction_json.h"

namespace dossier::importer {
namespace {

nlohmann::json SpanJson(const Span& s) { return nlohmann::json::array({s.start, s.end}); }

nlohmann::json MentionsJson(const std::vector<Mention>& ms) {
  nlohmann::json out = nlohmann::json::array();
  for (const Mention& m : ms) out.push_back({{"span", SpanJson(m.span)}, {"surface", m.surface}});
  return out;
}

const char* KindName(EndpointKind k) {
  switch (k) {
    case EndpointKind::kPerson:
      return "Person";
    case EndpointKind::kOrganisation:
      return "Organisation";
    case EndpointKind::kLetter:
      return "Letter";
    case EndpointKind::kSource:
      return "Source";
  }
  return "?";
}

}  // namespace

nlohmann::json ExtractionToJson(const LetterExtraction& x) {
  nlohmann::json j;
  const Letter& l = x.letter;
  j["letter"] = {
      {"file_name", l.file_name},
      {"sha256", l.sha256},
      {"size", l.size},
      {"date", l.date ? nlohmann::json(*l.date) : nlohmann::json()},
      {"place", l.place ? nlohmann::json(*l.place) : nlohmann::json()},
      {"title", l.title ? nlohmann::json(*l.title) : nlohmann::json()},
      {"sender_organisation",
       l.sender_organisation ? nlohmann::json(*l.sender_organisation) : nlohmann::json()},
      {"language", l.language},
      {"languages", l.languages},
      {"bilingual", l.bilingual}};
  nlohmann::json zones = nlohmann::json::array();
  for (const Zone& z : l.zones)
    zones.push_back({{"kind", ZoneKindName(z.kind)}, {"span", SpanJson(z.span)}});
  j["letter"]["zones"] = zones;
  j["persons"] = nlohmann::json::array();
  for (const Person& p : x.persons) {
    j["persons"].push_back({{"id", p.id},
                            {"name", p.canonical_name},
                            {"key", p.key},
                            {"aliases", p.aliases},
                            {"honorifics", p.honorifics},
                            {"roles", p.roles},
                            {"mentions", MentionsJson(p.mentions)}});
  }
  j["organisations"] = nlohmann::json::array();
  for (const Organisation& o : x.organisations) {
    j["organisations"].push_back({{"id", o.id},
                                  {"name", o.canonical_name},
                                  {"key", o.key},
                                  {"type", o.type},
                                  {"aliases", o.aliases},
                                  {"attributes", o.attributes},
                                  {"mentions", MentionsJson(o.mentions)}});
  }
  j["sources"] = nlohmann::json::array();
  for (const Source& s : x.sources) {
    j["sources"].push_back(
        {{"id", s.id},
         {"url", s.url},
         {"key", s.key},
         {"span", SpanJson(s.span)},
         {"footnote", s.footnote ? nlohmann::json(*s.footnote) : nlohmann::json()}});
  }
  j["footnotes"] = nlohmann::json::array();
  for (const Footnote& f : x.footnotes) {
    j["footnotes"].push_back({{"number", f.number}, {"text", f.text}, {"anchor", f.anchor}});
  }
  j["relations"] = nlohmann::json::array();
  for (const Relation& r : x.relations) {
    j["relations"].push_back(
        {{"type", RelationTypeName(r.type)},
         {"from",
          {{"kind", KindName(r.from.kind)}, {"id", r.from.id}, {"implied", r.from.implied}}},
         {"to", {{"kind", KindName(r.to.kind)}, {"id", r.to.id}, {"implied", r.to.implied}}},
         {"attributes", r.attributes},
         {"evidence",
          {{"span", SpanJson(r.evidence.span)},
           {"quote", r.evidence.quote},
           {"rule", r.evidence.rule},
           {"footnote",
            r.evidence.footnote ? nlohmann::json(*r.evidence.footnote) : nlohmann::json()}}}});
  }
  j["warnings"] = x.warnings;
  return j;
}

}  // namespace dossier::importer
