#!/bin/sh
# Prepares what the tests and `npm start` need beyond node_modules, idempotently: the generated
# Prisma client, then for tests the Temporal CLI (dev server) and the time-skipping test server,
# or for `npm start` (--runtime-only) the built editor (the launcher builds the Temporal CLI itself).
# Each step is skipped when its result is already there, so it is cheap to run every time.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
step() { printf 'setup: %s\n' "$*" >&2; }

step "generating the Prisma client"
npm run --silent generate -w @cairn/db >&2

if [ "${1:-}" = "--runtime-only" ]; then
  # `npm start` serves the built editor; build it once (rebuild with `npm run build -w @cairn/editor`).
  if [ ! -f editor/dist/index.html ]; then
    step "building the editor (first start only)"
    npm run --silent build -w @cairn/editor >&2
  fi
else
  step "Temporal CLI: $(sh scripts/tools/temporal-cli.sh)"
  step "time-skipping test server: $(sh scripts/tools/time-skipping-server.sh)"
fi
