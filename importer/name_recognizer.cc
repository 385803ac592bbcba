#include "importer/name_recognizer.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"
#include "importer/byte_set.h"
#include "importer/name_normalizer.h"
#include "importer/url_extractor.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

// Function words that may open a capitalised phrase at a sentence start but never belong to
// an organisation name.
bool IsLeadingFunctionWord(std::string_view w) {
  // Asked of every capitalised token: one hash, not a tree of string comparisons.
  static const absl::flat_hash_set<absl::string_view> kWords = {
      "The",      "A",       "An",       "In",          "On",      "At",   "According",
      "Despite",  "Since",   "After",    "Before",      "By",      "For",  "From",
      "With",     "To",      "Moreover", "Furthermore", "However", "Also", "We",
      "Our",      "Their",   "This",     "These",       "That",    "Dear", "Copy",
      "Both",     "Equally", "Lastly",   "Instead",     "Call",    "Urge", "Demand",
      "Pressure", "Release", "Ensure",   "Resume",      "Come",    "And",  "Of",
      "Even",     "Every",   "All",      "Regrettably", "Still",   "Now",  "Press"};
  return kWords.contains(absl::string_view(w.data(), w.size()));
}

bool IsConnector(std::string_view w) {
  return w == "of" || w == "for" || w == "and" || w == "the" || w == "on" || w == "Against" ||
         w == "against" || w == "de" || w == "du" || w == "des" || w == "la";
}

bool OnlySpaces(std::string_view gap) {
  if (gap.empty()) return false;
  for (char c : gap) {
    if (c != ' ') {
      // A no-break space (C2 A0) counts as a space.
      if (gap == "\xC2\xA0") return true;
      return false;
    }
  }
  return gap.size() <= 2;
}

bool HasUpper(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += std::max(1, DecodeUtf8At(s, i, &cp));
    if (IsUpperLetter(cp)) return true;
  }
  return false;
}

bool IsAlnumByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

// Official names run long ("Criminal Investigation Department of the Ministry of Internal
// Affairs of the Republic of Karakalpakstan" has 13 words), so organisations get a little more
// room than the 12 words of a person's name; a paragraph still never passes.
constexpr int kMaxOrgWords = 16;

bool NameRecognizer::IsBadNameToken(const Token& t) const {
  if (t.has_digit) return true;
  if (g_.IsCommonWord(t.text) || g_.IsPlaceWord(t.text) || g_.IsOrgKeyword(t.text)) return true;
  if (g_.FindCountry(t.text) != nullptr) return true;
  if (g_.FindInstitution(t.text) != nullptr) return true;
  if (t.all_upper && g_.FindPoliticalGroup(t.text) != nullptr) return true;
  return false;
}

bool NameRecognizer::IsNameToken(const Token& t) const {
  if (t.has_digit) return false;
  if (t.upper_initial) return true;
  // Arabic and similar surnames glue a lowercase particle to the name: "al-Sisi", "el-Masry".
  size_t hyphen = t.text.find('-');
  return hyphen != std::string::npos && hyphen + 1 < t.text.size() &&
         g_.IsNameParticle(t.text.substr(0, hyphen)) && t.text[hyphen + 1] >= 'A' &&
         t.text[hyphen + 1] <= 'Z';
}

int NameRecognizer::HonorificLength(std::string_view text, const std::vector<Token>& tokens,
                                    size_t i, std::string* honorific) const {
  // Multi-token honorifics ("H.E.", "His Excellency", "Senior Lieutenant"), longest first. Each
  // begins with the bytes of its first token: most tokens begin none.
  if (!g_.StartsSomeHonorific(SpanText(text, tokens[i].span))) return 0;
  for (size_t k = std::min<size_t>(3, tokens.size() - i); k >= 1; --k) {
    size_t start = tokens[i].span.start;
    size_t end = tokens[i + k - 1].span.end;
    std::string s(text.substr(start, end - start));
    std::string with_dot = tokens[i + k - 1].period_after ? s + "." : s;
    if (g_.IsHonorific(with_dot)) {
      *honorific = with_dot;
      return static_cast<int>(k);
    }
    if (g_.IsHonorific(s)) {
      *honorific = s;
      return static_cast<int>(k);
    }
  }
  return 0;
}

