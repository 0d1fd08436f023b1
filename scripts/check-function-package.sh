#!/usr/bin/env bash
# Checks that a published isolated-worker app root is deployable to Azure Functions: the worker's
# files (functions.metadata, worker.config.json, host.json) and the host-side extensions it needs
# (extensions.json naming the Service Bus extension, with its assemblies under .azurefunctions/).
#
#   scripts/check-function-package.sh <app root>
#
# A build with FunctionsSkipHostExtensions=true (build/Functions.SkipHostExtensions.targets, how this
# repository builds the app for the local host and the tests) writes neither extensions.json nor
# .azurefunctions/: such a package starts in Azure, but the Functions host loads no Service Bus
# extension, so the LabelPropagation trigger never fires and labels are never propagated. It is refused.
#
# Sourcing this file defines check_function_package without running it.
set -euo pipefail

# Prints why <app root> is not deployable on stderr and returns 1; returns 0 when it is.
check_function_package() {
  local root="${1:?app root}" file missing=() refuse="refusing to package ${1:-}"
  if [[ ! -d "$root" ]]; then
    echo "$refuse: not a directory" >&2
    return 1
  fi
  for file in host.json functions.metadata worker.config.json; do
    [[ -f "$root/$file" ]] || missing+=("$file")
  done
  if [[ ${#missing[@]} -gt 0 ]]; then
    echo "$refuse: no ${missing[*]}; not the publish output of an isolated-worker app (dotnet publish of the function app project)" >&2
    return 1
  fi
  if [[ ! -f "$root/extensions.json" || ! -d "$root/.azurefunctions" ]]; then
    echo "$refuse: no extensions.json or .azurefunctions/, so the Functions host would load no trigger extension and the Service Bus trigger would never fire in Azure." \
      "This is the output of a build with FunctionsSkipHostExtensions=true (the local build)." \
      "Publish without that property, on a machine whose NuGet feed serves the Microsoft.Azure.WebJobs extensions (nuget.org)." >&2
    return 1
  fi
  # An entry whose name or typeName mentions ServiceBus, and its assembly where hintPath says.
  local problem
  problem="$(node -e '
    const fs = require("fs");
    const path = require("path");
    const root = process.argv[1];
    let extensions;
    try {
      extensions = JSON.parse(fs.readFileSync(path.join(root, "extensions.json"), "utf8")).extensions;
    } catch (error) {
      console.log(`extensions.json is not valid JSON (${error.message})`);
      process.exit(0);
    }
    const serviceBus = (Array.isArray(extensions) ? extensions : []).filter((e) => /servicebus/i.test(`${e?.name ?? ""} ${e?.typeName ?? ""}`));
    if (serviceBus.length === 0) {
      console.log("extensions.json registers no Service Bus extension (no entry whose name or typeName mentions ServiceBus)");
    } else {
      const absent = serviceBus.map((e) => e.hintPath).filter((p) => p && !fs.existsSync(path.join(root, p)));
      if (absent.length > 0) console.log(`the Service Bus extension assembly ${absent.join(", ")} named by extensions.json is missing`);
    }' "$root")" || problem="node could not read $root/extensions.json"
  if [[ -n "$problem" ]]; then
    echo "$refuse: $problem, so the Service Bus trigger would never fire in Azure. The app references" \
      "Microsoft.Azure.Functions.Worker.Extensions.ServiceBus; publish it without FunctionsSkipHostExtensions on a feed with nuget.org's packages." >&2
    return 1
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  [[ $# -eq 1 ]] || { sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2; exit 2; }
  check_function_package "$1"
fi
