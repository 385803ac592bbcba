#include "importer/letter_parser.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/str_cat.h"
#include "importer/byte_set.h"
#include "importer/entity_registry.h"
#include "importer/footnotes.h"
#include "importer/input_validation.h"
#include "importer/letter_metadata.h"
#include "importer/name_recognizer.h"
#include "importer/persecution_rules.h"
#include "importer/recipient_parser.h"
#include "importer/relation_builder.h"
#include "importer/sentence_splitter.h"
#include "importer/sha256.h"
#include "importer/signature_parser.h"
#include "importer/text_util.h"
#include "importer/zoner.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

std::vector<Span> LinesOf(const ZonedLetter& z, ZoneKind kind) {
  std::vector<Span> out;
  for (size_t i = 0; i < z.lines.size(); ++i) {
    if (z.kinds[i] == kind) out.push_back(z.lines[i].span);
  }
  return out;
}

// Registers every person and organisation named in [span]; returns the person mentions.
std::vector<SentenceMention> RegisterNames(std::string_view text, Span span,
                                           const NameRecognizer& r, EntityRegistry* reg,
                                           std::set<std::string>* officials, bool persons = true,
                                           bool gazetteer_only = false,
                                           std::vector<OrgCandidate>* organisations = nullptr) {
  std::vector<SentenceMention> mentions;
  std::vector<OrgCandidate> orgs = r.FindOrganisations(text, span);
  if (organisations != nullptr) *organisations = orgs;
  for (const PersonCandidate& c :
       persons ? r.FindPersons(text, span) : std::vector<PersonCandidate>{}) {
    bool inside_org = false;
    for (const OrgCandidate& o : orgs) {
      inside_org |= c.span.start < o.span.end && o.span.start < c.span.end;
    }
    if (inside_org) continue;
    std::string id = reg->AddPerson(c);
    if (id.empty()) continue;
    if (c.official) officials->insert(id);
    if (!c.title_before.empty()) reg->AddRole(id, c.title_before);
    mentions.push_back({id, c.span});
  }
  for (const OrgCandidate& o : orgs) {
    // Block lines were parsed already; a letterhead only repeats gazetteer names.
    if (!persons && (o.rule == "org-keyword-phrase" || o.rule == "quoted-org-cue") &&
        (gazetteer_only || reg->OverlapsOrgMention(o.span))) {
      continue;
    }
    std::string id = reg->AddOrganisation(o);
    // "a peaceful opposition movement banned by a secret court decision".
    std::string_view after =
        text.substr(o.span.end, std::min<size_t>(160, text.size() - o.span.end));
    static constexpr ByteSet kClauseEnds(".;\n");
    size_t stop = kClauseEnds.FindFirstIn(after);
    if (stop != std::string_view::npos) after = after.substr(0, stop);
    if (AsciiLower(after).find("banned") != std::string::npos &&
        (o.type == "party" || o.type == "group")) {
      reg->SetOrgAttribute(id, "status", "banned");
    }
  }
  return mentions;
}

// Single given names or surnames of persons already known ("Xueqin", "Ke", "Bachelet").
void LinkSingleTokens(std::string_view text, Span span, const Gazetteer& g, EntityRegistry* reg,
                      std::vector<SentenceMention>* mentions) {
  for (const Token& t : Tokenize(text, span)) {
    if (!t.upper_initial || t.has_digit || g.IsCommonWord(t.text) || g.IsHonorific(t.text)) {
      continue;
    }
    bool inside = false;
    for (const SentenceMention& m : *mentions) {
      inside |= t.span.start < m.span.end && m.span.start < t.span.end;
    }
    if (inside) continue;
    std::string id = reg->PersonByToken(t.text);
    if (id.empty()) continue;
    reg->AddPersonMention(id, t.span);
    mentions->push_back({id, t.span});
  }
  std::sort(mentions->begin(), mentions->end(),
            [](const SentenceMention& a, const SentenceMention& b) {
              return a.span.start < b.span.start;
            });
}

}  // namespace

