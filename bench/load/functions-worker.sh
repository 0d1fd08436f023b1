#!/usr/bin/env bash
# The function app (functions/RiskFunctions.Functions, isolated worker) under the local Functions host
# (tools/RiskFunctions.LocalHost), Release builds, on an in-memory Azurite (table service) started here:
#
#  1. cold start, RUNS rounds (default 10), variants interleaved (the order rotates every round):
#     - the app published framework-dependent, and ReadyToRun (linux-x64, framework-dependent),
#     - the empty sample app (tests/Fixtures/SampleWorkerApp),
#     each from the worker process's start (its /proc start time, 10 ms resolution) to the first 200 through the
#     host (GET /health; the sample: GET /ping), polled every 20 ms; and
#     - the old custom handler (functions/RiskFunctions.Handler of OLD_HANDLER_COMMIT, published framework-dependent
#       from a `git archive` of that commit in a temporary directory), from its process start to the first 200 on
#       its own GET /health, started as the Functions host started it (FUNCTIONS_CUSTOMHANDLER_PORT, --urls);
#  2. throughput at CONCURRENCY closed-loop clients (default 16), SECONDS_PER_LOAD (default 15) per measurement,
#     ROUNDS rounds (default 3, order rotating) with bench/load/WorkerLoad.cs as the one load client:
#     - GET /risk/v1/recommendation?action_token=... through the local host (framework-dependent app, worker
#       logging at Warning, the per-client rate limit lifted), the action seeded through the API (a client from
#       the admin CLI, a token from /oidc/token, a few trigger-actions);
#     - a raw point read of the same action row with Azure.Data.Tables, selecting what the endpoint selects;
#     - GET /health through the same host and worker (liveness: touches nothing), the host path alone;
#     with the CPU time the worker, the local host and Azurite spent per request during the measured period
#     (/proc/<pid>/stat utime+stime), and their idle CPU before and after.
#
# Environment: RUNS, ROUNDS, SECONDS_PER_LOAD, CONCURRENCY, PORT (local host / handler, 7491), OLD_HANDLER_COMMIT
# (default: HEAD while functions/RiskFunctions.Handler exists, else the last commit that had it). Everything listens on loopback
# and is stopped at the end.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
runs="${RUNS:-10}"
rounds="${ROUNDS:-3}"
seconds="${SECONDS_PER_LOAD:-15}"
concurrency="${CONCURRENCY:-16}"
port="${PORT:-7491}"
base="http://127.0.0.1:$port"
# The old handler: HEAD while it exists, else the commit before the one that deleted it.
handler_program=functions/RiskFunctions.Handler/Program.cs
if [[ -n "${OLD_HANDLER_COMMIT:-}" ]]; then
  old_commit="$(git rev-parse --verify "$OLD_HANDLER_COMMIT^{commit}")"
elif git cat-file -e "HEAD:$handler_program" 2>/dev/null; then
  old_commit="$(git rev-parse HEAD)"
else
  old_commit="$(git rev-parse "$(git rev-list -1 HEAD -- "$handler_program")^")"
