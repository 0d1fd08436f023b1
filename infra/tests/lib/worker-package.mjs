// Published isolated-worker app roots made up for the packaging tests, shaped like `dotnet publish`
// output of the worker SDK: the worker's files at the top, the host-side extensions in
// extensions.json with their assemblies under .azurefunctions/.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const STARTUP = {
  name: 'Startup',
  typeName: 'Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.Startup, Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader, Version=1.0.0.0, Culture=neutral, PublicKeyToken=551316b6919f366c',
  hintPath: './.azurefunctions/Microsoft.Azure.WebJobs.Extensions.FunctionMetadataLoader.dll',
};
const SERVICE_BUS = {
  name: 'ServiceBus',
  typeName: 'Microsoft.Azure.WebJobs.ServiceBus.ServiceBusWebJobsStartup, Microsoft.Azure.WebJobs.Extensions.ServiceBus, Version=5.16.4.0, Culture=neutral, PublicKeyToken=014045d636e89289',
  hintPath: './.azurefunctions/Microsoft.Azure.WebJobs.Extensions.ServiceBus.dll',
};

/**
 * Writes an app root into `dir`.
 * @param hostExtensions 'all' (a deployable publish), 'without-service-bus' (extensions.json lacks it),
 *   or 'skipped' (a FunctionsSkipHostExtensions build: neither extensions.json nor .azurefunctions/)
 */
export function writeWorkerAppRoot(dir, { hostExtensions = 'all' } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'host.json'), '{"version":"2.0"}');
  writeFileSync(path.join(dir, 'RiskFunctions.Functions.dll'), 'MZ');
  writeFileSync(path.join(dir, 'worker.config.json'), JSON.stringify({ description: { language: 'dotnet-isolated', defaultExecutablePath: 'dotnet', defaultWorkerPath: 'RiskFunctions.Functions.dll' } }));
  writeFileSync(path.join(dir, 'functions.metadata'), JSON.stringify([
    { name: 'Health', bindings: [{ name: 'req', direction: 'In', type: 'httpTrigger', route: 'health' }, { name: '$return', type: 'http', direction: 'Out' }] },
    { name: 'LabelPropagation', bindings: [{ name: 'body', direction: 'In', type: 'serviceBusTrigger', queueName: '%LabelPropagationQueue%', connection: 'ServiceBusConnection' }] },
  ]));
  if (hostExtensions === 'skipped') return dir;
  const extensions = hostExtensions === 'all' ? [STARTUP, SERVICE_BUS] : [STARTUP];
  mkdirSync(path.join(dir, '.azurefunctions'), { recursive: true });
  for (const extension of extensions) writeFileSync(path.join(dir, extension.hintPath), 'MZ');
  writeFileSync(path.join(dir, 'extensions.json'), JSON.stringify({ extensions }, null, 2));
  return dir;
}
