#include "importer/ascii_transliterator.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"

namespace dossier::importer {
namespace {

std::string StandaloneIcu(const std::string& s, bool lower) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::Transliterator> t(
      icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status) || t == nullptr) {
    ADD_FAILURE() << "ICU could not build Any-Latin; Latin-ASCII";
    return "";
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  t->transliterate(u);
  if (lower) u.toLower();
  std::string out, ascii;
  u.toUTF8String(out);
  for (char c : out) {
    if (static_cast<unsigned char>(c) < 0x80) ascii.push_back(c);
  }
  return ascii;
}

class AsciiTransliteratorTest : public ::testing::Test {
 protected:
  void TearDown() override { internal::SetScriptRulesCompilerForTest(nullptr); }
};

TEST_F(AsciiTransliteratorTest, AgreesWithAStandaloneInstanceInEveryScript) {
  // Each script's rules are compiled ahead of the shared instance here, which must not change
  // what it produces.
  const std::vector<std::string> texts = {
      "黄雪琴",
      "重庆 and Chongqing",
      "Токаев",
      "Καζακστάν",
      "قازاقستان",
      "김정은",
      "Kőszegi Ærø",
      "香港職工會聯盟",
      "Жанаозен 2011",
      "Mixed 黄 Т α",
      "ひらがな",
      "カタカナ",
      "",
      "ASCII only",
  };
  for (const std::string& text : texts) {
    for (bool lower : {false, true}) {
      EXPECT_EQ(TransliterateToAscii(text, lower), StandaloneIcu(text, lower))
          << text << (lower ? " (lower)" : "");
    }
  }
  EXPECT_EQ(TransliterateToAscii("黄雪琴", true), "huang xue qin");
}

std::promise<void>* han_compile_started = nullptr;
std::shared_future<void>* other_script_done = nullptr;
std::atomic<bool> other_script_finished_first{false};

void HanWaitsForTheOtherScript(int script) {
  if (script != USCRIPT_HAN) return;
  han_compile_started->set_value();
  other_script_finished_first =
      other_script_done->wait_for(std::chrono::seconds(30)) == std::future_status::ready;
}

TEST_F(AsciiTransliteratorTest, CompilingOneScriptHoldsUpNoOtherScript) {
  std::promise<void> started, done;
  std::shared_future<void> done_future = done.get_future().share();
  han_compile_started = &started;
  other_script_done = &done_future;
  internal::SetScriptRulesCompilerForTest(&HanWaitsForTheOtherScript);

  std::string han;
  std::thread han_thread([&han] { han = TransliterateToAscii("黄雪琴", true); });
  started.get_future().wait();
  // Han's rules are being compiled on the other thread: Cyrillic must not wait for them.
  EXPECT_EQ(TransliterateToAscii("Токаев", true), "tokaev");
  done.set_value();
  han_thread.join();
  EXPECT_TRUE(other_script_finished_first)
      << "a Cyrillic string waited for Han's rules to be compiled";
  EXPECT_EQ(han, "huang xue qin");
}

std::atomic<int> han_compiles{0};

void SlowHanCompile(int script) {
  if (script != USCRIPT_HAN) return;
  ++han_compiles;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
}

TEST_F(AsciiTransliteratorTest, ThreadsMeetingAScriptAtOnceCompileItOnce) {
  han_compiles = 0;
  internal::SetScriptRulesCompilerForTest(&SlowHanCompile);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&results, i] { results[i] = TransliterateToAscii("重庆", true); });
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(han_compiles, 1);
  for (const std::string& r : results) EXPECT_EQ(r, "chong qing");

  // Later strings of the script find its rules compiled.
  EXPECT_EQ(TransliterateToAscii("黄雪琴", true), "huang xue qin");
  EXPECT_EQ(han_compiles, 1);
}

}  // namespace
}  // namespace dossier::importer
