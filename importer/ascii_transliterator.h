// ICU's "Any-Latin; Latin-ASCII" on whole strings, one instance shared by the process's threads.
// The text folds of text_util.h come here for what their per-code-point table cannot fold.
#ifndef DOSSIER_IMPORTER_ASCII_TRANSLITERATOR_H_
#define DOSSIER_IMPORTER_ASCII_TRANSLITERATOR_H_

#include <string>
#include <string_view>

namespace dossier::importer {

// "Any-Latin; Latin-ASCII" on the whole of `s`, lower-cased when `lower`; whatever ICU leaves
// outside ASCII is dropped. Thread-safe. ICU compiles a script's rules the first time it meets
// the script (Han's: about 0.1 s of one core); that happens here once a process, on the thread
// that first needs them, while threads with text of other scripts go on.
std::string TransliterateToAscii(std::string_view s, bool lower);

namespace internal {

// Compiles the rules of one script (a UScriptCode) the first time a string of it is
// transliterated, outside every lock. Tests substitute one while nothing transliterates; nullptr
// restores ICU's, and every script counts as not compiled again.
using ScriptRulesCompiler = void (*)(int script);
void SetScriptRulesCompilerForTest(ScriptRulesCompiler compiler);

}  // namespace internal
}  // namespace dossier::importer

#endif  // DOSSIER_IMPORTER_ASCII_TRANSLITERATOR_H_
