#include "importer/url_extractor.h"

#include <algorithm>

#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "importer/text_util.h"
#include "re2/re2.h"

namespace dossier::importer {

std::vector<FoundUrl> FindUrls(std::string_view text, Span span) {
  static const RE2 kUrl("((?:https?://|www\\.)[^\\s<>\"“”‘’\\]\\[]+)");
  std::vector<FoundUrl> out;
  std::string_view region = SpanText(text, span);
  // Every match holds one of these: most spans (a sentence, a name's line) have neither, and two
  // substring searches cost a tenth of the regex's scan.
  if (region.find("://") == std::string_view::npos &&
      region.find("www.") == std::string_view::npos) {
    return out;
  }
  re2::StringPiece input(region.data(), region.size());
  re2::StringPiece m;
  while (RE2::FindAndConsume(&input, kUrl, &m)) {
    size_t start = m.data() - region.data();
    std::string_view url(m.data(), m.size());
    // Trailing sentence punctuation and unbalanced closing parentheses belong to the prose.
    while (!url.empty()) {
      char c = url.back();
      if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
          c == '*' || c == '>') {
        url.remove_suffix(1);
        continue;
      }
      if (c == ')') {
        size_t open = std::count(url.begin(), url.end(), '(');
        size_t close = std::count(url.begin(), url.end(), ')');
        if (close > open) {
          url.remove_suffix(1);
          continue;
        }
      }
      break;
    }
    if (url.size() < 8) continue;
    out.push_back({std::string(url), {span.start + start, span.start + start + url.size()}});
  }
  return out;
}

std::string NormalizeUrlKey(std::string_view url) {
  std::string u(url);
  size_t scheme = u.find("://");
  if (scheme != std::string::npos) u = u.substr(scheme + 3);
  if (size_t hash = u.find('#'); hash != std::string::npos) u.resize(hash);
  size_t slash = u.find_first_of("/?");
  std::string host = AsciiLower(u.substr(0, slash));
  std::string rest = slash == std::string::npos ? "" : u.substr(slash);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  for (const char* port : {":80", ":443"}) {
    if (host.ends_with(port)) host.resize(host.size() - std::string_view(port).size());
  }
  std::string path = rest, query;
  if (size_t q = rest.find('?'); q != std::string::npos) {
    path = rest.substr(0, q);
    query = rest.substr(q + 1);
  }
  while (!path.empty() && path.back() == '/') path.pop_back();
  std::vector<std::string> kept;
  for (absl::string_view p : absl::StrSplit(query, '&', absl::SkipEmpty())) {
    if (p.substr(0, 4) == "utm_") continue;
    kept.emplace_back(p);
  }
  std::string key = host + path;
  if (!kept.empty()) key += "?" + absl::StrJoin(kept, "&");
  return key;
}

}  // namespace dossier::importer
