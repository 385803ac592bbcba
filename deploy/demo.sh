#!/usr/bin/env bash
# `make demo`: import the bundled letters into ./data, show what the graph
# holds, and (once the server exists) serve it and run example queries.
set -euo pipefail
DOSSIER=${1:-build/cli/dossier}
DB=${2:-./data}
LISTEN=${3:-127.0.0.1:50051}
cd "$(dirname "$0")/.."

say() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { say "$*"; "$@"; }

if "$DOSSIER" --help 2>/dev/null | grep -q '^ *import'; then
  run "$DOSSIER" import --db "$DB" tests/data/letters
fi
run "$DOSSIER" stats --db "$DB"
run "$DOSSIER" check --db "$DB"
say "$DOSSIER export --db $DB --format json | head -c 1500"
"$DOSSIER" export --db "$DB" --format json | head -c 1500; echo
