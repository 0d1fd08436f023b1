#!/usr/bin/env bash
# Publishes the Azure Functions app root: host.json, one folder per function with the function.json
# generated from the handler's function catalog, and the published handler under handler/.
#
#   scripts/publish-app.sh [options] [<app root>]        default app root: .artifacts/app
#
#   -c, --configuration <name>   build configuration (default: Release)
#   --framework-dependent        publish for the installed .NET runtime (RiskFunctions.Handler + dll);
#                                default: self-contained linux-x64, what Azure runs
#   --ready-to-run               precompile (ReadyToRun) for a faster cold start; self-contained only
#   --no-build                   publish the existing build output of that configuration (tests)
#
# The app root is recreated from scratch; a directory that is not empty and holds no host.json is
# refused, so a wrong argument cannot wipe unrelated files.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
configuration=Release
self_contained=true
no_build=false
ready_to_run=false
app_root="$root/.artifacts/app"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    -c|--configuration) [[ $# -ge 2 ]] || usage; configuration="$2"; shift 2 ;;
    --framework-dependent) self_contained=false; shift ;;
    --no-build) no_build=true; shift ;;
    --ready-to-run) ready_to_run=true; shift ;;
    -h|--help) usage ;;
    -*) echo "publish-app: unknown option $1" >&2; usage ;;
    *) app_root="$1"; shift ;;
  esac
done

mkdir -p "$app_root"
app_root="$(cd "$app_root" && pwd)"
if [[ -n "$(ls -A "$app_root")" && ! -f "$app_root/host.json" ]]; then
  echo "publish-app: $app_root is not empty and is no app root (no host.json); refusing to replace it" >&2
  exit 1
fi
find "$app_root" -mindepth 1 -delete

publish_args=(publish "$root/functions/RiskFunctions.Handler/RiskFunctions.Handler.csproj"
  --configuration "$configuration" --output "$app_root/handler" -nologo -v quiet -p:UseAppHost=true)
if $self_contained; then
  publish_args+=(--runtime linux-x64 --self-contained true)
fi
if $ready_to_run; then
  $self_contained || { echo "publish-app: --ready-to-run needs the self-contained publish" >&2; exit 2; }
  publish_args+=(-p:PublishReadyToRun=true)
fi
if $no_build; then
  publish_args+=(--no-build)
fi
dotnet "${publish_args[@]}" >&2

cp "$root/host.json" "$app_root/host.json"
chmod +x "$app_root/handler/RiskFunctions.Handler"

# The function.json files come from the handler itself, so they cannot disagree with it.
if $self_contained; then
  "$app_root/handler/RiskFunctions.Handler" --write-function-metadata "$app_root" >/dev/null
else
  dotnet "$app_root/handler/RiskFunctions.Handler.dll" --write-function-metadata "$app_root" >/dev/null
fi

echo "$app_root"
