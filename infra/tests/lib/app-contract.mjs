// What the deployed app expects from its stamp, read from the app's own sources: the settings its
// options classes bind, the settings local.settings.sample.json lists, and the bindings of the
// functions.metadata the isolated-worker SDK generates in its build output.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { isoDurationSeconds } from './stamp-files.mjs';

/**
 * Settings that exist only on a developer machine, each with what replaces it in a stamp. A sample
 * key that is neither provisioned nor listed here fails the contract check.
 */
export const LOCAL_ONLY_SETTINGS = {
  AzureWebJobsStorage: 'AzureWebJobsStorage__accountName with the managed identity',
  FUNCTIONS_WORKER_RUNTIME: 'functionAppConfig.runtime of the Flex Consumption app',
  ServiceBusConnection: 'ServiceBusConnection__fullyQualifiedNamespace with the managed identity',
  Storage__ConnectionString: 'Storage__TableEndpoint with Storage__ManagedIdentityClientId',
  Security__Signing__KeyDirectory: 'Security__Signing__CurrentKey and __PreviousKey (Key Vault references)',
  LocalServiceBus__MaxDeliveryCount: 'the label queue\'s maxDeliveryCount (modules/servicebus.bicep), read by the local host only',
  Logging__LogLevel__Default: 'the platform defaults and host.json logging.logLevel',
  'Logging__LogLevel__Microsoft.AspNetCore': 'the platform defaults and host.json logging.logLevel',
};

/** App settings the Functions host and platform read, not the app. */
export function isPlatformSetting(name) {
  return /^(AzureWebJobs|APPLICATIONINSIGHTS_|FUNCTIONS_|WEBSITE_|AZURE_FUNCTIONS_)/.test(name);
}

/**
 * Configuration keys the app binds, from every `*Options` class: `Section__Property` (nested
 * sections joined with `__`), compared case-insensitively as .NET does. The section is the class's
 * `SectionName` constant, or what `AddOptions<T>().BindConfiguration(...)` /
 * `Configure<T>(configuration.GetSection(...))` names: a literal or `nameof(...)`.
 */
export function readOptionsKeys(sourceRoot) {
  const sources = csharpFiles(sourceRoot).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const boundSections = new Map();
  const binding = /(?:AddOptions|Configure)<(\w+Options)>\(\s*\)?[\s\S]{0,200}?(?:BindConfiguration|GetSection)\(\s*(?:"([^"]+)"|nameof\((\w+)\))/g;
  for (const { text } of sources) {
    for (const [, className, literal, nameOf] of text.matchAll(binding)) boundSections.set(className, literal ?? nameOf);
  }
  const keys = new Map();
  for (const { file, text } of sources) {
    for (const match of text.matchAll(/class\s+(\w+Options)\b[^{]*\{([\s\S]*?)\n\}/g)) {
      const [, className, body] = match;
      const section = /const\s+string\s+SectionName\s*=\s*"([^"]+)"/.exec(body)?.[1] ?? boundSections.get(className);
      if (!section) continue;
      for (const property of body.matchAll(/public\s+(?!const|static)[\w<>?,\[\]\s.]+?\s+(\w+)\s*\{\s*get;/g)) {
        const key = `${section.replaceAll(':', '__')}__${property[1]}`;
        keys.set(key.toLowerCase(), { key, className, file });
      }
    }
  }
  return keys;
}

/**
 * Table names the storage layer declares: every `...TableName = "name"` constant or property under
 * `sourceRoot` (`const string ActionsTableName = "actions"`, `public static string TableName => "rules"`,
 * `string TableName { get; } = "labels"`), wherever a feature keeps it.
 */
