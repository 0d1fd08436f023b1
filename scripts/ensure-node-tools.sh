#!/usr/bin/env bash
# Installs the pinned Node tooling (Azurite, Prism) from package-lock.json
# when it is missing or older than the lock file. Used by the run and test commands and by test fixtures.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
stamp=node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing Node tooling (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
