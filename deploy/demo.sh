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
