#!/bin/sh
# Prints the path of a `temporal` CLI binary (the Temporal dev server lives inside it).
# Order: $TEMPORAL_CLI, `temporal` on PATH, the cached build in .tools/bin, else build it from the
# Go module proxy (pure Go, SQLite built in). v1.5.1 is the last tag without a `replace` directive,
# so `go install pkg@version` accepts it. GOPATH/GOCACHE live under .tools/ so CI can cache them.
# Progress goes to stderr; stdout carries only the path, so `$(scripts/tools/temporal-cli.sh)` works.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
# CAIRN_TOOLS_DIR moves the cache out of the checkout (CI keeps it between clean clones).
TOOLS="${CAIRN_TOOLS_DIR:-$ROOT/.tools}"
VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"

if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$TOOLS/bin/temporal" ]; then echo "$TOOLS/bin/temporal"; exit 0; fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<MSG
temporal-cli: no 'temporal' binary on PATH or in $TOOLS/bin, and Go is not installed to build one.
  Either install Go (https://go.dev/dl) and run this script again, install the Temporal CLI
  (https://docs.temporal.io/cli), or, online, let the Temporal SDK download its dev server itself
  (TestWorkflowEnvironment.createLocal()).
MSG
  exit 1
fi

mkdir -p "$TOOLS/bin" "$TOOLS/go" "$TOOLS/go-cache"
echo "temporal-cli: building github.com/temporalio/cli/cmd/temporal@$VERSION (takes minutes the first time)..." >&2
GOPATH="$TOOLS/go" GOCACHE="$TOOLS/go-cache" GOMODCACHE="$TOOLS/go/pkg/mod" \
  CGO_ENABLED=0 GOBIN="$TOOLS/bin" GOFLAGS="${GOFLAGS:-} -modcacherw" \
  go install -ldflags="-s -w" "github.com/temporalio/cli/cmd/temporal@$VERSION" >&2
# The module and build caches (over 3 GB) only serve a rebuild: drop them unless asked to keep
# them, so CI caches just the binary (.tools/bin).
if [ "${TEMPORAL_KEEP_GO_CACHE:-0}" != "1" ]; then rm -rf "$TOOLS/go" "$TOOLS/go-cache"; fi
echo "$TOOLS/bin/temporal"