export function readTableNames(sourceRoot) {
  const names = new Set();
  const declaration = /\b\w*TableName\s*(?:=>|=|\{\s*get;\s*(?:init;\s*)?\}\s*=)\s*"([A-Za-z][A-Za-z0-9]{2,62})"/g;
  for (const file of csharpFiles(sourceRoot)) {
    for (const [, name] of readFileSync(file, 'utf8').matchAll(declaration)) names.add(name);
  }
  return [...names].sort();
}

function csharpFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['bin', 'obj'].includes(entry.name) ? [] : csharpFiles(full);
    return entry.name.endsWith('.cs') ? [full] : [];
  });
}

/** `Values` of the app's local.settings.sample.json (beside APP_PROJECT), or undefined when the file does not exist. */
export function readSampleSettings(repoRoot) {
  const file = path.join(repoRoot, path.dirname(APP_PROJECT), 'local.settings.sample.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).Values ?? {};
}

/**
 * The TargetFramework of a project (its own, else the nearest Directory.Build.props above it), or
 * undefined when neither names one.
 */
export function readTargetFramework(repoRoot, projectFile) {
  const candidates = [projectFile];
  for (let dir = path.dirname(projectFile); dir.startsWith(repoRoot); dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'Directory.Build.props'));
    if (dir === repoRoot) break;
  }
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    const framework = /<TargetFramework>\s*([^<\s]+)\s*<\/TargetFramework>/.exec(readFileSync(file, 'utf8'))?.[1];
    if (framework) return framework;
  }
  return undefined;
}

/**
 * The stack the app runs on must be the one it is built for: a worker runs on the stack of its own
 * name (FUNCTIONS_WORKER_RUNTIME), and a .NET isolated worker on the .NET version it targets
 * (TargetFramework net10.0 is Flex Consumption's dotnet-isolated 10.0).
 */
export function runtimeProblems({ sampleWorkerRuntime, stackName, stackVersion, targetFramework }) {
  if (sampleWorkerRuntime !== stackName) {
    return [`the app runs on FUNCTIONS_WORKER_RUNTIME=${sampleWorkerRuntime} but the stamp deploys the ${stackName} stack (runtime.bicep)`];
  }
  if (stackName === 'dotnet-isolated') {
    const dotnet = /^net(\d+\.\d+)$/.exec(targetFramework ?? '')?.[1];
    if (!dotnet) return [`the app's TargetFramework ${targetFramework} names no .NET version the dotnet-isolated stack runs`];
    if (dotnet !== stackVersion) return [`the app targets ${targetFramework} but the stamp deploys dotnet-isolated ${stackVersion} (runtime.bicep); set version '${dotnet}'`];
  }
  return [];
}

/**
 * The label-propagation queue as the app assumes it: the queue its trigger listens on, duplicate
 * detection on (a relay resend with the same MessageId is dropped), dead-lettering after as many
 * deliveries as the app counts (Labels__MaxDeliveryCount), messages kept as long as the app's outbox
 * relay leaves a sent label to the queue (Labels__MessageTimeToLive, in days), and an alert on its dead letters.
 */