fi
host=tools/RiskFunctions.LocalHost/bin/Release/net10.0/RiskFunctions.LocalHost.dll
admin=tools/RiskFunctions.Admin/bin/Release/net10.0/RiskFunctions.Admin.dll
sample=tests/Fixtures/SampleWorkerApp/bin/Release/net10.0
settings=functions/RiskFunctions.Functions/local.settings.sample.json
work="$(mktemp -d)"
# Every process started here, by id, for the clean-up (subshells append too).
started() { echo "$1" >>"$work/pids"; }
cleanup() {
  if [[ -f "$work/pids" ]]; then
    while read -r pid; do kill "$pid" 2>/dev/null || true; done <"$work/pids"
  fi
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "==> $*" >&2; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
load() { dotnet run -c Release --no-build bench/load/WorkerLoad.cs -- "$@"; }

# --- Builds ------------------------------------------------------------------------------------------------
scripts/ensure-node-tools.sh
log "building the local host, the admin CLI, the sample app and the load client (Release)"
dotnet build -c Release -nologo -v quiet tools/RiskFunctions.LocalHost
dotnet build -c Release -nologo -v quiet tools/RiskFunctions.Admin
dotnet build -c Release -nologo -v quiet tests/Fixtures/SampleWorkerApp
dotnet build -c Release -nologo -v quiet bench/load/WorkerLoad.cs
log "publishing the app framework-dependent and ReadyToRun"
dotnet publish functions/RiskFunctions.Functions -c Release -nologo -v quiet -o "$work/fd"
dotnet publish functions/RiskFunctions.Functions -c Release -nologo -v quiet -o "$work/r2r" \
  --runtime linux-x64 --self-contained false -p:PublishReadyToRun=true
log "publishing the old custom handler of $old_commit"
mkdir -p "$work/old-src"
git archive "$old_commit" | tar -x -C "$work/old-src"
dotnet publish "$work/old-src/functions/RiskFunctions.Handler" -c Release -nologo -v quiet -o "$work/old"

# --- Azurite (table service, in memory) ---------------------------------------------------------------------
table_port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
node_modules/.bin/azurite-table --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --tableHost 127.0.0.1 --tablePort "$table_port" >"$work/azurite.log" 2>&1 &
azurite_pid=$!
started "$azurite_pid"
until (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null; do sleep 0.1; done
# Blob service too: the app reads the tenants' learned models there.
blob_port="$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
node_modules/.bin/azurite-blob --inMemoryPersistence --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort "$blob_port" >"$work/azurite-blob.log" 2>&1 &
started "$!"
until (exec 3<>"/dev/tcp/127.0.0.1/$blob_port") 2>/dev/null; do sleep 0.1; done
key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;"

# What every app variant gets beside its settings file (an environment variable overrides a file value).
export Storage__ConnectionString="$connection" AzureWebJobsStorage="$connection" Storage__TablePrefix=""
export Security__Signing__KeyDirectory="$work/keys"
export Logging__LogLevel__Default=Warning
# The per-client token bucket (100/s by default) would cap the very throughput measured.
export Security__RateLimits__Default__PermitsPerSecond=1000000 Security__RateLimits__Default__Burst=1000000

boot=$(awk '/^btime/ {print $2}' /proc/stat)
ticks=$(getconf CLK_TCK)
# Milliseconds since the epoch at which process $1 started (10 ms resolution).
started_ms() { echo $(( (boot * ticks + $(awk '{print $22}' "/proc/$1/stat")) * 1000 / ticks )); }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# wait_for_200 <path> <pid>: polls every 20 ms; fails when process <pid> (the host or the handler) exits first.
wait_for_200() {
  until curl -sf -o /dev/null "$base$1"; do
    kill -0 "$2" 2>/dev/null || { cat "$work/process.log" >&2; echo "process $2 exited" >&2; exit 1; }
    sleep 0.02
  done
}

# start_host <app dir> <settings file>: the local host in the background; sets host_pid.
start_host() {
  dotnet "$host" "$1" --settings "$2" --port "$port" --no-timers >"$work/process.log" 2>&1 &
  host_pid=$!
  started "$host_pid"
}
# The worker's process id, from the host's start-up banner (printed once the functions are loaded).
worker_of_host() {
  until grep -qE 'worker process [0-9]+' "$work/process.log"; do sleep 0.02; done
  grep -oE 'worker process [0-9]+' "$work/process.log" | grep -oE '[0-9]+'
}
stop() { kill -TERM "$1"; wait "$1" || true; sed -i "/^$1\$/d" "$work/pids"; }

# cold_worker <app dir> <settings file> <path>: "worker start -> first 200" ms, then "connected loaded" ms.
cold_worker() {
  start_host "$1" "$2"
  wait_for_200 "$3" "$host_pid"
  local end start
  end=$(( $(date +%s%N) / 1000000 ))
  start=$(started_ms "$(worker_of_host)")
  echo "$(( end - start )) $(grep -oE 'connected after [0-9]+ ms, functions loaded after [0-9]+ ms' "$work/process.log" | grep -oE '[0-9]+' | paste -sd' ')"
  stop "$host_pid"
}

# cold_old_handler: the custom handler's process start -> first 200 on its own GET /health.
cold_old_handler() {
  env "${old_env[@]}" FUNCTIONS_CUSTOMHANDLER_PORT="$port" FUNCTIONS_CUSTOMHANDLER_WORKER_ID="$(cat /proc/sys/kernel/random/uuid)" \
    Hosting__Port="$port" dotnet "$work/old/RiskFunctions.Handler.dll" --urls "$base" >"$work/process.log" 2>&1 &
  local pid=$! end start
  started "$pid"
  wait_for_200 /health "$pid"
  end=$(( $(date +%s%N) / 1000000 ))
  start=$(started_ms "$pid")
  echo "$(( end - start ))"
  stop "$pid"
}

# The old handler reads the settings the Functions host gave it: the repository root's sample settings of its commit.
old_settings_env() {
  node -e '
    const values = require(process.argv[1]).Values ?? {};
    for (const [name, value] of Object.entries(values)) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && process.env[name] === undefined) process.stdout.write(`${name}\0${value ?? ""}\0`);
    }' "$work/old-src/local.settings.sample.json"
}
old_env=()
while IFS= read -r -d '' name && IFS= read -r -d '' value; do old_env+=("$name=$value"); done < <(old_settings_env)