bool NameRecognizer::IsOfficial(std::string_view text, Span span, Span full_span) const {
  // Look back to the clause start and ahead through an appositive (", the President of X,").
  size_t back = full_span.start > 80 ? full_span.start - 80 : 0;
  std::string_view before = text.substr(back, full_span.start - back);
  static constexpr ByteSet kClauseEnds(".;\n");
  size_t cut = kClauseEnds.FindLastIn(before);
  if (cut != std::string_view::npos) before = before.substr(cut + 1);
  size_t and_pos = before.rfind(" and ");
  if (and_pos != std::string_view::npos) before = before.substr(and_pos + 5);
  size_t ahead_end = std::min(text.size(), span.end + 90);
  std::string_view after = text.substr(span.end, ahead_end - span.end);
  if (!after.empty() && after[0] == ',') {
    size_t stop = kClauseEnds.FindFirstIn(after, 1);
    size_t comma = after.find(',', 1);
    if (comma != std::string_view::npos && (stop == std::string_view::npos || comma < stop)) {
      stop = comma;
    }
    after = after.substr(0, stop == std::string_view::npos ? after.size() : stop);
  } else {
    after = {};
  }
  // A capitalised office word standing as a whole word in either window: each window's word
  // starts are tried against the offices beginning with that capital.
  for (std::string_view window : {before, after}) {
    for (size_t p = 0; p < window.size(); ++p) {
      if (p > 0 && IsAlnumByte(window[p - 1])) continue;
      for (const Gazetteer::CapitalisedOffice& office :
           g_.CapitalisedOfficesStartingWith(static_cast<unsigned char>(window[p]))) {
        const std::string& w = g_.office_words()[office.index];
        if (!office.prefix.MayStartAt(window, p) || window.compare(p, w.size(), w) != 0) continue;
        if (p + w.size() >= window.size() || !IsAlnumByte(window[p + w.size()])) return true;
      }
    }
  }
  return false;
}

