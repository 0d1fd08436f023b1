#!/usr/bin/env bash
# Provisions one regional stamp of RiskFunctions and deploys the function app to it.
#
#   infra/deploy.sh up <stamp>            everything below, in order (what a release runs)
#   infra/deploy.sh what-if <stamp>       show what provisioning would change, change nothing
#   infra/deploy.sh provision <stamp>     resource group + resources from env/<stamp>.bicepparam
#   infra/deploy.sh signing-key <stamp>   create the token-signing keys in the stamp's Key Vault if absent
#   infra/deploy.sh rotate-signing-key <stamp>   new current key; the old one keeps verifying until its tokens expire
#   infra/deploy.sh package               publish the app (.artifacts/app), check it is deployable, zip it (.artifacts/app.zip)
#   infra/deploy.sh deploy <stamp>        upload the zip to the stamp's function app and wait until it answers
#
# <stamp> is one of the files in infra/env (sandbox, us, eu, ca, au). Needs the Azure CLI signed in
# (`az login`, `az account set -s <subscription>`), the .NET SDK (restores the pinned Bicep compiler,
# infra/tools/bicep), Node.js, openssl and zip. The templates are compiled here with that compiler and
# az receives the ARM JSON, so what is deployed is exactly what the tests checked.
#
# `package` publishes the isolated-worker app the normal way (`dotnet publish -c Release` with its
# host-side extensions), which needs a NuGet feed serving the Microsoft.Azure.WebJobs extensions
# (nuget.org). A package without the Service Bus extension in extensions.json (e.g. the local
# FunctionsSkipHostExtensions build) is refused (scripts/check-function-package.sh): in Azure its
# Service Bus trigger would never fire.
#
# Environment:
#   DEPLOYER_PRINCIPAL_ID    object id granted Key Vault Secrets Officer to manage the signing key;
#                            default: the signed-in user or service principal; "none" to skip.
#   RISK_ARTIFACTS_DIR       where the app root and zip live (default: <repo>/.artifacts)
#   RISK_SKIP_PUBLISH=1      package an existing app root instead of publishing it first (still checked)
#   RISK_APP_PROJECT         the function app project
#                            (default: functions/RiskFunctions.Functions/RiskFunctions.Functions.csproj)
#   RISK_READY_TO_RUN=0      publish without precompiling; by default the app is published ReadyToRun for
#                            linux-x64 (framework-dependent), which starts the worker faster
#                            (bench/results/functions-worker.md)
#   RISK_IP_DATA_DIR         folder of IP-intelligence files to ship as ipdata/ (see the
#                            stamp's ipIntelligence settings); none by default
#   RISK_RETRY_SECONDS       pause between Key Vault retries while a new role assignment propagates (15)
set -euo pipefail

infra_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$infra_dir/.." && pwd)"
artifacts="${RISK_ARTIFACTS_DIR:-$repo_root/.artifacts}"
app_root="$artifacts/app"
app_zip="$artifacts/app.zip"
arm_dir="$artifacts/arm"
bicep="$infra_dir/tools/bicep"
app_project="${RISK_APP_PROJECT:-$repo_root/functions/RiskFunctions.Functions/RiskFunctions.Functions.csproj}"

die() { echo "deploy: $*" >&2; exit 1; }
log() { echo "==> $*" >&2; }

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
}

parameter_file() {
  local stamp="$1" file="$infra_dir/env/$1.bicepparam"
  [[ "$stamp" =~ ^[a-z0-9-]+$ && -f "$file" ]] || die "unknown stamp '$stamp' (have: $(cd "$infra_dir/env" && ls -- *.bicepparam | sed 's/\.bicepparam//' | tr '\n' ' '))"
  echo "$file"
}

