#include "importer/ascii_transliterator.h"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace dossier::importer {
namespace {

// One transliterator for the process, used under a lock: an instance is not thread-safe, and
// calls reach here only for text the per-code-point table cannot fold, remembered per thread by
// the caller, so the lock is rarely contended.
struct SharedTransliterator {
  SharedTransliterator() {
    UErrorCode status = U_ZERO_ERROR;
    transliterator.reset(
        icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
    if (U_FAILURE(status)) transliterator.reset();
  }
  std::mutex mutex;
  std::unique_ptr<icu::Transliterator> transliterator;  // Null if ICU could not build it.
};

SharedTransliterator& Shared() {
  static SharedTransliterator shared;
  return shared;
}

// `Any-Latin` compiles a script's rules (Han-Latin: 1,000 M instructions, about 0.1 s) inside the
// call that first meets the script, and ICU's registry keeps them, so that a later instance of the
// same rules costs about 0.4 ms. Compiled inside the shared lock, Han's rules held up every thread
// that needed the transliterator at all: at the start of an import one thread compiled while the
// other waited (perf: one core of two busy for 0.15 s). So each script's rules are compiled here
// first, once, by a standalone instance outside that lock; a thread needing the same script waits
// for it, and the others go on.
void CompileWithIcu(int script) {
  // Any-Latin asks for "<short script name>-Latin" (Hani-Latin, Cyrl-Latin).
  const char* name = uscript_getShortName(static_cast<UScriptCode>(script));
  if (name == nullptr) return;
  UErrorCode status = U_ZERO_ERROR;
  // Built only to fill ICU's registry, and dropped. A script without rules of its own (the ID is
  // unknown, status says so) is left to Any-Latin, as before.
  std::unique_ptr<icu::Transliterator> rules(icu::Transliterator::createInstance(
      icu::UnicodeString(name, -1, US_INV) + u"-Latin", UTRANS_FORWARD, status));
}

class ScriptRules {
 public:
  // Returns once `script`'s rules are compiled, compiling them on this thread if no other is.
  void EnsureCompiled(int script) {
    std::unique_lock<std::mutex> lock(mu_);
    if (state_.empty()) state_.resize(u_getIntPropertyMaxValue(UCHAR_SCRIPT) + 1, kNotCompiled);
    if (script < 0 || static_cast<size_t>(script) >= state_.size()) return;
    while (state_[script] == kCompiling) compiled_.wait(lock);
    if (state_[script] == kCompiled) return;
    state_[script] = kCompiling;
    internal::ScriptRulesCompiler compile = compiler_;
    lock.unlock();
    compile(script);
    lock.lock();
    // SetCompiler (tests) may have emptied the states meanwhile.
    if (static_cast<size_t>(script) < state_.size()) state_[script] = kCompiled;
    compiled_.notify_all();
  }

  void SetCompiler(internal::ScriptRulesCompiler compiler) {
    std::lock_guard<std::mutex> lock(mu_);
    compiler_ = compiler != nullptr ? compiler : &CompileWithIcu;
    state_.clear();
  }

 private:
  enum State : uint8_t { kNotCompiled, kCompiling, kCompiled };
  std::mutex mu_;
  std::condition_variable compiled_;
  std::vector<State> state_;  // By UScriptCode.
  internal::ScriptRulesCompiler compiler_ = &CompileWithIcu;
};

ScriptRules& Rules() {
  static ScriptRules rules;
  return rules;
}

// Scripts whose text Any-Latin hands to rules of their own: not Latin, and not the Common and
// Inherited code points (spaces, digits, punctuation, marks) that take their neighbours' script.
void CompileRulesOfScriptsIn(const icu::UnicodeString& u) {
  int last = -1;
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    UErrorCode status = U_ZERO_ERROR;
    const int script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == last || script == USCRIPT_COMMON ||
        script == USCRIPT_INHERITED || script == USCRIPT_LATIN || script == USCRIPT_UNKNOWN) {
      continue;
    }
    last = script;
    Rules().EnsureCompiled(script);
  }
}

}  // namespace

std::string TransliterateToAscii(std::string_view s, bool lower) {
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  CompileRulesOfScriptsIn(u);
  {
    SharedTransliterator& shared = Shared();
    std::lock_guard<std::mutex> lock(shared.mutex);
    if (shared.transliterator != nullptr) shared.transliterator->transliterate(u);
  }
  if (lower) u.toLower();
  std::string out;
  u.toUTF8String(out);
  // Whatever the transliterator could not map is dropped: keys must be pure ASCII.
  std::string ascii;
  ascii.reserve(out.size());
  for (char c : out) {
    if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(c);
  }
  return ascii;
}

namespace internal {
void SetScriptRulesCompilerForTest(ScriptRulesCompiler compiler) { Rules().SetCompiler(compiler); }
}  // namespace internal

}  // namespace dossier::importer
