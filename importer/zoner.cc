#include "importer/zoner.h"

#include "importer/date_parser.h"
#include "importer/footnotes.h"
#include "importer/text_util.h"
#include "re2/re2.h"

namespace dossier::importer {
namespace {

const RE2& SalutationRe() {
  static const RE2 re(
      "^\\s*(?:Dear\\b|Your Excellenc(?:y|ies)\\b|Excellency\\b|Honou?rable\\b|"
      "To whom it may concern|Sir\\b|Madam\\b|Mesdames\\b)");
  return re;
}

const RE2& ClosingRe() {
  static const RE2 re(
      "(?i)^\\s*(?:\\*\\*)?(?:Yours(?: very)? (?:sincerely|faithfully|truly|respectfully)|"
      "Sincerely(?: yours)?|Respectfully(?: yours)?|(?:With )?(?:best|kind|warm) regards|"
      "Regards|In solidarity|Signed(?: by)?\\s*:|Signatories\\b|Signatures?\\b|"
      "Co-?signatories\\b|Cosignatory\\b|Undersigned\\b|The undersigned\\b)");
  return re;
}

const RE2& CopyRe() {
  static const RE2 re("^\\s*(?:Copy|Copies|Cc|CC|cc|c\\.c\\.|Copied to|Copy to)\\s*:");
  return re;
}

// A heading over a list of signatories that stands before the body.
const RE2& SignersHeadRe() {
  static const RE2 re(
      "(?i)^\\s*(?:Signatories|Co-?signatories|Signed(?: by)?|Undersigned|The undersigned)"
      "\\s*:?\\s*$");
  return re;
}

const RE2& AnnexRe() {
  static const RE2 re("^\\s*(?:Annex|Annexe|Attachment|Enclosure)s?\\b");
  return re;
}

const RE2& ToRe() {
  static const RE2 re("^\\s*To\\s*:");
  return re;
}

const RE2& BulletRe() {
  static const RE2 re("^\\s*(?:[-•*]|\\d+[.)])\\s+");
  return re;
}

bool Matches(const RE2& re, std::string_view s) {
  return RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), re);
}

// Letterheads repeat an institution's name (often in many languages).
bool IsLetterheadLine(std::string_view line, const Gazetteer& g) {
  int hits = 0;
  for (const OrgEntry& e : g.institutions()) {
    for (const std::string& a : e.aliases) {
      if (a.size() >= 8 && line.find(a) != std::string_view::npos) ++hits;
    }
    if (line.find(e.canonical) != std::string_view::npos && e.canonical.size() >= 8) ++hits;
  }
  return hits >= 2;
}

bool LooksLikeTitle(std::string_view line) {
  static const RE2 kWords(
      "(?i)\\b(?:letter|statement|appeal|petition|declaration|call|open letter|re:|subject:)");
  return line.size() > 30 && Matches(kWords, line);
}

}  // namespace

std::vector<Line> SplitLines(std::string_view text) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t content_end = end;
    if (content_end > start && text[content_end - 1] == '\r') --content_end;
    Line l;
    l.span = {start, content_end};
    l.text = text.substr(start, content_end - start);
    l.blank = TrimView(l.text).empty();
    lines.push_back(l);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

bool IsPlaceDateLine(std::string_view line) {
  std::string_view t = TrimView(line);
  if (t.empty() || t.size() > 80) return false;
  if (ParseDate(t)) return true;
  std::vector<FoundDate> dates = FindDates(t, {0, t.size()});
  if (dates.size() != 1) return false;
  Span after = TrimSpan(t, {dates[0].span.end, t.size()}, ".");
  if (!after.empty()) return false;
  std::string_view before = TrimView(t.substr(0, dates[0].span.start));
  if (before.empty() || before.back() != ',') return false;
  before = TrimView(before.substr(0, before.size() - 1));
  std::vector<Token> tokens = Tokenize(before, {0, before.size()});
  if (tokens.empty() || tokens.size() > 4) return false;
  for (const Token& tok : tokens) {
    if (!tok.upper_initial || tok.has_digit) return false;
  }
  return true;
}