# Compiles the stamp's parameter file and main.bicep, which it names, to ARM JSON in $arm_dir (one
# compiler run); a template or value the compiler rejects stops here, before anything reaches Azure.
compile_stamp() {
  local stamp="$1" built
  mkdir -p "$arm_dir"
  built="$("$bicep" build-params "$(parameter_file "$stamp")" --stdout)" || die "env/$stamp.bicepparam or main.bicep does not compile"
  printf '%s' "$built" | node -e '
    const fs = require("fs");
    const built = JSON.parse(fs.readFileSync(0, "utf8"));
    fs.writeFileSync(process.argv[1], built.templateJson);
    fs.writeFileSync(process.argv[2], built.parametersJson);' "$arm_dir/main.json" "$arm_dir/$stamp.parameters.json"
}

# A value of the stamp settings, read from the compiled parameters (e.g. `stamp_setting us location`).
stamp_setting() {
  node -e 'const p = require(process.argv[1]).parameters.stamp.value; const v = process.argv[2].split(".").reduce((o, k) => o?.[k], p); if (v === undefined) process.exit(1); console.log(v);' \
    "$arm_dir/$1.parameters.json" "$2"
}

deployment_name() { echo "riskfunctions-stamp-$1"; }

# One output of the stamp's last subscription deployment (names, URL); fails when it has none.
stamp_output() {
  local value
  value="$(az deployment sub show --name "$(deployment_name "$1")" --query "properties.outputs.$2.value" --output tsv)"
  [[ -n "$value" ]] || die "stamp $1 has no output $2; provision it first"
  echo "$value"
}

deployer_principal() {
  if [[ -n "${DEPLOYER_PRINCIPAL_ID:-}" ]]; then
    [[ "$DEPLOYER_PRINCIPAL_ID" == none ]] && echo "" || echo "$DEPLOYER_PRINCIPAL_ID"
    return
  fi
  if [[ "$(az account show --query user.type --output tsv)" == user ]]; then
    az ad signed-in-user show --query id --output tsv
  else
    az ad sp show --id "$(az account show --query user.name --output tsv)" --query id --output tsv
  fi
}

deployer_principal_type() {
  if [[ -n "${DEPLOYER_PRINCIPAL_ID:-}" ]]; then echo "${DEPLOYER_PRINCIPAL_TYPE:-User}"; return; fi
  [[ "$(az account show --query user.type --output tsv)" == user ]] && echo User || echo ServicePrincipal
}

# Arguments of the subscription deployment of a stamp, into the ARM_ARGS array.
set_arm_arguments() {
  local stamp="$1" principal principal_type location
  compile_stamp "$stamp"
  principal="$(deployer_principal)"
  principal_type="$(deployer_principal_type)"
  location="$(stamp_setting "$stamp" location)"
  ARM_ARGS=(
    --name "$(deployment_name "$stamp")"
    --location "$location"
    --template-file "$arm_dir/main.json"
    --parameters "@$arm_dir/$stamp.parameters.json"
    --parameters "deployerPrincipalId=$principal" "deployerPrincipalType=$principal_type"
  )
}

cmd_what_if() {
  local stamp="$1"
  log "what-if for stamp $stamp"
  set_arm_arguments "$stamp"
  az deployment sub what-if "${ARM_ARGS[@]}"
}

cmd_provision() {
  local stamp="$1" url
  set_arm_arguments "$stamp"
  log "provisioning stamp $stamp (${ARM_ARGS[3]})"
  az deployment sub create "${ARM_ARGS[@]}" --output none
  url="$(stamp_output "$stamp" functionAppUrl)"
  log "function app: $url"
}

# Signing keys never pass through a template, parameter or deployment history: they are generated
# here and written straight into Key Vault. Two secrets: the current private key, and the key that was
# current before the last rotation (public part only; it verifies tokens issued before the rotation
# until they expire). RBAC needs a minute to reach the data plane after provisioning, hence retries.
put_secret() {
  local vault="$1" name="$2" file="$3" error attempt
  error="$(mktemp)"
  for attempt in $(seq 1 20); do
    if az keyvault secret set --vault-name "$vault" --name "$name" --file "$file" \
      --content-type application/x-pem-file --output none 2>"$error"; then
      rm -f "$error"
      return 0
    fi
    if grep -qiE 'ForbiddenByConnection|public network access' "$error"; then
      # A stamp with a private network: the vault answers only inside its VNet.
      log "Key Vault $vault accepts connections from the stamp's VNet only; run this step from a machine in (or peered with) that VNet"
      break
    fi
    grep -qiE 'forbidden|not authorized|403' "$error" || break
    log "waiting for the Key Vault role assignment to take effect ($attempt/20)"
    sleep "${RISK_RETRY_SECONDS:-15}"
  done
  cat "$error" >&2
  rm -f "$error"
  return 1
}