std::vector<PersonCandidate> NameRecognizer::FindPersons(std::string_view text, Span span) const {
  std::vector<PersonCandidate> out;
  std::vector<Token> tokens;
  // Words inside URLs ("NewsEvents/Pages/DisplayNews.aspx") are not names.
  std::vector<FoundUrl> urls = FindUrls(text, span);
  for (Token& t : Tokenize(text, span)) {
    bool in_url = false;
    for (const FoundUrl& u : urls)
      in_url |= u.span.start <= t.span.start && t.span.end <= u.span.end;
    if (!in_url) tokens.push_back(std::move(t));
  }
  size_t i = 0;
  while (i < tokens.size()) {
    std::string hon;
    int hlen = HonorificLength(text, tokens, i, &hon);
    if (!IsNameToken(tokens[i]) && hlen == 0) {
      ++i;
      continue;
    }
    // The run: tokens joined by single spaces (or an initial's/honorific's period).
    size_t j = i + 1;
    while (j < tokens.size()) {
      const Token& prev = tokens[j - 1];
      const Token& cur = tokens[j];
      std::string_view gap = cur.gap_before;
      bool initial = prev.text.size() <= 2 || g_.IsHonorific(std::string(prev.text) + ".");
      // An empty gap is a glued pair split by the tokenizer ("KeChengbing").
      bool gap_ok = OnlySpaces(gap) || gap.empty() ||
                    (prev.period_after && initial && (gap == ". " || gap == "."));
      if (!gap_ok || prev.possessive) break;
      if (IsNameToken(cur)) {
        ++j;
        continue;
      }
      if (g_.IsNameParticle(cur.text) && j + 1 < tokens.size() &&
          OnlySpaces(tokens[j + 1].gap_before) && IsNameToken(tokens[j + 1])) {
        j += 2;
        continue;
      }
      break;
    }
    // Leading honorifics and title words are kept apart from the name.
    PersonCandidate c;
    size_t k = i;
    bool had_office = false;
    std::vector<std::string> title_words;
    while (k < j) {
      std::string h;
      int len = HonorificLength(text, tokens, k, &h);
      if (len > 0) {
        c.honorifics.push_back(h);
        if (g_.IsOfficeWord(h)) had_office = true;
        k += len;
        continue;
      }
      const Token& t = tokens[k];
      if (k + 1 < j && g_.IsOfficeWord(std::string(t.text) + " " +
                                       std::string(tokens[k + 1].text))) {  // "Prime Minister"
        had_office = true;
        title_words.push_back(std::string(t.text) + " " + std::string(tokens[k + 1].text));
        k += 2;
        continue;
      }
      if (IsBadNameToken(t) || g_.IsOfficeWord(t.text) ||
          (t.all_upper && t.text.size() <= 3 && k + 1 < j && tokens[k + 1].all_upper)) {
        if (g_.IsOfficeWord(t.text)) had_office = true;
        title_words.emplace_back(t.text);
        ++k;
        continue;
      }
      break;
    }
    size_t last = j;
    while (last > k) {
      const Token& t = tokens[last - 1];
      std::string h;
      if (g_.IsHonorific(t.text) && t.all_upper) {  // Post-nominals: "MEP".
        c.honorifics.emplace_back(t.text);
        --last;
        continue;
      }
      if (IsBadNameToken(t)) {
        --last;
        continue;
      }
      break;
    }
    size_t name_tokens = last > k ? last - k : 0;
    bool ok = name_tokens >= 2 && name_tokens <= 5;
    for (size_t m = i; ok && m < j; ++m) {
      if (g_.IsOrgKeyword(tokens[m].text)) ok = false;  // "Republican Psychiatric Hospital".
    }
    if (ok) {
      std::string_view whole = SpanText(text, {tokens[k].span.start, tokens[last - 1].span.end});
      if (g_.FindInstitution(whole) || g_.FindCountry(whole)) ok = false;
    }
    for (size_t m = k; ok && m < last; ++m) {
      if (IsBadNameToken(tokens[m])) ok = false;
    }
    if (ok) {
      size_t initials = 0;
      for (size_t m = k; m < last; ++m) initials += tokens[m].text.size() <= 2 ? 1 : 0;
      if (initials == name_tokens) ok = false;
      // Whole runs in capitals of three words or more are headings, not names.
      bool all_caps = true;
      for (size_t m = k; m < last; ++m) all_caps = all_caps && tokens[m].all_upper;
      if (all_caps && name_tokens >= 3) ok = false;
    }
    // One surname after a real honorific: "Ms. Bachelet", "Senior Lieutenant Tahir".
    if (!ok && name_tokens == 1 && !c.honorifics.empty() && !IsBadNameToken(tokens[k]) &&
        tokens[k].text.size() >= 2 && !tokens[k].all_upper) {
      ok = true;
    }
    if (ok) {
      c.span = {tokens[k].span.start, tokens[last - 1].span.end};
      c.full_span = {tokens[i].span.start, c.span.end};
      // The name as words: glued pairs get their space back ("Ke Chengbing").
      for (size_t m = k; m < last; ++m) {
        if (m > k) c.name += tokens[m].gap_before.empty() ? " " : tokens[m].gap_before;
        c.name += tokens[m].text;
      }
      for (size_t m = 0; m < title_words.size(); ++m) {
        c.title_before += (m ? " " : "") + title_words[m];
      }
      if (!PlausibleNameLength(SpanText(text, c.span))) {
        i = std::max(j, i + 1);
        continue;
      }
      c.official = had_office || IsOfficial(text, c.span, c.full_span);
      c.rule = c.honorifics.empty() ? "capitalised-name" : "honorific-name";
      out.push_back(std::move(c));
    }
    i = std::max(j, i + 1);
  }
  return out;
}

std::optional<PersonCandidate> NameRecognizer::PersonSegment(std::string_view text,
                                                             Span segment) const {
  Span s = TrimSpan(text, segment, ",;:.*");
  if (s.empty()) return std::nullopt;
  std::vector<PersonCandidate> found = FindPersons(text, s);
  // A leading title must be an office ("Prime Minister X"), not a place ("Bangladesh X").
  if (found.size() != 1 || (!found[0].title_before.empty() && !found[0].official)) {
    return std::nullopt;
  }
  // The name must cover the segment apart from post-nominal honorifics and punctuation.
  Span rest = TrimSpan(text, {found[0].span.end, s.end}, ".,");
  if (!rest.empty()) {
    for (const Token& t : Tokenize(text, rest)) {
      if (!g_.IsHonorific(t.text) && !g_.IsHonorific(std::string(t.text) + "."))
        return std::nullopt;
    }
  }
  Span lead = TrimSpan(text, {s.start, found[0].full_span.start});
  if (!lead.empty()) return std::nullopt;
  return found[0];
}

