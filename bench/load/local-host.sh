#!/usr/bin/env bash
# Local Functions host (tools/RiskFunctions.LocalHost) with the sample isolated-worker app, Release builds:
#  1. cold start, RUNS times (default 10): host launch -> first 200 on GET /ping (polled every 20 ms), worker
#     process start (its /proc start time, 10 ms resolution) -> that first 200, and the host's own "worker connected /
#     functions loaded" times;
#  2. throughput: GET /ping at CONCURRENCY connections (default 16) for SECONDS (default 20) with `hey`, worker
#     logging at Warning (the sample's settings), beside the same handler on plain Kestrel (PlainKestrelPing.cs).
# Needs `hey` (apt-get install hey). Everything listens on loopback and is stopped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs="${RUNS:-10}"
seconds="${SECONDS_PER_LOAD:-20}"
concurrency="${CONCURRENCY:-16}"
port="${PORT:-7481}"
app=tests/Fixtures/SampleWorkerApp/bin/Release/net10.0
host=tools/RiskFunctions.LocalHost/bin/Release/net10.0/RiskFunctions.LocalHost.dll
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet build -c Release -nologo -v quiet tests/Fixtures/SampleWorkerApp
dotnet build -c Release -nologo -v quiet tools/RiskFunctions.LocalHost
dotnet build -c Release -nologo -v quiet bench/load/PlainKestrelPing.cs
echo "before: $(uptime)"

wait_for_200() {
  until curl -sf -o /dev/null "http://127.0.0.1:$port/ping"; do sleep 0.02; done
}

boot=$(awk '/^btime/ {print $2}' /proc/stat)
ticks=$(getconf CLK_TCK)
echo "## cold start (ms): launch->first 200, worker connected, functions loaded, worker start->first 200"
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  dotnet "$host" "$app" --settings "$app/sample.settings.json" --port "$port" --no-timers >"$work/host.log" 2>&1 &
  pid=$!
  wait_for_200
  end=$(date +%s%N)
  loaded=$(grep -oE 'connected after [0-9]+ ms, functions loaded after [0-9]+ ms' "$work/host.log" | grep -oE '[0-9]+' | paste -sd' ')
  worker=$(grep -oE 'worker process [0-9]+' "$work/host.log" | grep -oE '[0-9]+')
  worker_start_ms=$(( (boot * ticks + $(awk '{print $22}' "/proc/$worker/stat")) * 1000 / ticks ))
  echo "run $i: $(( (end - start) / 1000000 )) $loaded $(( end / 1000000 - worker_start_ms ))"
  kill -TERM "$pid"; wait "$pid" || true
done | tee "$work/cold.txt"
echo "median launch->first 200: $(awk '{print $3}' "$work/cold.txt" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') ms"
echo "median functions loaded (worker start -> ready): $(awk '{print $5}' "$work/cold.txt" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') ms"
echo "median worker start -> first 200: $(awk '{print $6}' "$work/cold.txt" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') ms"

echo "## throughput through the local host: GET /ping, $concurrency connections, ${seconds}s"
dotnet "$host" "$app" --settings "$app/sample.settings.json" --port "$port" --no-timers >"$work/host.log" 2>&1 &
pid=$!
wait_for_200
hey -n 2000 -c "$concurrency" "http://127.0.0.1:$port/ping" >/dev/null
hey -z "${seconds}s" -c "$concurrency" "http://127.0.0.1:$port/ping" | grep -E 'Requests/sec|Average|Slowest|99%|\[[0-9]+\]' | sed 's/^ */  /'
kill -TERM "$pid"; wait "$pid" || true

echo "## throughput, plain Kestrel, same handler"
dotnet run -c Release --no-build bench/load/PlainKestrelPing.cs -- --urls "http://127.0.0.1:$port" >/dev/null 2>&1 &
pid=$!
wait_for_200
hey -n 2000 -c "$concurrency" "http://127.0.0.1:$port/ping" >/dev/null
hey -z "${seconds}s" -c "$concurrency" "http://127.0.0.1:$port/ping" | grep -E 'Requests/sec|Average|Slowest|99%|\[[0-9]+\]' | sed 's/^ */  /'
kill -TERM "$pid"; wait "$pid" || true
echo "after: $(uptime)"