secret_exists() {
  az keyvault secret show --vault-name "$1" --name "$2" --query id --output tsv >/dev/null 2>&1
}

# Makes a new key current; the public part of `previous_private` (a PEM file) becomes the previous key.
install_signing_keys() {
  local vault="$1" current_name="$2" previous_name="$3" previous_private="$4" dir status=0
  dir="$(mktemp -d)"
  (
    umask 077
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$dir/current.pem" 2>/dev/null
    openssl pkey -in "${previous_private:-$dir/current.pem}" -pubout -out "$dir/previous.pem" 2>/dev/null
  ) || status=1
  # Previous first: a reader never sees a current key whose predecessor is missing.
  if [[ $status -eq 0 ]]; then put_secret "$vault" "$previous_name" "$dir/previous.pem" || status=1; fi
  if [[ $status -eq 0 ]]; then put_secret "$vault" "$current_name" "$dir/current.pem" || status=1; fi
  rm -rf "$dir"
  return $status
}

cmd_signing_key() {
  local stamp="$1" vault current previous
  vault="$(stamp_output "$stamp" keyVaultName)"
  current="$(stamp_output "$stamp" signingKeySecretName)"
  previous="$(stamp_output "$stamp" previousSigningKeySecretName)"
  if secret_exists "$vault" "$current"; then
    log "signing key $current already in $vault"
    return
  fi
  log "creating signing key $current in $vault"
  # A fresh stamp has no predecessor: "previous" holds the current key's public part (same key id,
  # so it adds nothing to the published keys).
  install_signing_keys "$vault" "$current" "$previous" ""
}

cmd_rotate_signing_key() {
  local stamp="$1" vault current previous group app dir status=0
  vault="$(stamp_output "$stamp" keyVaultName)"
  current="$(stamp_output "$stamp" signingKeySecretName)"
  previous="$(stamp_output "$stamp" previousSigningKeySecretName)"
  group="$(stamp_output "$stamp" resourceGroupName)"
  app="$(stamp_output "$stamp" functionAppName)"
  log "rotating signing key $current in $vault"
  dir="$(mktemp -d)"
  (umask 077 && az keyvault secret download --vault-name "$vault" --name "$current" --file "$dir/old.pem" --output none) || status=1
  if [[ $status -eq 0 ]]; then install_signing_keys "$vault" "$current" "$previous" "$dir/old.pem" || status=1; fi
  rm -rf "$dir"
  [[ $status -eq 0 ]] || die "rotation failed; the old key is still current"
  # Key Vault references are re-read when the app restarts.
  az functionapp restart --resource-group "$group" --name "$app" --output none
  log "rotated; tokens signed with the old key stay valid until they expire"
}

# shellcheck source=../scripts/check-function-package.sh
source "$repo_root/scripts/check-function-package.sh"