std::string NameRecognizer::OrgTypeFor(std::string_view name) const {
  if (const OrgEntry* e = g_.FindPoliticalGroup(name)) return e->type;
  if (const OrgEntry* e = g_.FindInstitution(name)) return e->type;
  std::string lower = AsciiLower(name);
  auto has = [&](const char* w) { return lower.find(w) != std::string::npos; };
  if (has("party") || has("partiyasy") || has("movement")) return "party";
  if (has("university") || has("college") || has("school") || has("institute") || has("academy")) {
    return "academic";
  }
  if (has("ministry") || has("department") || has("bureau") || has("procuratorate") ||
      has("police") || has("government") || has("court") || has("prison") || has("detention") ||
      has("committee") || has("council") || has("security") || has("embassy") ||
      has("delegation") || has("office") || has("hospital") || has("dispensary")) {
    return "state_body";
  }
  if (has("ngo") || has("foundation") || has("network") || has("coalition") || has("alliance") ||
      has("association") || has("centre") || has("center") || has("union") || has("congress") ||
      has("defenders") || has("watch")) {
    return "ngo";
  }
  return "body";
}

bool NameRecognizer::LooksLikeOrganisation(std::string_view segment) const {
  std::string_view s = TrimView(segment);
  if (s.empty() || !PlausibleNameLength(s, kMaxOrgWords)) return false;
  if (g_.FindInstitution(s) || g_.FindPoliticalGroup(s)) return true;
  std::vector<Token> tokens = Tokenize(s, {0, s.size()});
  for (const Token& t : tokens) {
    if (g_.IsOrgKeyword(t.text)) return true;
  }
  static const RE2 kAcronym("\\([A-Z][A-Za-z&]{1,9}\\)\\s*$");
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), kAcronym);
}

void NameRecognizer::AddGazetteerOrgs(std::string_view text, Span span, bool signature_context,
                                      std::vector<OrgCandidate>* out) const {
  std::string_view region = SpanText(text, span);
  // Every occurrence of every name, found in one pass over the region's word starts, then
  // reported name by name (the gazetteer's order) and by position.
  struct Hit {
    uint32_t order;
    size_t start;
    const OrgEntry* entry;
    const std::string* name;
  };
  std::vector<Hit> hits;
  for (size_t p = 0; p < region.size(); ++p) {
    const std::vector<Gazetteer::OrgName>& names =
        g_.OrgNamesStartingWith(static_cast<unsigned char>(region[p]));
    if (names.empty() || (p > 0 && IsAlnumByte(region[p - 1]))) continue;
    for (const Gazetteer::OrgName& n : names) {
      if (!n.prefix.MayStartAt(region, p)) continue;
      const OrgEntry& e = g_.EntryOf(n);
      const std::string& alias = g_.TextOf(n);
      if (alias.size() < 2 || region.size() - p < alias.size()) continue;
      if (alias.size() <= 3 && !signature_context && e.type == "political_group") continue;
      if (region.compare(p, alias.size(), alias) != 0) continue;
      size_t end = p + alias.size();
      // "UN" inside "UN-led" is fine, inside "UNESCO" is not.
      if (end < region.size() && IsAlnumByte(region[end])) continue;
      hits.push_back({n.order, p, &e, &alias});
    }
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return a.order != b.order ? a.order < b.order : a.start < b.start;
  });
  for (const Hit& h : hits) {
    const OrgEntry& e = *h.entry;
    OrgCandidate c;
    c.span = {span.start + h.start, span.start + h.start + h.name->size()};
    c.name = *h.name;
    c.canonical = e.canonical;
    c.type = e.type;
    c.aliases = e.aliases;
    if (!e.full_name.empty()) c.aliases.push_back(e.full_name);
    c.rule = e.type == "political_group" ? "gazetteer-political-group" : "gazetteer-institution";
    out->push_back(std::move(c));
  }
}