echo "old custom handler: $old_commit"
echo "before: $(uptime)"
variants=(framework-dependent ready-to-run sample-app old-handler)
: >"$work/cold.txt"
echo "## cold start (ms), worker (handler) process start -> first 200; for workers also: connected, functions loaded"
for i in $(seq 1 "$runs"); do
  for k in "${!variants[@]}"; do
    variant="${variants[$(( (k + i - 1) % ${#variants[@]} ))]}"
    case "$variant" in
      framework-dependent) result="$(cold_worker "$work/fd" "$settings" /health)" ;;
      ready-to-run) result="$(cold_worker "$work/r2r" "$settings" /health)" ;;
      sample-app) result="$(cold_worker "$sample" "$sample/sample.settings.json" /ping)" ;;
      old-handler) result="$(cold_old_handler)" ;;
    esac
    echo "run $i $variant $result" | tee -a "$work/cold.txt"
  done
done
for variant in "${variants[@]}"; do
  values="$(awk -v v="$variant" '$3 == v {print $4}' "$work/cold.txt")"
  echo "$variant: median $(median <<<"$values") min $(sort -n <<<"$values" | head -1) max $(sort -n <<<"$values" | tail -1) ms" \
    "$([[ "$variant" == old-handler ]] || echo "(connected median $(awk -v v="$variant" '$3 == v {print $5}' "$work/cold.txt" | median), loaded median $(awk -v v="$variant" '$3 == v {print $6}' "$work/cold.txt" | median) ms)")"
done
echo "after cold starts: $(uptime)"

# --- Seed through the API --------------------------------------------------------------------------------------
start_host "$work/fd" "$settings"
wait_for_200 /health "$host_pid"
worker_pid="$(worker_of_host)"
dotnet "$admin" bootstrap --tenant bench --client load --json --output "$work/client.json" >/dev/null
token="$(node -e '
  const c = require(process.argv[1]);
  fetch(process.argv[2] + "/oidc/token", { method: "POST", body: new URLSearchParams({
    grant_type: "client_credentials", client_id: c.client_id, client_secret: c.client_secret, resource: c.resource }) })
    .then(async r => { if (!r.ok) throw new Error(`token: ${r.status} ${await r.text()}`); return r.json(); })
    .then(t => console.log(t.access_token));' "$work/client.json" "$base")"
