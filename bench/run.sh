#!/usr/bin/env bash
# Runs the cross-engine benchmark:  bench/run.sh BUILD_DIR [quick|default]
#
#   quick    200k nodes, 2M edges   (a few minutes end to end on 2 cores)
#   default  1M nodes, 10M edges    (the issue's reference size)
#
# Generates the graph under BUILD_DIR/bench-data/SIZE unless it is already
# there (same seed, so the files are the same), runs dossier_bench with
# every registered engine, and writes BUILD_DIR/bench-results.md and .json.
# Extra arguments after SIZE go to dossier_bench (e.g. --engine_opt sqlite.q4=cte).
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [quick|default] [dossier_bench flags...]" >&2
  exit 1
fi
BUILD_DIR=$1
SIZE=${2:-quick}
shift $(( $# >= 2 ? 2 : 1 ))

case "$SIZE" in
  quick) NODES=200000; EDGES=2000000 ;;
  default) NODES=1000000; EDGES=10000000 ;;
  *) echo "size must be quick or default, got: $SIZE" >&2; exit 1 ;;
esac
SEED=1

GEN="$BUILD_DIR/bench/dossier_bench_gen"
BENCH="$BUILD_DIR/bench/dossier_bench"
for exe in "$GEN" "$BENCH"; do
  if [[ ! -x "$exe" ]]; then
    echo "missing $exe; build first: cmake --build $BUILD_DIR --target dossier_bench_gen dossier_bench" >&2
    exit 1
  fi
done

DATA="$BUILD_DIR/bench-data/$SIZE"
# .complete is written last, so an interrupted generation is redone.
STAMP="$DATA/.complete"
WANT="nodes=$NODES edges=$EDGES seed=$SEED"
if [[ ! -f "$STAMP" || "$(cat "$STAMP")" != "$WANT" ]]; then
  echo "generating $SIZE graph ($WANT) in $DATA" >&2
  rm -rf "$DATA"
  mkdir -p "$DATA"
  "$GEN" --nodes "$NODES" --edges "$EDGES" --seed "$SEED" --out "$DATA"
  echo "$WANT" > "$STAMP"
fi

ENGINES=$("$BENCH" --list_engines | paste -sd, -)
echo "engines: $ENGINES" >&2
# The engines' databases go next to the data, not to a small /tmp.
WORK="$BUILD_DIR/bench-work"
rm -rf "$WORK"
status=0
"$BENCH" --nodes "$DATA/nodes.csv" --edges "$DATA/edges.csv" --workload "$DATA/workload.json" \
  --engines "$ENGINES" --work_dir "$WORK" \
  --markdown "$BUILD_DIR/bench-results.md" --out "$BUILD_DIR/bench-results.json" "$@" || status=$?
rm -rf "$WORK"
echo "results: $BUILD_DIR/bench-results.md" >&2
exit $status
