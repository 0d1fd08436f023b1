#!/usr/bin/env bash
# Runs the whole test suite: .NET unit and integration tests (against a real Azurite that the
# fixtures start themselves) and the infrastructure checks. Exits non-zero on any failure.
set -uo pipefail
root="$(cd "$(dirname "$0")" && pwd)"
cd "$root"
log_dir="$root/.artifacts/test"
mkdir -p "$log_dir"

scripts/ensure-node-tools.sh || exit 1

status=0
dotnet build RiskFunctions.sln -nologo -v quiet || exit 1
# A test that stops making progress fails the run within minutes and is named in the log, instead of holding the
# run (and CI) until something outside kills it; no dump is written.
dotnet test RiskFunctions.sln --no-build -nologo --blame-hang-timeout 5m --blame-hang-dump-type none 2>&1 | tee "$log_dir/dotnet.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ -d infra/tests ]; then
  # The pinned Bicep compiler (NuGet, infra/tools/bicep.proj), restored once before the test files
  # start it in parallel.
  infra/tools/bicep --version >/dev/null || status=1
  node --test infra/tests/ 2>&1 | tee "$log_dir/infra.log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi

passed=$(grep -hoE 'Passed: +[0-9]+' "$log_dir/dotnet.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -hoE 'Failed: +[0-9]+' "$log_dir/dotnet.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -hoE 'Skipped: +[0-9]+' "$log_dir/dotnet.log" | awk '{s+=$2} END {print s+0}')
if [ -f "$log_dir/infra.log" ] && [ -d infra/tests ]; then
  passed=$((passed + $(grep -hoE '^# pass [0-9]+' "$log_dir/infra.log" | awk '{s+=$3} END {print s+0}')))
  failed=$((failed + $(grep -hoE '^# fail [0-9]+' "$log_dir/infra.log" | awk '{s+=$3} END {print s+0}')))
fi
[ "$failed" -eq 0 ] || status=1
[ "$passed" -gt 0 ] || { echo "No test ran." >&2; status=1; }
echo
if [ "$failed" -gt 0 ]; then
  # Repeated at the end so the failures are visible in a log that only keeps its tail.
  echo "failed tests:"
  grep -hE '\[FAIL\]$' "$log_dir/dotnet.log" | sed -E 's/^\[xUnit[^]]*\] +/  /'
  grep -hE -A3 '^\s*Error Message:' "$log_dir/dotnet.log" | cut -c1-300
  grep -hE '^\s*not ok ' "$log_dir/infra.log" 2>/dev/null | sed 's/^/  /'
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