void NameRecognizer::AddKeywordOrgs(std::string_view text, Span span,
                                    std::vector<OrgCandidate>* out) const {
  std::vector<Token> tokens = Tokenize(text, span);
  size_t i = 0;
  while (i < tokens.size()) {
    if (!tokens[i].upper_initial) {
      ++i;
      continue;
    }
    // Maximal run of capitalised words and connectors joined by spaces ("No. 2" allowed).
    size_t j = i + 1;
    while (j < tokens.size()) {
      const Token& prev = tokens[j - 1];
      const Token& cur = tokens[j];
      bool number_after_no =
          prev.text == "No" && cur.has_digit && (cur.gap_before == ". " || cur.gap_before == " ");
      if (!OnlySpaces(cur.gap_before) && !number_after_no) break;
      if (cur.upper_initial || IsConnector(cur.text) || number_after_no) {
        ++j;
        continue;
      }
      // "Jaslyk prison", "Shenzhen government": a lowercase keyword closes the phrase.
      bool phrase_has_kw = false;
      for (size_t q = i; q < j; ++q) phrase_has_kw |= g_.IsOrgKeyword(tokens[q].text);
      if (g_.IsOrgKeyword(cur.text) && prev.upper_initial && !phrase_has_kw) {
        ++j;
        break;
      }
      break;
    }
    // Split at "and the" and at "and" between two keyword phrases.
    std::vector<std::pair<size_t, size_t>> parts;
    size_t part_start = i;
    for (size_t m = i; m < j; ++m) {
      if (tokens[m].text != "and") continue;
      bool left_kw = false, right_kw = false;
      for (size_t q = part_start; q < m; ++q) left_kw |= g_.IsOrgKeyword(tokens[q].text);
      for (size_t q = m + 1; q < j; ++q) right_kw |= g_.IsOrgKeyword(tokens[q].text);
      bool next_the = m + 1 < j && tokens[m + 1].text == "the";
      if (next_the || (left_kw && right_kw)) {
        parts.push_back({part_start, m});
        part_start = m + 1;
      }
    }
    parts.push_back({part_start, j});
    for (auto [a, b] : parts) {
      while (a < b && (IsConnector(tokens[a].text) || IsLeadingFunctionWord(tokens[a].text) ||
                       g_.IsHonorific(tokens[a].text))) {
        ++a;
      }
      // "Chair of the Security Council", "Members of European Parliament": the words before
      // "of" name a post or a group of people, not the organisation.
      for (size_t m = a; m < b; ++m) {
        if (tokens[m].text != "of") continue;
        bool kw_before = false;
        for (size_t q = a; q < m; ++q) kw_before |= g_.IsOrgKeyword(tokens[q].text);
        if (!kw_before) {
          a = m + 1;
          while (a < b && tokens[a].text == "the") ++a;
        }
        break;
      }
      // The phrase ends at its last keyword or at the end of an "of/for X" complement.
      size_t last_kw = b;
      for (size_t m = a; m < b; ++m) {
        if (g_.IsOrgKeyword(tokens[m].text)) last_kw = m;
      }
      if (last_kw == b) continue;
      size_t end = last_kw + 1;
      size_t m = end;
      while (m < b) {
        if (IsConnector(tokens[m].text) && tokens[m].text != "and") {
          ++m;
          continue;
        }
        if (tokens[m].upper_initial || tokens[m].has_digit) {
          ++m;
          end = m;
          continue;
        }
        break;
      }
      while (end > a && IsConnector(tokens[end - 1].text)) --end;
      if (end <= a) continue;
      // A lone keyword ("Office", "Government") names nothing.
      if (end - a == 1 && g_.IsOrgKeyword(tokens[a].text)) continue;
      OrgCandidate c;
      c.span = {tokens[a].span.start, tokens[end - 1].span.end};
      if (tokens[end - 1].possessive) c.span.end += 0;
      c.name = std::string(SpanText(text, c.span));
      c.canonical = c.name;
      c.type = OrgTypeFor(c.name);
      c.rule = "org-keyword-phrase";
      out->push_back(std::move(c));
    }
    i = j;
  }
}