absl::StatusOr<LetterExtraction> ExtractLetter(std::string_view text, std::string_view file_name,
                                               const Gazetteer& g, const ExtractOptions& options) {
  if (absl::Status s = ValidateLetterBytes(text, options.max_bytes); !s.ok()) return s;
  TokenizeMemo tokenize_memo(text);
  LetterExtraction x;
  x.letter.file_name = std::string(file_name);
  x.letter.sha256 = Sha256Hex(text);
  x.letter.size = text.size();
  ZonedLetter z = ZoneLetter(text, g);
  x.letter.zones = z.zones;
  NameRecognizer r(g);
  EntityRegistry reg(text, g);
  RelationBuilder rb(text, g, &reg, &x);
  std::set<std::string> officials;

  // Title, language, date and place.
  if (z.title_line >= 0) {
    x.letter.title = std::string(TrimView(z.lines[z.title_line].text));
    rb.SetTitle(z.lines[z.title_line].span);
  }
  LanguageGuess lang = GuessLanguages(text, z);
  x.letter.language = lang.main;
  x.letter.languages = lang.all;
  x.letter.bilingual = lang.all.size() > 1;
  DatePlace dp = FindLetterDate(text, z, &g);
  x.letter.date = dp.iso;
  x.letter.date_span = dp.span;
  x.letter.place = dp.place;

  // Footnotes and sources.
  std::map<int, size_t> footnote_index;
  for (size_t i = 0; i < z.lines.size(); ++i) {
    if (z.kinds[i] != ZoneKind::kFootnote) continue;
    auto def = ParseFootnoteDefinition(text, z.lines[i].span);
    if (!def || footnote_index.count(def->number)) continue;
    Footnote f;
    f.number = def->number;
    f.definition = TrimSpan(text, z.lines[i].span);
    f.text = std::string(SpanText(text, def->text));
    footnote_index[f.number] = x.footnotes.size();
    x.footnotes.push_back(std::move(f));
  }
  std::vector<Span> body_lines = LinesOf(z, ZoneKind::kBody);
  for (Span line : body_lines) {
    for (const FootnoteMarker& m : FindFootnoteMarkers(text, line)) {
      auto it = footnote_index.find(m.number);
      if (it == footnote_index.end() || x.footnotes[it->second].marker) continue;
      Footnote& f = x.footnotes[it->second];
      f.marker = m.span;
      if (!m.anchor.empty()) {
        f.anchor_span = m.anchor;
        f.anchor = std::string(SpanText(text, m.anchor));
      }
    }
  }
  rb.AddSources(z, footnote_index);

  // Recipients.
  std::vector<RecipientEntry> addressees =
      ParseRecipientBlock(text, LinesOf(z, ZoneKind::kRecipientBlock), r, g);
  if (z.salutation_line >= 0) {
    for (RecipientEntry& e : ParseSalutation(text, z.lines[z.salutation_line].span, r)) {
      addressees.push_back(std::move(e));
    }
  }
  std::vector<RecipientEntry> copies = ParseCopyList(text, LinesOf(z, ZoneKind::kCopyList), r, g);

  // Signatories: the signature zone, else the tail block; the title may name the sender.
  bool tail = z.closing_line < 0;
  SignatureParse sigs = ParseSignatures(text, LinesOf(z, ZoneKind::kSignature), tail, r, g);
  if (z.title_line >= 0) {
    if (auto phrase = TitleSenderPhrase(text, z.lines[z.title_line].span)) {
      rb.AddTitleSender(*phrase, r, &sigs);
    }
  }

  std::set<std::string> excluded;
  for (const std::string& id : rb.AddSignatories(sigs)) excluded.insert(id);
  for (const std::string& id : rb.AddRecipients(addressees, RelationType::kAddressedTo)) {
    excluded.insert(id);
    officials.insert(id);
  }
  for (const std::string& id : rb.AddRecipients(copies, RelationType::kCopiedTo)) {
    excluded.insert(id);
    officials.insert(id);
  }

  // Names in the header and title lines (mentions only).
  for (ZoneKind k : {ZoneKind::kTitle, ZoneKind::kSenderLine}) {
    for (Span line : LinesOf(z, k)) {
      std::vector<SentenceMention> m = RegisterNames(text, line, r, &reg, &officials);
      LinkSingleTokens(text, line, g, &reg, &m);
    }
  }
  // Letterheads and signature/copy lines: organisations only (persons come from the parsers).
  for (ZoneKind k : {ZoneKind::kLetterhead, ZoneKind::kSignature, ZoneKind::kCopyList,
                     ZoneKind::kRecipientBlock}) {
    for (Span line : LinesOf(z, k)) {
      RegisterNames(text, line, r, &reg, &officials, false, k == ZoneKind::kLetterhead);
    }
  }
  // Body sentences.
  std::vector<SentenceInfo> sentences;
  int paragraph = 0;
  // Bulleted or numbered items under a line ending in ':' belong to that line's list.
  static const RE2 kItem("^\\s*(?:[-•*]|\\d{1,3}[.)])\\s+");
  int list_lead = -1;
  for (Span line : body_lines) {
    ++paragraph;
    std::string_view lt = SpanText(text, line);
    bool item = RE2::PartialMatch(re2::StringPiece(lt.data(), lt.size()), kItem);
    if (!item) list_lead = -1;
    int line_first_sentence = static_cast<int>(sentences.size());
    for (Span s : SplitSentences(text, line)) {
      SentenceInfo info;
      info.span = s;
      info.paragraph = paragraph;
      if (item) info.list_lead = list_lead;
      info.mentions = RegisterNames(text, s, r, &reg, &officials, /*persons=*/true,
                                    /*gazetteer_only=*/false, &info.organisations);
      sentences.push_back(std::move(info));
      x.letter.sentences.push_back(s);
    }
    std::string_view trimmed = TrimView(lt);
    if (!item && !trimmed.empty() && trimmed.back() == ':' &&
        static_cast<int>(sentences.size()) > line_first_sentence) {
      list_lead = static_cast<int>(sentences.size()) - 1;
    }
  }
  // Single-token mentions need every full name first.
  for (SentenceInfo& s : sentences) LinkSingleTokens(text, s.span, g, &reg, &s.mentions);
  for (Span line : LinesOf(z, ZoneKind::kFootnote)) {
    std::vector<SentenceMention> m = RegisterNames(text, line, r, &reg, &officials);
    LinkSingleTokens(text, line, g, &reg, &m);
  }
  for (const SentenceInfo& s : sentences) {
    for (const SentenceMention& m : s.mentions) rb.NoteSentence(m.person_id, s.span);
  }

  // Sender organisation.
  if (sigs.sender_org) {
    x.letter.sender_organisation = sigs.sender_org->name;
  } else if (auto line = LinesOf(z, ZoneKind::kSenderLine); !line.empty()) {
    auto orgs = r.FindOrganisations(text, line.front());
    x.letter.sender_organisation =
        orgs.empty() ? std::string(SpanText(text, line.front())) : orgs.front().canonical;
  } else if (z.title_line >= 0 && TitleSenderPhrase(text, z.lines[z.title_line].span)) {
    x.letter.sender_organisation =
        std::string(SpanText(text, *TitleSenderPhrase(text, z.lines[z.title_line].span)));
  } else {
    for (Span line : body_lines) {
      if (auto p = OnBehalfOfPhrase(text, line)) {
        x.letter.sender_organisation = std::string(SpanText(text, *p));
        break;
      }
    }
  }
  if (!x.letter.sender_organisation) {
    for (const SignatoryEntry& s : sigs.signatories) {
      if (s.org && s.rule == "signature-collective") x.letter.sender_organisation = s.org->name;
    }
  }

  // A marker right after a name is attached to the name, not to the title before it.
  for (Footnote& f : x.footnotes) {
    if (!f.anchor_span) continue;
    for (const Person& p : reg.persons()) {
      for (const Mention& m : p.mentions) {
        if (m.span.end == f.anchor_span->end && f.anchor_span->Contains(m.span)) {
          f.anchor_span = m.span;
          f.anchor = m.surface;
        }
      }
    }
  }
  rb.AddPersecutions(FindPersecutions(text, sentences, excluded, officials, g), sentences);
  rb.AddMemberships(sentences, r);
  rb.AddCitations();
  if (options.mentioned_in) rb.AddMentions(z);

  if (!x.letter.date) x.warnings.push_back("no date found (undated letter)");
  if (x.letter.date && !x.letter.place) x.warnings.push_back("no place found");
  if (sigs.signatories.empty()) x.warnings.push_back("no signatories found");
  if (addressees.empty()) x.warnings.push_back("no addressee found");
  if (z.salutation_line < 0 && z.closing_line < 0) {
    x.warnings.push_back("no salutation or closing found: letter structure not recognised");
  }
  x.persons = reg.TakePersons();
  x.organisations = reg.TakeOrganisations();
  return x;
}

}  // namespace dossier::importer
