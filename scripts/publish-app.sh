#!/usr/bin/env bash
# Publishes the function app (the .NET isolated worker) as Azure deploys it: `dotnet publish` of the
# app project with its host-side extensions, so the app root holds functions.metadata,
# worker.config.json, host.json, extensions.json and .azurefunctions/ at the top. The result is
# checked by scripts/check-function-package.sh before it is handed on.
#
#   scripts/publish-app.sh [options] [<app root>]        default app root: .artifacts/app
#
#   -c, --configuration <name>   build configuration (default: Release)
#   --ready-to-run               precompile (ReadyToRun, linux-x64, framework-dependent) for a faster cold start
#
# Needs a NuGet feed that serves the Microsoft.Azure.WebJobs extensions (nuget.org): the worker SDK
# restores them for extensions.json. A feed without them fails the restore (NU1101); the local
# FunctionsSkipHostExtensions build does not need them but is not deployable, so it is never used here.
#
# Environment:
#   RISK_APP_PROJECT   the app project (default: functions/RiskFunctions.Functions/RiskFunctions.Functions.csproj)
#
# The app root is recreated from scratch; a directory that is not empty and holds no host.json is
# refused, so a wrong argument cannot wipe unrelated files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="${RISK_APP_PROJECT:-$root/functions/RiskFunctions.Functions/RiskFunctions.Functions.csproj}"
configuration=Release
ready_to_run=false
app_root="$root/.artifacts/app"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "publish-app: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    -c|--configuration) [[ $# -ge 2 ]] || usage; configuration="$2"; shift 2 ;;
    --ready-to-run) ready_to_run=true; shift ;;
    -h|--help) usage ;;
    -*) echo "publish-app: unknown option $1" >&2; usage ;;
    *) app_root="$1"; shift ;;
  esac
done

[[ -f "$project" ]] || die "the app project $project does not exist"
mkdir -p "$app_root"
app_root="$(cd "$app_root" && pwd)"
if [[ -n "$(ls -A "$app_root")" && ! -f "$app_root/host.json" ]]; then
  die "$app_root is not empty and is no app root (no host.json); refusing to replace it"
fi
find "$app_root" -mindepth 1 -delete

# FunctionsSkipHostExtensions=false explicitly: a project may default it to true for local builds.
publish_args=(publish "$project" --configuration "$configuration" --output "$app_root" -nologo -v quiet
  -p:FunctionsSkipHostExtensions=false)
if $ready_to_run; then
  publish_args+=(--runtime linux-x64 --self-contained false -p:PublishReadyToRun=true)
fi
log="$(mktemp)"
if ! dotnet "${publish_args[@]}" >"$log" 2>&1; then
  cat "$log" >&2
  if grep -q 'NU1101' "$log"; then
    rm -f "$log"
    die "the restore failed (NU1101): this NuGet feed lacks the host-side extensions the worker SDK restores" \
      "(Microsoft.Azure.WebJobs.Extensions.*). Publish on a machine with the public NuGet feed (nuget.org)."
  fi
  rm -f "$log"
  die "dotnet publish $project failed"
fi
rm -f "$log"

# shellcheck source=check-function-package.sh
source "$root/scripts/check-function-package.sh"
check_function_package "$app_root" || exit 1

echo "$app_root"
