#!/usr/bin/env bash
# Runs the benchmarks:  bench/run.sh BUILD_DIR [quick|default] [dossier_bench flags...]
#
#   quick    200k nodes, 2M edges   (about 3 minutes end to end on 2 cores)
#   default  1M nodes, 10M edges    (the issue's reference size)
#
# 1. Generates the graph under BUILD_DIR/bench-data/SIZE unless it is already
#    there (same seed, so the files are the same).
# 2. dossier_bench with every registered engine (sqlite, dossier in-process,
#    grpc = `dossier serve` over loopback), answers checked against SQLite.
# 3. dossier_bench_concurrency: one server, 1/4/16 ListNeighbors clients
#    (gRPC C++ stubs), then the same server under h2load, a light HTTP/2
#    client (Debian's nghttp2-client; skipped with a note when missing).
# 4. dossier_bench_grpc_floor: gRPC's own cost on this machine (a constant
#    GetNode server, callback and sync APIs, 1/4/16 clients), the peer the
#    server's gRPC figures are read against.
# 5. dossier_bench_import: `dossier import` of generated letter variants,
#    shipped durability (WAL) and --sync.
# Writes BUILD_DIR/bench-results.md (all tables) and .json (the driver's).
# Extra arguments after SIZE go to dossier_bench (e.g. --engine_opt sqlite.q4=cte).
# Only loopback networking: the server listens on 127.0.0.1:0.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [quick|default] [dossier_bench flags...]" >&2
  exit 1
fi
BUILD_DIR=$1
SIZE=${2:-quick}
shift $(( $# >= 2 ? 2 : 1 ))

case "$SIZE" in
  # The quick import is one commit (up to 1,024 letters); the default one is three, so that it
  # also measures what a larger corpus meets: reads of earlier batches, ingestion into a
  # database that already holds files.
  quick) NODES=200000; EDGES=2000000; CONC_SECONDS=5; IMPORT_COUNT=600 ;;
  default) NODES=1000000; EDGES=10000000; CONC_SECONDS=10; IMPORT_COUNT=3000 ;;
  *) echo "size must be quick or default, got: $SIZE" >&2; exit 1 ;;
esac
SEED=1

GEN="$BUILD_DIR/bench/dossier_bench_gen"
BENCH="$BUILD_DIR/bench/dossier_bench"
CONC="$BUILD_DIR/bench/dossier_bench_concurrency"
IMPORT="$BUILD_DIR/bench/dossier_bench_import"
FLOOR="$BUILD_DIR/bench/dossier_bench_grpc_floor"
DOSSIER="$BUILD_DIR/cli/dossier"
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
for exe in "$GEN" "$BENCH" "$CONC" "$FLOOR" "$IMPORT" "$DOSSIER"; do
  if [[ ! -x "$exe" ]]; then
    echo "missing $exe; build first: cmake --build $BUILD_DIR -j2 --target dossier dossier_bench_gen" \
      "dossier_bench dossier_bench_concurrency dossier_bench_grpc_floor dossier_bench_import" >&2
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

# SQLite first (the baseline the others are checked against), then the rest.
ENGINES=$( { echo sqlite; "$BENCH" --list_engines | grep -vx sqlite; } | paste -sd, -)
echo "engines: $ENGINES" >&2
# The engines' databases go next to the data, not to a small /tmp.
WORK="$BUILD_DIR/bench-work"
rm -rf "$WORK"
mkdir -p "$WORK"
status=0
SECONDS=0
"$BENCH" --nodes "$DATA/nodes.csv" --edges "$DATA/edges.csv" --workload "$DATA/workload.json" \
  --engines "$ENGINES" --work_dir "$WORK/engines" --engine_opt "grpc.binary=$DOSSIER" \
  --markdown "$BUILD_DIR/bench-results.md" --out "$BUILD_DIR/bench-results.json" "$@" || status=$?
echo "engines: ${SECONDS} s" >&2

SECONDS=0
"$CONC" --server-binary "$DOSSIER" --nodes "$DATA/nodes.csv" --edges "$DATA/edges.csv" \
  --workload "$DATA/workload.json" --clients 1,4,16 --seconds "$CONC_SECONDS" \
  --work-dir "$WORK/concurrency" --markdown "$WORK/concurrency.md" || status=$?
echo "concurrency: ${SECONDS} s" >&2

SECONDS=0
{
  echo "## gRPC's own floor (a constant GetNode, no graph)"
  echo
  echo "A server process answering GetNode with a constant node (no graph, no interceptors)" \
    "through gRPC's callback API (as \`dossier serve\`) and its sync API; clients as in the" \
    "concurrency run (threads, one connection each, calls back to back), 5 s per row;" \
    "rows marked h2load: the same servers under the concurrency run's light client."
  echo
  "$FLOOR" --clients 1,4,16 --seconds 5
} > "$WORK/floor.md" || status=$?
echo "grpc floor: ${SECONDS} s" >&2

SECONDS=0
"$IMPORT" --dossier-binary "$DOSSIER" --letters-dir "$SRC_DIR/tests/data/letters" \
  --count "$IMPORT_COUNT" --modes wal,sync --work-dir "$WORK/import" \
  --markdown "$WORK/import.md" || status=$?
echo "import: ${SECONDS} s" >&2

for part in concurrency floor import; do
  if [[ -f "$WORK/$part.md" ]]; then
    printf '\n' >> "$BUILD_DIR/bench-results.md"
    cat "$WORK/$part.md" >> "$BUILD_DIR/bench-results.md"
  fi
done
rm -rf "$WORK"
echo "results: $BUILD_DIR/bench-results.md" >&2
exit $status
