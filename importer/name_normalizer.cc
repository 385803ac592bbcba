#include "importer/name_normalizer.h"

#include <algorithm>
#include <memory>
#include <mutex>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_join.h"
#include "importer/text_util.h"

namespace dossier::importer {
namespace {

const Gazetteer* DefaultGazetteer() {
  static std::once_flag once;
  static std::unique_ptr<Gazetteer> g;
  std::call_once(once, [] {
    auto loaded = Gazetteer::Load(Gazetteer::DefaultDataDir());
    if (loaded.ok()) g = std::make_unique<Gazetteer>(std::move(*loaded));
  });
  return g.get();
}

// Used when no gazetteer can be loaded: keys must still drop the usual honorifics.
const std::vector<std::string>& BuiltinHonorifics() {
  static const std::vector<std::string> kList = {"His Excellency",
                                                 "Her Excellency",
                                                 "Professor",
                                                 "H.E.",
                                                 "Prof.",
                                                 "Prof",
                                                 "Mrs.",
                                                 "Mrs",
                                                 "Mr.",
                                                 "Mr",
                                                 "Ms.",
                                                 "Ms",
                                                 "Dr.",
                                                 "Dr",
                                                 "Sir",
                                                 "Dame",
                                                 "MEP",
                                                 "MP"};
  return kList;
}

bool IsBoundary(std::string_view s, size_t pos) {
  if (pos >= s.size()) return true;
  char c = s[pos];
  return c == ' ' || c == ',' || c == '\t' || c == '\n' || (pos > 0 && s[pos - 1] == '.') ||
         (c >= 'A' && c <= 'Z');
}

// Lowercase ASCII alphanumeric runs.
std::vector<std::string> AsciiWords(std::string_view folded) {
  std::vector<std::string> words;
  std::string cur;
  for (char c : folded) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      cur.push_back(c);
    } else if (!cur.empty()) {
      words.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) words.push_back(std::move(cur));
  return words;
}

std::string StripWith(std::string_view name, const std::vector<std::string>& honorifics,
                      std::vector<std::string>* removed) {
  std::string_view s = TrimView(name);
  bool changed = true;
  while (changed && !s.empty()) {
    changed = false;
    for (const std::string& h : honorifics) {
      // Most honorifics share neither the name's first nor its last byte: the byte tests spare
      // two string comparisons each, for every honorific and every name.
      if (h.empty() || (h.front() != s.front() && h.back() != s.back())) continue;
      if (s.size() > h.size() && s.substr(0, h.size()) == h && IsBoundary(s, h.size())) {
        if (removed) removed->push_back(h);
        s = TrimView(s.substr(h.size()));
        changed = true;
        break;
      }
      // Trailing post-nominals: "Jane Doe, MEP", "Jane Doe MEP".
      if (s.size() > h.size() + 1 && s.substr(s.size() - h.size()) == h) {
        char before = s[s.size() - h.size() - 1];
        if (before == ' ' || before == ',') {
          bool all_caps = std::all_of(h.begin(), h.end(),
                                      [](char c) { return (c >= 'A' && c <= 'Z') || c == '.'; });
          if (all_caps) {
            if (removed) removed->push_back(h);
            s = TrimView(s.substr(0, s.size() - h.size()));
            while (!s.empty() && s.back() == ',') s = TrimView(s.substr(0, s.size() - 1));
            changed = true;
            break;
          }
        }
      }
    }
  }
  return std::string(s);
}

}  // namespace

std::string StripHonorifics(std::string_view name, const Gazetteer& gazetteer,
                            std::vector<std::string>* honorifics) {
  return StripWith(name, gazetteer.honorifics(), honorifics);
}

std::vector<std::string> PersonKeyTokens(std::string_view name, const Gazetteer& gazetteer) {
  // The same persons recur across letters and within one (signatories, officials, the persecuted):
  // each thread remembers the tokens of the names it has keyed with one gazetteer, and forgets
  // them all past a bound.
  struct Memo {
    uint64_t gazetteer = 0;
    absl::flat_hash_map<std::string, std::vector<std::string>> tokens;
  };
  static constexpr size_t kMaxRemembered = 1 << 16;
  thread_local Memo memo;
  if (memo.gazetteer != gazetteer.id() || memo.tokens.size() >= kMaxRemembered) {
    memo.tokens.clear();
    memo.gazetteer = gazetteer.id();
  }
  if (auto it = memo.tokens.find(absl::string_view(name.data(), name.size()));
      it != memo.tokens.end()) {
    return it->second;
  }
  std::string stripped = StripHonorifics(name, gazetteer);
  std::vector<std::string> out;
  for (std::string& w : AsciiWords(FoldToAsciiLower(stripped))) {
    out.push_back(gazetteer.CanonicalNameToken(w));
  }
  memo.tokens.emplace(std::string(name), out);
  return out;
}

std::string NormalizePersonKey(std::string_view name, const Gazetteer& gazetteer) {
  std::vector<std::string> tokens = PersonKeyTokens(name, gazetteer);
  std::sort(tokens.begin(), tokens.end());
  return absl::StrJoin(tokens, " ");
}

std::string NormalizePersonKey(std::string_view name) {
  if (const Gazetteer* g = DefaultGazetteer()) return NormalizePersonKey(name, *g);
  std::vector<std::string> tokens =
      AsciiWords(FoldToAsciiLower(StripWith(name, BuiltinHonorifics(), nullptr)));
  std::sort(tokens.begin(), tokens.end());
  return absl::StrJoin(tokens, " ");
}

std::string NormalizeOrgKey(std::string_view name) {
  std::string folded = FoldToAsciiLower(name);
  std::string cleaned;
  for (char c : folded) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '&' || c == '/';
    cleaned.push_back(keep ? c : ' ');
  }
  std::string out = CollapseSpaces(cleaned);
  if (out.rfind("the ", 0) == 0) out = out.substr(4);
  return out;
}

}  // namespace dossier::importer
