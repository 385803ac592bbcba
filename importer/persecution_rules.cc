#include "importer/persecution_rules.h"

#include <algorithm>

#include "importer/text_util.h"

namespace dossier::importer {
namespace {

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

// Finds `needle` (lowercase) in lowercase `hay` on word boundaries.
std::vector<size_t> FindWord(std::string_view hay, std::string_view needle) {
  std::vector<size_t> out;
  size_t p = hay.find(needle);
  while (p != std::string_view::npos) {
    bool left = p == 0 || !IsWordByte(hay[p - 1]);
    size_t e = p + needle.size();
    bool right = e >= hay.size() || !IsWordByte(hay[e]);
    if (left && right) out.push_back(p);
    p = hay.find(needle, p + 1);
  }
  return out;
}

// Clause segments of a sentence: split at ';' and before "in addition to" / "as well as",
// which add names under a different act.
// `lower_text` is AsciiLower(text): the same bytes at the same offsets, lowered once a letter.
std::vector<Span> Segments(std::string_view lower_text, Span s) {
  const std::string_view lower = SpanText(lower_text, s);
  std::vector<size_t> cuts;
  for (size_t i = 0; i < lower.size(); ++i) {
    if (lower[i] == ';') cuts.push_back(i + 1);
  }
  for (const char* m : {"in addition to", "as well as"}) {
    for (size_t p : FindWord(lower, m)) cuts.push_back(p);
  }
  std::sort(cuts.begin(), cuts.end());
  std::vector<Span> out;
  size_t start = 0;
  for (size_t c : cuts) {
    out.push_back({s.start + start, s.start + c});
    start = c;
  }
  out.push_back({s.start + start, s.end});
  return out;
}

bool HasListCue(std::string_view lower_text, Span s, const Gazetteer& g) {
  const std::string_view lower = SpanText(lower_text, s);
  for (const auto& [phrase, meaning] : g.cue_phrases()) {
    if (meaning == "list" && !FindWord(lower, phrase).empty()) return true;
  }
  return false;
}

bool StartsWithPronoun(std::string_view lower_text, Span s) {
  const std::string_view lower = SpanText(lower_text, s).substr(0, 40);
  for (const char* p : {"he ", "she ", "they ", "his ", "her "}) {
    if (lower.starts_with(p)) return true;
  }
  return lower.find(" he was ") != std::string_view::npos ||
         lower.find(" she was ") != std::string_view::npos;
}

// "by the police of Guangzhou city, China on ..." -> "police of Guangzhou city".
std::optional<AgentPhrase> AgentAfterBy(std::string_view text, std::string_view lower_text,
                                        Span seg, size_t from, const Gazetteer& g) {
  const std::string_view lower = SpanText(lower_text, seg);
  size_t rel = from > seg.start ? from - seg.start : 0;
  size_t by = lower.find(" by ", rel);
  if (by == std::string::npos) return std::nullopt;
  size_t start = by + 4;
  if (lower.compare(start, 4, "the ") == 0) start += 4;
  size_t end = lower.size();
  for (const char* stop :
       {",", ";", ".", " on ", " in ", " at ", " for ", " from ", " since ", " during ", " under ",
        " with ", " and ", " who ", " which ", "—", " - ", " to "}) {
    size_t p = lower.find(stop, start);
    if (p != std::string::npos && p < end) end = p;
  }
  const std::string_view phrase = lower.substr(start, end - start);
  for (const std::string& noun : g.agent_nouns()) {
    if (!FindWord(phrase, noun).empty()) {
      AgentPhrase a;
      a.span = TrimSpan(text, {seg.start + start, seg.start + end});
      a.text = std::string(SpanText(text, a.span));
      a.bare = SpanText(lower_text, a.span) == noun;
      a.authority =
          noun == "authorities" || noun == "authority" || noun == "government" || noun == "regime";
      return a;
    }
  }
  return std::nullopt;
}

// The agent noun phrase before `cue_start` in the segment: "the police stormed ... and detained".
std::optional<AgentPhrase> AgentBefore(std::string_view text, std::string_view lower_text, Span seg,
                                       size_t cue_start, const Gazetteer& g) {
  const std::string_view lower = SpanText(lower_text, {seg.start, cue_start});
  size_t best = std::string::npos;
  std::string best_noun;
  for (const std::string& noun : g.agent_nouns()) {
    std::vector<size_t> all = FindWord(lower, noun);
    std::vector<size_t> hits;
    for (size_t h : all) {
      size_t after = seg.start + h + noun.size();
      bool named_body = after + 1 < text.size() && text[after] == ' ' && text[after + 1] >= 'A' &&
                        text[after + 1] <= 'Z';
      if (!named_body) hits.push_back(h);
    }
    if (!hits.empty() && (best == std::string::npos || hits.back() > best)) {
      best = hits.back();
      best_noun = noun;
    }
  }
  if (best == std::string::npos) return std::nullopt;
  // "by X" before the cue names the agent of an earlier clause; leave that to AgentAfterBy.
  if (best >= 3 && lower.compare(best - 3, 3, "by ") == 0) return std::nullopt;
  // Extend left over up to three modifiers: "Kazakhstani law enforcement agencies".
  size_t start = best;
  int words = 0;
  while (start > 0 && words < 3) {
    size_t sp = lower.rfind(' ', start >= 2 ? start - 2 : 0);
    size_t wstart = sp == std::string::npos ? 0 : sp + 1;
    const std::string_view word = lower.substr(wstart, start - 1 - wstart);
    if (start < 2 || word.empty() || word == "the" || word == "and" || word == "of" ||
        word == "that" || word == "now," || word.find(',') != std::string::npos || word == "a" ||
        word == "by" || word == "when" || word == "local" || word == "that") {
      if (word == "local") start = wstart;
      break;
    }
    // Only capitalised modifiers (places, demonyms) and the words of compound nouns.
    char first = text[seg.start + wstart];
    bool cap = first >= 'A' && first <= 'Z';
    if (!cap && word != "law" && word != "enforcement" && word != "security") break;
    start = wstart;
    ++words;
  }
  AgentPhrase a;
  a.span = {seg.start + start, seg.start + best + best_noun.size()};
  a.text = std::string(SpanText(text, a.span));
  a.bare = SpanText(lower_text, a.span) == best_noun;
  a.authority = best_noun == "authorities" || best_noun == "authority" ||
                best_noun == "government" || best_noun == "regime";
  return a;
}

// FindActCues over `lower`, the lowered bytes of the letter's span `span`; `origin` is the
// letter offset of lower[0] (0 for the whole letter lowered, span.start for the span alone).
std::vector<ActCueHit> FindActCuesInLowered(std::string_view lower_text, Span span, size_t origin,
                                            const Gazetteer& g) {
  const std::string_view lower = SpanText(lower_text, {span.start - origin, span.end - origin});
  // Every whole-word occurrence of every cue, found in one pass over the word starts; then taken
  // cue by cue (an earlier cue wins an overlap) and by position.
  std::vector<std::pair<uint32_t, size_t>> found;  // (index into acts(), position)
  for (size_t p = 0; p < lower.size(); ++p) {
    if (p > 0 && IsWordByte(lower[p - 1])) continue;
    for (uint32_t c : g.ActCuesStartingWith(static_cast<unsigned char>(lower[p]))) {
      if (!g.ActCuePrefix(c).MayStartAt(lower, p)) continue;
      const std::string& cue = g.acts()[c].cue;
      if (lower.compare(p, cue.size(), cue) != 0) continue;
      const size_t end = p + cue.size();
      if (end < lower.size() && IsWordByte(lower[end])) continue;
      found.push_back({c, p});
    }
  }
  for (uint32_t c : g.EmptyActCues()) {
    for (size_t p : FindWord(lower, g.acts()[c].cue)) found.push_back({c, p});
  }
  std::sort(found.begin(), found.end());
  std::vector<ActCueHit> hits;
  for (const auto& [c, p] : found) {
    const ActCue& cue = g.acts()[c];
    bool covered = false;
    for (const ActCueHit& h : hits) {
      covered |= span.start + p >= h.start && span.start + p < h.end;
    }
    if (!covered) hits.push_back({span.start + p, span.start + p + cue.cue.size(), &cue});
  }
  std::sort(hits.begin(), hits.end(),
            [](const ActCueHit& a, const ActCueHit& b) { return a.start < b.start; });
  return hits;
}

}  // namespace

std::vector<ActCueHit> FindActCues(std::string_view text, Span span, const Gazetteer& g) {
  const std::string lower = AsciiLower(SpanText(text, span));
  return FindActCuesInLowered(lower, Span{span.start, span.start + lower.size()}, span.start, g);
}

std::vector<PersecutionFinding> FindPersecutions(std::string_view text,
                                                 const std::vector<SentenceInfo>& sentences,
                                                 const std::set<std::string>& excluded,
                                                 const std::set<std::string>& officials,
                                                 const Gazetteer& g) {
  std::vector<PersecutionFinding> out;
  // The rules compare lowered words at the letter's own offsets: the letter is lowered once.
  const std::string lower_text = AsciiLower(text);
  std::string last_victim;
  Span last_victim_span;
  // A sentence's cues are asked for again as the next sentence's previous one and as a list's
  // lead: found once each.
  std::vector<std::optional<std::vector<ActCueHit>>> cues_found(sentences.size());
  auto cues_of = [&](size_t i) -> const std::vector<ActCueHit>& {
    if (!cues_found[i]) cues_found[i] = FindActCuesInLowered(lower_text, sentences[i].span, 0, g);
    return *cues_found[i];
  };
  for (size_t si = 0; si < sentences.size(); ++si) {
    const SentenceInfo& s = sentences[si];
    const SentenceInfo* prev =
        si > 0 && sentences[si - 1].paragraph == s.paragraph ? &sentences[si - 1] : nullptr;
    if (prev == nullptr) last_victim.clear();
    const std::vector<ActCueHit>& cues = cues_of(si);
    std::vector<ActCueHit> prev_cues = prev ? cues_of(si - 1) : std::vector<ActCueHit>{};
    std::vector<Span> segs = Segments(lower_text, s.span);
    bool list_cue = HasListCue(lower_text, s.span, g);

    // Persons after "by" in a clause with an act are persecutors.
    std::vector<std::string> agent_persons;
    std::set<size_t> agent_mentions;
    for (size_t mi = 0; mi < s.mentions.size(); ++mi) {
      const SentenceMention& m = s.mentions[mi];
      const std::string_view before = SpanText(lower_text, {s.span.start, m.span.start});
      size_t by = before.rfind(" by ");
      if (by == std::string::npos) continue;
      bool cue_before_by = false;
      for (const ActCueHit& c : cues) cue_before_by |= c.start < s.span.start + by;
      const std::string_view between = before.substr(by);
      bool same_clause = between.find(',') == std::string::npos;
      // An appositive naming the agent: "a complaint by the factory's owner, Mr. Kamal Uddin".
      size_t comma = between.find(',');
      if (comma != std::string::npos && between.find(',', comma + 1) == std::string::npos &&
          between.size() < 80 && between.size() - comma <= 6) {
        same_clause = true;
      }
      for (const char* intro :
           {"specifically", "namely", "including", "in particular", "such as"}) {
        same_clause |= between.find(intro) != std::string::npos;
      }
      if (cue_before_by && same_clause && between.find(';') == std::string::npos) {
        agent_persons.push_back(m.person_id);
        agent_mentions.insert(mi);
      }
    }

    bool found_victim = false;
    for (size_t mi = 0; mi < s.mentions.size(); ++mi) {
      const SentenceMention& m = s.mentions[mi];
      if (excluded.count(m.person_id) || agent_mentions.count(mi)) continue;
      Span seg = s.span;
      size_t seg_index = 0;
      for (size_t k = 0; k < segs.size(); ++k) {
        if (m.span.start >= segs[k].start && m.span.start < segs[k].end) {
          seg = segs[k];
          seg_index = k;
        }
      }
      const ActCueHit* chosen = nullptr;
      std::string rule;
      for (const ActCueHit& c : cues) {
        if (c.start >= m.span.end && c.start < seg.end) {
          chosen = &c;
          rule = "persecution-cue-after-name";
          break;
        }
      }
      if (officials.count(m.person_id)) {
        // An official is a victim only in a passive clause: "X, ..., was abducted".
        if (chosen == nullptr) continue;
        const std::string_view between = SpanText(lower_text, {m.span.end, chosen->start});
        bool passive = between.size() < 250 && (between.find(" was ") != std::string::npos ||
                                                between.find(" were ") != std::string::npos ||
                                                between.find(" been ") != std::string::npos);
        if (!passive) continue;
        rule = "persecution-passive-official";
      }
      if (chosen == nullptr) {
        for (const ActCueHit& c : cues) {
          if (c.end <= m.span.start && c.start >= seg.start) {
            chosen = &c;
            rule = "persecution-cue-before-name";
          }
        }
      }
      if (chosen == nullptr && seg_index > 0) {
        for (const ActCueHit& c : cues) {
          if (c.end <= seg.start) {
            chosen = &c;
            rule = "persecution-cue-earlier-clause";
          }
        }
      }
      Span evidence = s.span;
      bool carried = false;
      if (chosen == nullptr && list_cue && !prev_cues.empty()) {
        chosen = &prev_cues.front();
        rule = "persecution-list-after-cue-sentence";
        evidence = {prev->span.start, s.span.end};
        carried = true;
      }
      // A list item without an act of its own takes the act of the sentence introducing the
      // list: "police arrested three union organisers, namely: / - A / - B".
      if (chosen == nullptr && s.list_lead >= 0) {
        const SentenceInfo& lead = sentences[s.list_lead];
        const std::vector<ActCueHit>& lead_cues = cues_of(static_cast<size_t>(s.list_lead));
        if (!lead_cues.empty()) {
          prev_cues = lead_cues;
          prev = &lead;
          chosen = &prev_cues.front();
          rule = "persecution-list-item";
          evidence = {lead.span.start, s.span.end};
          carried = true;
        }
      }
      if (chosen == nullptr) continue;
      PersecutionFinding f;
      f.victim_id = m.person_id;
      f.act = chosen->cue->act;
      f.status = chosen->cue->status;
      f.cue = std::string(SpanText(text, {chosen->start, chosen->end}));
      f.evidence = evidence;
      f.rule = rule;
      Span agent_seg = carried ? prev->span : seg;
      f.agent = AgentAfterBy(text, lower_text, agent_seg, chosen->start, g);
      if (!f.agent) f.agent = AgentBefore(text, lower_text, agent_seg, chosen->start, g);
      if (!f.agent && !carried) f.agent = AgentAfterBy(text, lower_text, s.span, chosen->start, g);
      f.agent_person_ids = agent_persons;
      out.push_back(std::move(f));
      found_victim = true;
      last_victim = m.person_id;
      last_victim_span = m.span;
    }
    // "He was imprisoned ... where he was subjected to torture by officers": the victim is the
    // person the paragraph is about.
    if (!found_victim && !cues.empty() && !last_victim.empty() &&
        StartsWithPronoun(lower_text, s.span)) {
      PersecutionFinding f;
      f.victim_id = last_victim;
      f.act = cues.front().cue->act;
      f.status = cues.front().cue->status;
      f.cue = std::string(SpanText(text, {cues.front().start, cues.front().end}));
      f.evidence = {last_victim_span.start, s.span.end};
      f.rule = "persecution-pronoun-victim";
      f.agent = AgentAfterBy(text, lower_text, s.span, cues.front().start, g);
      if (!f.agent) f.agent = AgentBefore(text, lower_text, s.span, cues.front().start, g);
      f.agent_person_ids = agent_persons;
      out.push_back(std::move(f));
    }
  }
  return out;
}

}  // namespace dossier::importer
