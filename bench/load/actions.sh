#!/usr/bin/env bash
# Load test of the action endpoints (trigger-action, GET /recommendation) over HTTP against the published
# handler, beside raw signed Table requests to the same Azurite in the same run. Starts everything it needs
# (an in-memory Azurite on a free port, the handler the way the Functions host starts it) and stops it again.
# Options are passed through: --seconds 10 --concurrency 16 --rounds 2 --users 500 --output file.md
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
scripts/ensure-node-tools.sh
dotnet build -c Release -nologo -v quiet bench/RiskFunctions.Benchmarks
echo "before: $(uptime)"
dotnet run -c Release --no-build --project bench/RiskFunctions.Benchmarks -- action-throughput "$@"
echo "after: $(uptime)"
