#!/usr/bin/env bash
# Usage: run_fuzzers.sh SOURCE_DIR BUILD_DIR [FUZZER[:SECONDS]...]
# Builds the libFuzzer targets of fuzz/CMakeLists.txt with clang (-fsanitize=fuzzer,address,
# undefined) in BUILD_DIR and runs each named one (all when none is named) on its seeds, for
# SECONDS or else FUZZ_SECONDS (30 unless set); the units it finds are kept in
# BUILD_DIR/corpus-NAME for the next run, and an input that fails as BUILD_DIR/crash-*.
# Exit 77 (ctest SKIP) when clang is not installed.
set -euo pipefail
src="$1"
build="$2"
shift 2
runs=("$@")
if [[ ${#runs[@]} -eq 0 ]]; then runs=(letter_parser_fuzzer csv_reader_fuzzer); fi
fuzzers=("${runs[@]%%:*}")
if [[ ! -x /usr/bin/clang++ ]]; then
  echo "clang++ not found: skipping the fuzz smoke test"
  exit 77
fi
# A build directory configured from another source tree (the fuzz project moved) starts afresh.
if [[ -f "$build/CMakeCache.txt" ]] &&
  ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$src/fuzz" "$build/CMakeCache.txt"; then
  rm -rf "$build"
fi
mkdir -p "$build"
cmake -S "$src/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=/usr/bin/clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOSSIER_SOURCE_DIR="$src" >/dev/null
cmake --build "$build" -j2 --target "${fuzzers[@]}"
for run in "${runs[@]}"; do
  fuzzer="${run%%:*}"
  seconds="${FUZZ_SECONDS:-30}"
  if [[ "$run" == *:* ]]; then seconds="${run#*:}"; fi
  corpus="$build/corpus-$fuzzer"
  mkdir -p "$corpus"
  case "$fuzzer" in
    letter_parser_fuzzer) cp "$src"/tests/data/letters/*.txt "$corpus/"; max_len=16384 ;;
    csv_reader_fuzzer) cp "$src"/loader/fuzz/seeds/* "$corpus/"; max_len=4096 ;;
    *) echo "unknown fuzzer: $fuzzer" >&2; exit 2 ;;
  esac
  echo "== $fuzzer for $seconds s"
  "$build/$fuzzer" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$build/" "$corpus"
done