# The normal publish of an isolated-worker app into a fresh $app_root: functions.metadata,
# worker.config.json, host.json, extensions.json and .azurefunctions/ at the top.
publish_app() {
  local args log
  [[ -f "$app_project" ]] || die "the app project $app_project does not exist"
  # A wrong RISK_ARTIFACTS_DIR must not wipe unrelated files.
  if [[ -d "$app_root" && -n "$(ls -A "$app_root")" && ! -f "$app_root/host.json" ]]; then
    die "$app_root is not empty and is no app root (no host.json); refusing to replace it"
  fi
  rm -rf "$app_root"
  mkdir -p "$app_root"
  # FunctionsSkipHostExtensions=false explicitly: the project may default it to true for local builds.
  args=(publish "$app_project" --configuration Release --output "$app_root" -nologo -v quiet -p:FunctionsSkipHostExtensions=false)
  if [[ "${RISK_READY_TO_RUN:-1}" != 0 ]]; then
    args+=(--runtime linux-x64 --self-contained false -p:PublishReadyToRun=true)
  fi
  log="$(mktemp)"
  if ! dotnet "${args[@]}" >"$log" 2>&1; then
    cat "$log" >&2
    if grep -q 'NU1101' "$log"; then
      rm -f "$log"
      die "the restore failed (NU1101): this NuGet feed lacks the host-side extensions the worker SDK restores" \
        "(Microsoft.Azure.WebJobs.Extensions.*). Package on a machine with the public NuGet feed (nuget.org)."
    fi
    rm -f "$log"
    die "dotnet publish $app_project failed"
  fi
  rm -f "$log"
}

cmd_package() {
  if [[ "${RISK_SKIP_PUBLISH:-0}" != 1 ]]; then
    log "publishing the function app root to $app_root"
    publish_app
  fi
  [[ -f "$app_root/host.json" ]] || die "$app_root/host.json not found: not a Functions app root"
  check_function_package "$app_root" || die "$app_root is not deployable (see above)"
  if [[ -n "${RISK_IP_DATA_DIR:-}" ]]; then
    [[ -d "$RISK_IP_DATA_DIR" ]] || die "RISK_IP_DATA_DIR=$RISK_IP_DATA_DIR is not a directory"
    # The app resolves relative IpIntelligence paths against its content root, the package root.
    rm -rf "$app_root/ipdata"
    mkdir -p "$app_root/ipdata"
    cp -R "$RISK_IP_DATA_DIR"/. "$app_root/ipdata/"
    log "IP-intelligence data from $RISK_IP_DATA_DIR added as ipdata/"
  fi
  command -v zip >/dev/null || die "zip is not installed (apt-get install zip)"
  rm -f "$app_zip"
  # Zipped from inside the app root: what Flex Consumption runs sits at the top of the zip
  # (host.json, functions.metadata, worker.config.json, extensions.json, .azurefunctions/).
  (cd "$app_root" && zip -q -r -X "$app_zip" .)
  log "packaged $app_zip ($(du -h "$app_zip" | cut -f1))"
}

cmd_deploy() {
  local stamp="$1" group app url
  [[ -f "$app_zip" ]] || die "$app_zip not found; run: infra/deploy.sh package"
  group="$(stamp_output "$stamp" resourceGroupName)"
  app="$(stamp_output "$stamp" functionAppName)"
  url="$(stamp_output "$stamp" functionAppUrl)"
  log "deploying $app_zip to $app ($group)"
  az functionapp deployment source config-zip --resource-group "$group" --name "$app" --src "$app_zip" --output none
  log "waiting for $url/health"
  curl --fail --silent --show-error --retry 20 --retry-delay 6 --retry-all-errors --max-time 10 "$url/health" >/dev/null
  log "stamp $stamp is serving at $url"
}

main() {
  [[ $# -ge 1 ]] || usage
  local command="$1"
  shift
  case "$command" in
    package)
      [[ $# -eq 0 ]] || usage
      cmd_package ;;
    up | what-if | provision | signing-key | rotate-signing-key | deploy)
      [[ $# -eq 1 ]] || usage
      # Validated here: a failure inside a later $(...) would not stop the script.
      parameter_file "$1" >/dev/null
      case "$command" in
        up) cmd_provision "$1"; cmd_signing_key "$1"; cmd_package; cmd_deploy "$1" ;;
        what-if) cmd_what_if "$1" ;;
        provision) cmd_provision "$1" ;;
        signing-key) cmd_signing_key "$1" ;;
        rotate-signing-key) cmd_rotate_signing_key "$1" ;;
        deploy) cmd_deploy "$1" ;;
      esac ;;
    *) usage ;;
  esac
}

main "$@"
