#!/usr/bin/env bash
# Installs the pinned Node tooling (Azurite, Prism) from package-lock.json
# when it is missing or older than the lock file. Used by the run and test commands and by test fixtures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
stamp=node_modules/.package-lock.json
if [ -L node_modules ]; then
  # npm ci empties node_modules before installing: through a link that is another checkout's tooling, removed
  # under whatever runs there. A linked copy is used as it is.
  if [ ! -f "$stamp" ]; then
    echo "node_modules links to $(readlink node_modules), which has no installed tooling; run npm ci there, or remove the link" >&2
    exit 1
  fi
  exit 0
fi
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing Node tooling (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
