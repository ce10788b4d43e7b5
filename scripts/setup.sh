#!/bin/sh
# Prepares what the tests and `npm start` need beyond node_modules, idempotently:
# the generated Prisma client, the Temporal CLI (dev server) and the time-skipping test server.
# Each step is skipped when its result is already there, so it is cheap to run every time.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
cd "$ROOT"
step() { printf 'setup: %s\n' "$*" >&2; }

step "generating the Prisma client"
npm run --silent generate -w @cairn/db >&2

if [ "${1:-}" != "--runtime-only" ]; then
  step "Temporal CLI: $(sh scripts/tools/temporal-cli.sh)"
  step "time-skipping test server: $(sh scripts/tools/time-skipping-server.sh)"
fi