ZonedLetter ZoneLetter(std::string_view text, const Gazetteer& g) {
  ZonedLetter z;
  z.lines = SplitLines(text);
  const int n = static_cast<int>(z.lines.size());
  z.kinds.assign(n, ZoneKind::kBody);
  z.footnote.assign(n, 0);
  for (int i = 0; i < n; ++i) {
    const Line& l = z.lines[i];
    if (l.blank) {
      z.kinds[i] = ZoneKind::kBlank;
      continue;
    }
    if (auto def = ParseFootnoteDefinition(text, l.span)) {
      z.kinds[i] = ZoneKind::kFootnote;
      z.footnote[i] = def->number;
    }
  }
  auto usable = [&](int i) {
    return z.kinds[i] != ZoneKind::kBlank && z.kinds[i] != ZoneKind::kFootnote;
  };

  // Copy lists: "cc: A, Minister" on one line, or "Copy:" over a list of lines. A list ends at
  // the first blank line after its first entry, or at a line that starts another part of the
  // letter (salutation, "To:", closing, annex, place/date): a "cc:" in the header must not
  // swallow the salutation and the body after it.
  std::vector<bool> copy(n, false);
  for (int i = 0; i < n; ++i) {
    if (!usable(i) || !Matches(CopyRe(), z.lines[i].text)) continue;
    copy[i] = true;
    if (z.copy_line < 0) z.copy_line = i;
    std::string_view first = z.lines[i].text;
    bool has_entry = !TrimView(first.substr(first.find(':') + 1)).empty();
    int j = i + 1;
    for (; j < n; ++j) {
      if (z.lines[j].blank) {
        if (has_entry) break;
        continue;
      }
      std::string_view t = z.lines[j].text;
      if (z.kinds[j] == ZoneKind::kFootnote || Matches(SalutationRe(), t) || Matches(ToRe(), t) ||
          Matches(CopyRe(), t) || Matches(ClosingRe(), t) || Matches(AnnexRe(), t) ||
          IsPlaceDateLine(t)) {
        break;
      }
      copy[j] = true;
      has_entry = true;
    }
    i = j - 1;
  }
  auto free_line = [&](int i) { return usable(i) && !copy[i]; };
  // The main text ends at the first copy list after the salutation (copy lists in the header
  // stand between the recipients and the salutation).
  for (int i = 0; i < n; ++i) {
    if (free_line(i) && z.lines[i].text.size() < 300 && Matches(SalutationRe(), z.lines[i].text)) {
      z.salutation_line = i;
      break;
    }
  }
  int end_main = n;
  for (int i = std::max(0, z.salutation_line + 1); i < n; ++i) {
    if (copy[i]) {
      end_main = i;
      break;
    }
  }
  for (int i = std::max(0, z.salutation_line + 1); i < end_main; ++i) {
    if (free_line(i) && z.lines[i].text.size() < 120 && Matches(ClosingRe(), z.lines[i].text)) {
      z.closing_line = i;
      break;
    }
  }

  // Header: everything before the salutation, or before the first long paragraph.
  int header_end = z.salutation_line;
  if (header_end < 0) {
    header_end = 0;
    for (int i = 0; i < end_main; ++i) {
      if (usable(i) && z.lines[i].text.size() > 200 && !Matches(BulletRe(), z.lines[i].text)) {
        header_end = i;
        break;
      }
    }
  }
  // A date line at the top that recipient lines follow closes the sender's letterhead
  // ("Human Rights Watch / 350 Fifth Avenue / October 16, 2020 / To: ..."): the lines above it
  // are the sender's, not recipients.
  int top_date = -1;
  for (int i = 0; i < header_end; ++i) {
    if (!free_line(i)) continue;
    if (Matches(ToRe(), z.lines[i].text)) break;
    if (IsPlaceDateLine(z.lines[i].text)) {
      for (int j = i + 1; j < header_end && top_date < 0; ++j) {
        if (free_line(j) && !IsPlaceDateLine(z.lines[j].text)) top_date = i;
      }
      break;
    }
  }
  bool in_to_block = false;
  bool in_signers = false;
  bool seen_letterhead = false;
  int last_header_kind_line = -1;
  for (int i = 0; i < header_end; ++i) {
    if (z.lines[i].blank) in_signers = false;
    if (!usable(i)) continue;
    std::string_view t = z.lines[i].text;
    if (copy[i]) {
      in_to_block = false;
      continue;
    }
    if (IsPlaceDateLine(t)) {
      z.kinds[i] = ZoneKind::kPlaceDate;
      if (z.date_line < 0) z.date_line = i;
      in_to_block = false;
      continue;
    }
    // "Signatories:" / "Signed by:" over a list before the body: the signature block stands
    // first (joint statements), and lasts to the next blank line.
    if (Matches(SignersHeadRe(), t)) {
      z.kinds[i] = ZoneKind::kClosing;
      in_signers = true;
      in_to_block = false;
      continue;
    }
    if (in_signers) {
      z.kinds[i] = ZoneKind::kSignature;
      continue;
    }
    if (Matches(ToRe(), t)) {
      z.kinds[i] = ZoneKind::kRecipientBlock;
      in_to_block = true;
      continue;
    }
    if (in_to_block) {
      z.kinds[i] = ZoneKind::kRecipientBlock;
      continue;
    }
    if (IsLetterheadLine(t, g)) {
      z.kinds[i] = ZoneKind::kLetterhead;
      seen_letterhead = true;
      continue;
    }
    if (Matches(BulletRe(), t)) {
      z.kinds[i] = ZoneKind::kBody;
      continue;
    }
    if (z.title_line < 0 && last_header_kind_line < 0 && !seen_letterhead && LooksLikeTitle(t)) {
      z.title_line = i;
      z.kinds[i] = ZoneKind::kTitle;
      last_header_kind_line = i;
      continue;
    }
    if (z.title_line >= 0 && last_header_kind_line == z.title_line && MostlyNonLatin(t)) {
      z.kinds[i] = ZoneKind::kTitle;  // A translation of the title.
      last_header_kind_line = i;
      continue;
    }
    if ((seen_letterhead || i < top_date) && last_header_kind_line < 0 && t.size() < 100) {
      z.kinds[i] = ZoneKind::kSenderLine;
      last_header_kind_line = i;
      continue;
    }
    if (i < top_date) {
      z.kinds[i] = ZoneKind::kLetterhead;  // The sender's address.
      continue;
    }
    z.kinds[i] = ZoneKind::kRecipientBlock;
    last_header_kind_line = i;
  }
  if (z.salutation_line >= 0) z.kinds[z.salutation_line] = ZoneKind::kSalutation;

  const int body_end = z.closing_line >= 0 ? z.closing_line : end_main;
  // After the closing (or after the main text): signatures, place/date lines (a date standing
  // alone at the very end is the letter's), annexes; copy lists keep their own kind.
  const int tail_start = z.closing_line >= 0 ? z.closing_line + 1 : end_main;
  if (z.closing_line >= 0) z.kinds[z.closing_line] = ZoneKind::kClosing;
  bool in_annex = false;
  for (int i = tail_start; i < n; ++i) {
    if (!free_line(i)) continue;
    if (z.lines[i].text.size() < 100 && Matches(AnnexRe(), z.lines[i].text)) in_annex = true;
    if (in_annex) {
      z.kinds[i] = ZoneKind::kAnnex;
    } else if (IsPlaceDateLine(z.lines[i].text)) {
      z.kinds[i] = ZoneKind::kPlaceDate;
      if (z.date_line < 0) z.date_line = i;
    } else {
      z.kinds[i] = z.closing_line >= 0 ? ZoneKind::kSignature : ZoneKind::kAnnex;
    }
  }
  if (z.closing_line < 0) {
    // No closing formula: a short last block that carries a date is the signature
    // ("Friends of X, May 24, 2022"; "Press Center ... January 4, 2026. Nukus.").
    int last = body_end - 1;
    while (last >= 0 && !free_line(last)) --last;
    if (last > header_end) {
      int first = last;
      while (first - 1 > header_end && !z.lines[first - 1].blank && free_line(first - 1)) --first;
      bool short_block = last - first < 3;
      for (int i = first; i <= last && short_block; ++i) {
        if (z.lines[i].text.size() > 250) short_block = false;
      }
      std::string_view lt = z.lines[last].text;
      if (short_block && !FindDates(lt, {0, lt.size()}).empty()) {
        for (int i = first; i <= last; ++i) z.kinds[i] = ZoneKind::kSignature;
        if (z.date_line < 0) z.date_line = last;
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    if (copy[i]) z.kinds[i] = ZoneKind::kCopyList;
  }
  for (int i = 0; i < n; ++i) {
    if (z.kinds[i] == ZoneKind::kBlank) continue;
    if (!z.zones.empty() && z.zones.back().kind == z.kinds[i]) {
      z.zones.back().span.end = z.lines[i].span.end;
    } else {
      z.zones.push_back({z.kinds[i], z.lines[i].span});
    }
  }
  return z;
}

}  // namespace dossier::importer
