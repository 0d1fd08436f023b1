#!/usr/bin/env bash
# Runs RiskFunctions locally: Azurite (Table, Blob and Queue storage, data kept under .artifacts/azurite)
# and the function app (the isolated worker) under the local Functions host (tools/RiskFunctions.LocalHost)
# on http://127.0.0.1:7071, with its Service Bus queue and timers. Ctrl+C stops everything.
#
# Settings come from functions/RiskFunctions.Functions/local.settings.json when it exists, otherwise
# local.settings.sample.json next to it; a variable already set in the environment wins
# (e.g. `Hosting__Port=8080 ./run.sh`).
#
# Environment:
#   AZURITE_BLOB_PORT, AZURITE_QUEUE_PORT, AZURITE_TABLE_PORT   Azurite ports (10000, 10001, 10002)
#   AZURITE_EXTERNAL=1        use an Azurite that is already running on those ports instead of starting one
#   RISK_AZURITE_DEBUG=1      write Azurite's debug log to .artifacts/azurite/azurite.log (large and slow)
#   Hosting__Address, Hosting__Port   where the local host listens (127.0.0.1, 7071)
#   RISK_CONFIGURATION        build configuration of the app and the host (Debug)
#   RISK_IMPORT_CLIENT=1      also register demo.importer, a client with the historical import scope
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
artifacts="$root/.artifacts"
mkdir -p "$artifacts"   # credentials and logs live here, whichever Azurite is used
blob_port="${AZURITE_BLOB_PORT:-10000}"
queue_port="${AZURITE_QUEUE_PORT:-10001}"
table_port="${AZURITE_TABLE_PORT:-10002}"
configuration="${RISK_CONFIGURATION:-Debug}"
azurite_pid=""
host_pid=""
app_dir="functions/RiskFunctions.Functions"

log() { echo "==> $*" >&2; }

cleanup() {
  trap - EXIT INT TERM
  [[ -n "$host_pid" ]] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null
  if [[ -n "$azurite_pid" ]]; then
    log "stopping Azurite"
    kill "$azurite_pid" 2>/dev/null && wait "$azurite_pid" 2>/dev/null
  fi
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- Tooling ---------------------------------------------------------------------------------------
scripts/ensure-node-tools.sh

# --- Settings: every "Values" entry of the settings file becomes an environment variable -----------
settings_file="$app_dir/local.settings.json"
[[ -f "$settings_file" ]] || settings_file="$app_dir/local.settings.sample.json"
log "settings from $settings_file"
while IFS= read -r -d '' name && IFS= read -r -d '' value; do
  [[ -n "${!name+set}" ]] || export "$name=$value"
done < <(node -e '
  const values = require(process.argv[1]).Values ?? {};
  for (const [name, value] of Object.entries(values)) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) process.stdout.write(`${name}\0${value ?? ""}\0`);
  }' "$root/$settings_file")
