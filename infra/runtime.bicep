// How the app is hosted: the Flex Consumption stack and the app settings that exist only because of
// that way of hosting. Moving the app to another worker model changes this file and nothing else in
// the templates; the app-contract test derives what it expects from the app's own settings sample.

@export()
@sealed()
@description('The stack of the function app and the settings of its hosting model.')
type AppRuntime = {
  @description('Required. functionAppConfig.runtime.name of the Flex Consumption app.')
  name: 'dotnet-isolated' | 'node' | 'python' | 'java' | 'powershell' | 'custom'

  @description('Required. functionAppConfig.runtime.version.')
  @minLength(1)
  @maxLength(8)
  version: string

  @description('Required. App settings of this hosting model, added to every stamp.')
  settings: {
    *: string
  }
}

// The custom handler: host.json's customHandler section starts the self-contained handler, so the
// stack only provides the host image (Microsoft's own Kestrel custom-handler sample does the same).
// The handler's Kestrel enforces the body limit itself, behind the host's forwarding.
@export()
@description('The runtime every stamp deploys.')
var appRuntime AppRuntime = {
  name: 'dotnet-isolated'
  version: '8.0'
  settings: {
    Hosting__MaxRequestBodyBytes: '65536'
  }
}