action=""
for n in 1 2 3 4 5; do
  action="$(curl -sf -X POST "$base/risk/v1/action/trigger-action" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' --data "{\"action_type\":\"login\",\"user_id\":\"user$n\",\"correlation_id\":\"seed-$n\",
      \"context\":{\"ip\":\"192.0.2.$n\",\"user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\",
      \"device_id\":\"device$n\",\"device_fingerprint\":\"fp$n\"}}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).action_token))')"
done
curl -sf -o "$work/recommendation.json" "$base/risk/v1/recommendation?action_token=$action" -H "Authorization: Bearer $token"
echo "seeded 5 actions; loading GET /risk/v1/recommendation of $action ($(wc -c <"$work/recommendation.json") bytes)"
# What the endpoint selects (ActionsTable.DocumentProperties): the chunk count and up to 12 chunks.
select="DocChunks$(printf ',Doc%d' $(seq 0 11))"

# --- Throughput ------------------------------------------------------------------------------------------------
measure() {
  local name="$1"
  shift
  echo "$name $(load "$@" --concurrency "$concurrency" --seconds "$seconds" --warmup-seconds 2 \
    --cpu "worker=$worker_pid" --cpu "host=$host_pid" --cpu "azurite=$azurite_pid")" | tee -a "$work/throughput.txt"
}
# What the three processes spend with no requests at all (background services, timers of the runtime), per second.
idle() {
  local w h a
  w=$(cpu_ticks "$worker_pid"); h=$(cpu_ticks "$host_pid"); a=$(cpu_ticks "$azurite_pid")
  sleep "$seconds"
  echo "idle CPU ms/s: worker=$(( ($(cpu_ticks "$worker_pid") - w) * 1000 / ticks / seconds )) host=$(( ($(cpu_ticks "$host_pid") - h) * 1000 / ticks / seconds )) azurite=$(( ($(cpu_ticks "$azurite_pid") - a) * 1000 / ticks / seconds ))"
}
loads=(recommendation point-read health)
echo "## throughput, $concurrency concurrent, ${seconds}s per measurement after 2 s of warm-up; CPU µs per request"
idle
for r in $(seq 1 "$rounds"); do
  for k in "${!loads[@]}"; do
    case "${loads[$(( (k + r - 1) % ${#loads[@]} ))]}" in
      recommendation) measure "round $r GET /risk/v1/recommendation (local host)" get "$base/risk/v1/recommendation?action_token=$action" --header "Authorization: Bearer $token" ;;
      point-read) measure "round $r point read (Azure.Data.Tables)" point-read --connection "$connection" --table actions --row "$action" --select "$select" ;;
      health) measure "round $r GET /health (local host)" get "$base/health" ;;
    esac
  done
done
mean_of() { grep -F "$1" "$work/throughput.txt" | grep -oE "$2=[0-9.]+" | cut -d= -f2 | awk '{s+=$1} END {printf "%.0f", s/NR}'; }
for name in "GET /risk/v1/recommendation" "point read" "GET /health"; do
  echo "$name: mean rps $(mean_of "$name" rps), worker CPU µs/request $(mean_of "$name" cpu_us_worker), host $(mean_of "$name" cpu_us_host), Azurite $(mean_of "$name" cpu_us_azurite)"
done
awk -v r="$(mean_of "GET /risk/v1/recommendation" rps)" -v p="$(mean_of "point read" rps)" -v h="$(mean_of "GET /health" rps)" \
  'BEGIN {printf "ratios of the mean rps: recommendation / point read %.2f, recommendation / health %.2f, health / point read %.2f\n", r / p, r / h, h / p}'
idle
stop "$host_pid"
echo "after: $(uptime)"
