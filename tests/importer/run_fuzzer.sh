#!/usr/bin/env bash
# Builds importer/fuzz/letter_parser_fuzzer with clang (-fsanitize=fuzzer,address,undefined) in a
# separate build dir and runs it for FUZZ_SECONDS (30 unless set) on seeds from the letters corpus.
# Exit 77 (ctest SKIP) when clang is not installed.
set -euo pipefail
src="$1"
build="$2"
if [[ ! -x /usr/bin/clang++ ]]; then
  echo "clang++ not found: skipping the fuzz smoke test"
  exit 77
fi
mkdir -p "$build"
cmake -S "$src/importer/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=/usr/bin/clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOSSIER_SOURCE_DIR="$src" >/dev/null
cmake --build "$build" -j2
seeds="$build/seeds"
mkdir -p "$seeds"
cp "$src"/tests/data/letters/*.txt "$seeds/"
"$build/letter_parser_fuzzer" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=16384 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 "$seeds"