export function queueProblems(deployment, { queueName, maxDeliveryCount, messageTimeToLiveDays }) {
  const problems = [];
  const queue = deployment.ofType('Microsoft.ServiceBus/namespaces/queues').find((q) => q.name.endsWith(`/${queueName}`));
  if (!queue) return [`no Service Bus queue ${queueName}`];
  const properties = queue.properties ?? {};
  if (properties.requiresDuplicateDetection !== true) problems.push(`${queueName}: requiresDuplicateDetection must be true`);
  if (properties.maxDeliveryCount !== Number(maxDeliveryCount)) {
    problems.push(`${queueName}: maxDeliveryCount is ${properties.maxDeliveryCount}, the app counts ${maxDeliveryCount} deliveries (Labels__MaxDeliveryCount)`);
  }
  const timeToLive = isoDurationSeconds(properties.defaultMessageTimeToLive);
  if (timeToLive !== Number(messageTimeToLiveDays) * 86400) {
    problems.push(`${queueName}: defaultMessageTimeToLive is ${properties.defaultMessageTimeToLive}, the app leaves a sent label to the queue for ${messageTimeToLiveDays} days (Labels__MessageTimeToLive)`);
  }
  if (properties.deadLetteringOnMessageExpiration !== true) problems.push(`${queueName}: deadLetteringOnMessageExpiration must be true`);
  const namespaceId = queue.id.slice(0, queue.id.lastIndexOf('/queues/'));
  const alerted = deployment.ofType('Microsoft.Insights/metricAlerts').some((alert) =>
    (alert.properties?.scopes ?? []).some((s) => String(s).toLowerCase() === namespaceId.toLowerCase())
    && (alert.properties?.criteria?.allOf ?? []).some((c) => c.metricName === 'DeadletteredMessages'
      && (c.dimensions ?? []).some((d) => d.name === 'EntityName' && (d.values ?? []).includes(queueName))));
  if (!alerted) problems.push(`${queueName}: no metric alert on its DeadletteredMessages`);
  return problems;
}

/** The isolated-worker app project, relative to the repository root, whose bindings a stamp provisions. */
export const APP_PROJECT = 'functions/RiskFunctions.Functions/RiskFunctions.Functions.csproj';

/**
 * The functions of the app with their bindings, from the worker's generated functions.metadata.
 * Returns { source, functions: [{ name, bindings }] } or { source: undefined, reason }.
 */
export function readFunctionMetadata(repoRoot, { appProject = APP_PROJECT, build = true } = {}) {
  const project = path.join(repoRoot, appProject);
  const file = workerMetadataFile(project, { build });
  if (!file) return { source: undefined, reason: `no functions.metadata under ${path.relative(repoRoot, path.join(path.dirname(project), 'bin'))}; build ${appProject} first` };
  return { source: path.relative(repoRoot, file), functions: readWorkerMetadata(file) };
}

/**
 * The newest functions.metadata in the build output of an isolated-worker project (bin/<configuration>/<framework>/).
 * With `build`, a project that has none is built first the way this repository builds worker apps
 * (FunctionsSkipHostExtensions=true: the bindings are the same, the host extensions are not needed to read them).
 */
export function workerMetadataFile(projectFile, { build = false } = {}) {
  const found = newestFile(path.join(path.dirname(projectFile), 'bin'), 'functions.metadata', 3);
  if (found || !build) return found;
  const run = spawnSync('dotnet', ['build', projectFile, '-p:FunctionsSkipHostExtensions=true', '-nologo', '-v', 'quiet'], { encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) throw new Error(`dotnet build ${projectFile} failed:\n${(run.stdout + run.stderr).slice(-4000) || run.error}`);
  return newestFile(path.join(path.dirname(projectFile), 'bin'), 'functions.metadata', 3);
}

/** The functions of a worker's functions.metadata (a JSON array of { name, bindings, ... }), by name. */
export function readWorkerMetadata(file) {
  const declared = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(declared)) throw new Error(`${file} is not a JSON array of functions`);
  return declared
    .map((f) => ({ name: f.name, bindings: f.bindings ?? [] }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function newestFile(dir, name, depth) {
  if (!existsSync(dir)) return undefined;
  const candidates = [];
  const walk = (current, level) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory() && level < depth) walk(full, level + 1);
      else if (entry.isFile() && entry.name === name) candidates.push({ file: full, time: statSync(full).mtimeMs });
    }
  };
  walk(dir, 0);
  return candidates.sort((a, b) => b.time - a.time)[0]?.file;
}