void NameRecognizer::AddQuotedOrgs(std::string_view text, Span span,
                                   std::vector<OrgCandidate>* out) const {
  static const RE2 kQuoted("([\"“])([^\"“”\\n]{2,80})([\"”])");
  static const RE2 kCueBefore(
      "(?i)(?:organi[sz]ation|movement|party|group|network|association|NGO|page|platform|"
      "coalition|union|campaign)\\W*$");
  static const RE2 kCueAfter(
      "(?i)^\\W*(?:website|organi[sz]ation|movement|party|manifesto|group|network|platform|"
      "campaign)\\b");
  std::string_view region = SpanText(text, span);
  // Most sentences quote nothing: no opening quote, no search.
  if (region.find('"') == std::string_view::npos &&
      region.find("\u201C") == std::string_view::npos) {
    return;
  }
  re2::StringPiece input(region.data(), region.size());
  re2::StringPiece g[4];
  size_t pos = 0;
  while (pos < region.size() && kQuoted.Match(input, pos, region.size(), RE2::UNANCHORED, g, 4)) {
    size_t inner_start = g[2].data() - region.data();
    size_t inner_end = inner_start + g[2].size();
    pos = g[0].data() - region.data() + g[0].size();
    std::string_view inner(g[2].data(), g[2].size());
    std::vector<Token> tokens = Tokenize(inner, {0, inner.size()});
    bool capitalised = !tokens.empty() && tokens.size() <= 8;
    for (const Token& t : tokens) {
      if (!HasUpper(t.text) && !IsConnector(t.text)) capitalised = false;
    }
    if (!capitalised) continue;
    size_t before_start = inner_start > 40 ? inner_start - 40 : 0;
    std::string_view before = region.substr(before_start, inner_start - g[1].size() - before_start);
    std::string_view after = region.substr(pos, std::min<size_t>(30, region.size() - pos));
    if (!RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), kCueBefore) &&
        !RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), kCueAfter)) {
      continue;
    }
    OrgCandidate c;
    c.span = {span.start + inner_start, span.start + inner_end};
    c.name = std::string(inner);
    c.canonical = c.name;
    c.type = OrgTypeFor(c.name);
    if (c.type == "body") c.type = "group";
    c.rule = "quoted-org-cue";
    out->push_back(std::move(c));
  }
}

std::vector<OrgCandidate> NameRecognizer::FindOrganisations(std::string_view text, Span span,
                                                            bool signature_context) const {
  std::vector<OrgCandidate> found;
  AddGazetteerOrgs(text, span, signature_context, &found);
  AddKeywordOrgs(text, span, &found);
  AddQuotedOrgs(text, span, &found);
  // Longest first; drop candidates inside an accepted one unless they are gazetteer entries
  // (which are kept: "European Union" inside "Delegation of the European Union").
  std::sort(found.begin(), found.end(), [](const OrgCandidate& a, const OrgCandidate& b) {
    if (a.span.start != b.span.start) return a.span.start < b.span.start;
    return a.span.end > b.span.end;
  });
  std::vector<OrgCandidate> out;
  for (OrgCandidate& c : found) {
    if (!PlausibleNameLength(SpanText(text, c.span), kMaxOrgWords)) continue;
    bool dup = false;
    for (const OrgCandidate& o : out) {
      if (o.span == c.span) dup = true;
      if (o.span.Contains(c.span) && c.rule == "org-keyword-phrase") dup = true;
      if (o.span.Contains(c.span) && o.rule == c.rule) dup = true;
    }
    if (dup) continue;
    // "(ANROEV)" right after the name is its acronym; "(*X* in Kazakh)" a translation.
    static const RE2 kAcronym("^\\s*\\(([A-Z][A-Za-z&\\-]{1,11})\\)");
    static const RE2 kTranslation("^[\"”*\\s]*\\(\\*?([^()*\\n]{2,60}?)\\*? in [A-Z][a-z]+\\)");
    std::string_view rest =
        text.substr(c.span.end, std::min<size_t>(120, text.size() - c.span.end));
    re2::StringPiece r(rest.data(), rest.size());
    std::string alias;
    if (RE2::PartialMatch(r, kAcronym, &alias) || RE2::PartialMatch(r, kTranslation, &alias)) {
      c.aliases.push_back(alias);
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace dossier::importer
