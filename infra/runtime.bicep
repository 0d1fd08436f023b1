// How the app is hosted: the Flex Consumption stack the app is built for. Moving the app to another
// worker model or .NET version changes this file and nothing else in the templates; the app-contract
// test checks it against the app (local.settings.sample.json's FUNCTIONS_WORKER_RUNTIME and the
// project's TargetFramework).

@export()
@sealed()
@description('The stack of the function app.')
type AppRuntime = {
  @description('Required. functionAppConfig.runtime.name of the Flex Consumption app.')
  name: 'dotnet-isolated' | 'node' | 'python' | 'java' | 'powershell' | 'custom'

  @description('Required. functionAppConfig.runtime.version, as Flex Consumption spells it (e.g. 10.0 for .NET 10).')
  @minLength(1)
  @maxLength(8)
  version: string
}

// The .NET isolated worker: the stack starts `dotnet <app>.dll` (worker.config.json of the package)
// on the .NET runtime of this version. On Flex Consumption the stack is set here and never through a
// FUNCTIONS_WORKER_RUNTIME app setting, which the platform rejects.
@export()
@description('The runtime every stamp deploys.')
var appRuntime AppRuntime = {
  name: 'dotnet-isolated'
  version: '10.0'
}