# The worker runs in its build output folder: relative paths are the repository's.
[[ "${Security__Signing__KeyDirectory:-}" == /* ]] || export Security__Signing__KeyDirectory="$root/${Security__Signing__KeyDirectory:-.artifacts/keys}"

# UseDevelopmentStorage=true means the default ports; spell the endpoints out when they differ.
if [[ "$blob_port/$queue_port/$table_port" != "10000/10001/10002" ]]; then
  key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  connection="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
  [[ "${Storage__ConnectionString:-}" != "UseDevelopmentStorage=true" ]] || export Storage__ConnectionString="$connection"
  [[ "${AzureWebJobsStorage:-}" != "UseDevelopmentStorage=true" ]] || export AzureWebJobsStorage="$connection"
fi

# --- Azurite ---------------------------------------------------------------------------------------
if [[ "${AZURITE_EXTERNAL:-0}" == 1 ]]; then
  port_open "$table_port" || { echo "run: AZURITE_EXTERNAL=1 but nothing listens on 127.0.0.1:$table_port" >&2; exit 1; }
  log "using the Azurite already running on 127.0.0.1:$table_port"
else
  for port in "$blob_port" "$queue_port" "$table_port"; do
    if port_open "$port"; then
      echo "run: port $port is in use (another Azurite?). Stop it, pick other AZURITE_*_PORT values, or set AZURITE_EXTERNAL=1." >&2
      exit 1
    fi
  done
  mkdir -p "$artifacts/azurite"
  debug=()
  [[ "${RISK_AZURITE_DEBUG:-0}" == 1 ]] && debug=(--debug "$artifacts/azurite/azurite.log")
  log "starting Azurite (data in .artifacts/azurite${debug:+, debug log in .artifacts/azurite/azurite.log})"
  # Azurite holds every table in its one Node heap; Node's default limit (about 4 GiB) ends a large local import.
  # Half the memory this process may use (the machine's, or its container's limit if lower), as the test fixtures do.
  memory_kib=$(awk '/^MemTotal/ {print $2}' /proc/meminfo)
  container_bytes=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || echo max)
  [[ "$container_bytes" =~ ^[0-9]+$ ]] && (( container_bytes / 1024 < memory_kib )) && memory_kib=$(( container_bytes / 1024 ))
  node_options="${NODE_OPTIONS:-}"
  [[ "$node_options" == *--max-old-space-size* ]] || node_options+=" --max-old-space-size=$(( memory_kib / 2048 ))"
  NODE_OPTIONS="$node_options" node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry \
    --location "$artifacts/azurite" "${debug[@]}" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" &
  azurite_pid=$!
  for _ in $(seq 1 150); do
    port_open "$table_port" && break
    kill -0 "$azurite_pid" 2>/dev/null || { echo "run: Azurite exited (RISK_AZURITE_DEBUG=1 keeps its debug log)" >&2; exit 1; }
    sleep 0.2
  done
  port_open "$table_port" || { echo "run: Azurite did not open 127.0.0.1:$table_port" >&2; exit 1; }
fi

# --- Build -----------------------------------------------------------------------------------------
# The first build restores and compiles several projects (a minute or more): its progress is shown.
log "building the function app and the local Functions host ($configuration)"
dotnet build "$app_dir/RiskFunctions.Functions.csproj" -c "$configuration" -nologo -v minimal -clp:NoSummary
dotnet build tools/RiskFunctions.LocalHost/RiskFunctions.LocalHost.csproj -c "$configuration" -nologo -v minimal -clp:NoSummary
dotnet build tools/RiskFunctions.Admin/RiskFunctions.Admin.csproj -c "$configuration" -nologo -v minimal -clp:NoSummary

# --- Bootstrap ---------------------------------------------------------------------------------------
# A quick-start client (tenant "demo", client id "demo.quickstart", the default scopes) is registered on
# the first run; its credentials are kept, readable by the owner only, in .artifacts/quickstart-client.json
# and printed at every start. Delete that file to get a fresh secret. With RISK_IMPORT_CLIENT=1 a second
# client, "demo.importer", gets the historical import scopes ("import:write recommendations:read"; never
# part of the defaults) the same way, in .artifacts/import-client.json.
admin_dll="tools/RiskFunctions.Admin/bin/$configuration/net10.0/RiskFunctions.Admin.dll"

# register_client <name> <credentials file> [bootstrap options...]
register_client() {
  local name="$1" file="$2" status=0
  shift 2
  # Bootstrap is tried even when credentials are kept: storage may have been emptied (a new Azurite, an
  # in-memory one with AZURITE_EXTERNAL=1) and the kept secret would then be refused.
  dotnet "$admin_dll" bootstrap --tenant demo --client "$name" "$@" --json --output "$file.tmp" 2>"$file.err" || status=$?
  if [[ "$status" -eq 3 && -s "$file" ]]; then
    rm -f "$file.tmp" "$file.err"
    return 0
  fi
  [[ "$status" -eq 0 || "$status" -eq 3 ]] || cat "$file.err" >&2
  rm -f "$file.err"
  if [[ "$status" -eq 3 ]]; then
    # Registered by an earlier run whose credentials file is gone: issue a new secret instead.
    dotnet "$admin_dll" rotate-secret --tenant demo --client "$name" --json --output "$file.tmp"
  elif [[ "$status" -ne 0 ]]; then
    rm -f "$file.tmp"
    exit "$status"
  fi
  mv "$file.tmp" "$file"
  log "registered the client demo.$name (new credentials in ${file#"$PWD/"})"
}

# show_client <title> <credentials file>
show_client() {
  node -e '
    const c = require(process.argv[1]);
    const base = `http://${process.argv[2]}:${process.argv[3]}`;
    console.error(`==> ${process.argv[4]} (from ${process.argv[1]})
    client_id:     ${c.client_id}
    client_secret: ${c.client_secret}
    scope:         ${c.scope}
    get a token:   curl -s -X POST ${base}/oidc/token -d grant_type=client_credentials \\
                     -d client_id=${c.client_id} -d client_secret=${c.client_secret} -d resource=${c.resource}`);
  ' "$2" "${Hosting__Address:-127.0.0.1}" "${Hosting__Port:-7071}" "$1"
}

credentials="$artifacts/quickstart-client.json"
register_client quickstart "$credentials"
show_client "quick-start client" "$credentials"
if [[ "${RISK_IMPORT_CLIENT:-0}" == 1 ]]; then
  import_credentials="$artifacts/import-client.json"
  register_client importer "$import_credentials" --scopes "import:write recommendations:read"
  show_client "historical import client" "$import_credentials"
fi

# --- Function app under the local Functions host -----------------------------------------------------
log "RiskFunctions on http://${Hosting__Address:-127.0.0.1}:${Hosting__Port:-7071} (Ctrl+C to stop)"
# The queue is journaled next to Azurite's data, so a label stored before a restart keeps its queued message: the
# outbox relay leaves a label whose message was sent to the queue, as it does with Service Bus.
dotnet "tools/RiskFunctions.LocalHost/bin/$configuration/net10.0/RiskFunctions.LocalHost.dll" \
  "$app_dir/bin/$configuration/net10.0" --settings "$settings_file" \
  --address "${Hosting__Address:-127.0.0.1}" --port "${Hosting__Port:-7071}" \
  --queue-store "$artifacts/label-queue.jsonl" &
host_pid=$!

# Whichever stops first ends the run: the host (Ctrl+C, or its worker failed) or Azurite underneath it. Azurite
# closes its ports before its process ends, so the port is what is watched.
while kill -0 "$host_pid" 2>/dev/null; do
  if ! port_open "$table_port"; then
    echo "run: Azurite stopped answering on 127.0.0.1:$table_port; stopping RiskFunctions" >&2
    exit 1
  fi
  sleep 1
done
status=0
wait "$host_pid" || status=$?
host_pid=""
exit "$status"
