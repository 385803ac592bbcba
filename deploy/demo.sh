#!/usr/bin/env bash
# `make demo`: import the bundled letters into ./data, show what the graph
# holds, serve it on 127.0.0.1 and run example queries against the server.
set -euo pipefail
DOSSIER=${1:-build/cli/dossier}
DB=${2:-./data}
LISTEN=${3:-127.0.0.1:50051}
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

run "$DOSSIER" import --db "$DB" tests/data/letters
run "$DOSSIER" stats --db "$DB"
run "$DOSSIER" check --db "$DB"
say "$DOSSIER export --db $DB --format json -o $DB/export.json"
"$DOSSIER" export --db "$DB" --format json -o "$DB/export.json"
echo "wrote $DB/export.json ($(wc -c < "$DB/export.json") bytes); its first lines:"
head -n 4 "$DB/export.json" | cut -c 1-200

# Serve the database on loopback and ask it questions through the client CLI.
OUT=$(mktemp)
"$DOSSIER" serve --db "$DB" --listen "$LISTEN" --quiet > "$OUT" &
SERVER_PID=$!
trap 'kill -TERM $SERVER_PID 2>/dev/null; wait $SERVER_PID 2>/dev/null; rm -f "$OUT"' EXIT
for _ in $(seq 100); do grep -q '^listening on ' "$OUT" && break; sleep 0.1; done
ADDR=$(sed -n 's/^listening on //p' "$OUT")
if [ -z "$ADDR" ]; then
  echo "the server did not start (is $LISTEN in use? run: make demo LISTEN=127.0.0.1:0)" >&2
  exit 1
fi
echo "dossier serve is listening on $ADDR"
run "$DOSSIER" query stats --server "$ADDR"
run "$DOSSIER" query find Abishev --server "$ADDR"
run "$DOSSIER" query node "Dulat Agadil" --server "$ADDR"
run "$DOSSIER" query neighbors "Dulat Agadil" --type persecuted-by --server "$ADDR"
run "$DOSSIER" query neighbors "Helmut Scholz" --type signed --server "$ADDR"
run "$DOSSIER" query path "Helmut Scholz" "Kassym-Jomart Tokayev" --server "$ADDR"
run "$DOSSIER" query subgraph "Koshe Party" --depth 1 --server "$ADDR"
run "$DOSSIER" query subgraph "Koshe Party" --depth 2 --format dot --server "$ADDR" -o "$DB/koshe.dot"
echo "wrote $DB/koshe.dot (render with: dot -Tsvg $DB/koshe.dot > koshe.svg)"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; trap - EXIT; rm -f "$OUT"
echo
echo "Done. The database is in $DB; serve it with: $DOSSIER serve --db $DB --listen $LISTEN"