/** Settings the bindings refer to: `%Name%` placeholders and connection names. */
export function bindingRequirements(functions) {
  const placeholders = new Map();
  const connections = new Map();
  for (const { name, bindings } of functions) {
    for (const binding of bindings) {
      for (const value of Object.values(binding)) {
        for (const match of String(value).matchAll(/%([^%]+)%/g)) placeholders.set(match[1], `${name}.${binding.name}`);
      }
      if (binding.connection) connections.set(binding.connection, { function: name, type: binding.type });
      // Timer schedules and blob/queue triggers without a connection use AzureWebJobsStorage.
      if (/^(timerTrigger|blobTrigger|queueTrigger)$/i.test(binding.type) && !binding.connection) {
        connections.set('AzureWebJobsStorage', { function: name, type: binding.type });
      }
    }
  }
  return { placeholders, connections };
}

/** True when the settings make `connection` an identity-based connection the host can open. */
export function isProvisionedConnection(connection, settingNames) {
  const has = (suffix) => settingNames.has(`${connection}__${suffix}`);
  return (has('fullyQualifiedNamespace') || has('accountName') || has('serviceUri') || has('blobServiceUri')) && has('credential');
}

/**
 * Every way the stamp's app settings and the app can disagree, as messages.
 * @param appSettings names provisioned on the function app
 * @param optionsKeys result of readOptionsKeys
 * @param sample keys of local.settings.sample.json, or undefined to skip that comparison
 * @param functions functions with their bindings (readFunctionMetadata), or undefined to skip the binding comparison
 * @param localOnly sample keys a stamp does not provision, with their Azure counterpart (LOCAL_ONLY_SETTINGS)
 * @param alwaysReady names used in the stamps' alwaysReady settings
 */
export function contractProblems({ appSettings, optionsKeys, sample, functions, alwaysReady = [], localOnly = LOCAL_ONLY_SETTINGS }) {
  const problems = [];
  const provisioned = new Set(appSettings);
  const { placeholders, connections } = bindingRequirements(functions ?? []);
  for (const name of appSettings) {
    if (isPlatformSetting(name)) continue;
    const [prefix, ...rest] = name.split('__');
    if (rest.length === 0) {
      // No section, so no options class binds it: only a binding's placeholder can use it.
      if (functions && !placeholders.has(name)) problems.push(`app setting ${name} is referred to by no binding (%${name}%)`);
      continue;
    }
    const identityConnection = rest.length === 1 && /^(fullyQualifiedNamespace|accountName|serviceUri|blobServiceUri|queueServiceUri|tableServiceUri|credential|clientId)$/.test(rest[0]);
    if (identityConnection && (functions ? connections.has(prefix) : true)) continue;
    if (!optionsKeys.has(name.toLowerCase())) {
      problems.push(`app setting ${name} is read by no options class (a typo, or a setting the app dropped)`);
    }
  }
  if (sample) {
    for (const key of sample) {
      if (!provisioned.has(key) && !(key in localOnly)) {
        problems.push(`local.settings.sample.json has ${key}, which no stamp provisions; provision it in modules/functionapp.bicep or list it in LOCAL_ONLY_SETTINGS with its Azure counterpart`);
      }
    }
    for (const key of Object.keys(localOnly)) {
      if (provisioned.has(key)) problems.push(`${key} is listed as local-only but is provisioned too`);
    }
  }
  if (functions) {
    for (const [setting, where] of placeholders) {
      if (!provisioned.has(setting)) problems.push(`${where} refers to %${setting}%, which no app setting provides`);
    }
    for (const [connection, { function: fn, type }] of connections) {
      if (!isProvisionedConnection(connection, provisioned)) {
        problems.push(`${fn} (${type}) uses connection ${connection}, which is not provisioned as an identity-based connection`);
      }
    }
    const names = new Set(functions.map((f) => f.name.toLowerCase()));
    for (const group of alwaysReady) {
      const fn = /^function:(.+)$/.exec(group)?.[1];
      if (fn ? !names.has(fn.toLowerCase()) : !['http', 'blob', 'durable'].includes(group)) {
        problems.push(`alwaysReady names ${group}, which is neither a trigger group nor a function of the app`);
      }
    }
  }
  return problems;
}
