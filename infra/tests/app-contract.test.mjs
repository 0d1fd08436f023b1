// The stamps provision exactly what the app reads: every app setting is bound by an options
// class, every setting of local.settings.sample.json exists in Azure (or is local-only by design),
// every %setting% and connection of the bindings in the worker's generated functions.metadata is
// provisioned, the tables are the storage layer's, the stack is the one the app targets, and the
// label queue behaves as the app assumes. Read from what each stamp
// would deploy (compiled main.bicep with the stamp's parameter file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import {
  APP_PROJECT, bindingRequirements, contractProblems, LOCAL_ONLY_SETTINGS, queueProblems, readFunctionMetadata, readOptionsKeys, readSampleSettings,
  readTableNames, readTargetFramework, readWorkerMetadata, runtimeProblems, workerMetadataFile,
} from './lib/app-contract.mjs';
import { stampDeployment, stampFileDeployment } from './lib/deployments.mjs';
import { appSettingsOf } from './lib/policies/identity.mjs';
import { fixturesDir, repoRoot, stampParameterFiles } from './lib/repo.mjs';

const optionsKeys = readOptionsKeys(path.join(repoRoot, 'functions'));
const sampleValues = readSampleSettings(repoRoot);
const sample = sampleValues && Object.keys(sampleValues);
const metadata = readFunctionMetadataOrReason();
const stamps = Object.keys(stampParameterFiles());
const storageSources = path.join(repoRoot, 'functions', 'RiskFunctions.Storage');

function readFunctionMetadataOrReason() {
  try {
    return readFunctionMetadata(repoRoot);
  } catch (error) {
    return { source: undefined, error };
  }
}

async function appOf(stamp) {
  const deployment = await stampDeployment(stamp);
  const site = deployment.ofType('Microsoft.Web/sites')[0];
  return { deployment, site, appSettings: appSettingsOf(site).map((s) => s.name) };
}

describe('app contract', () => {
  for (const stamp of stamps) {
    test(`settings_${stamp}_EveryAppSettingIsBoundByAnOptionsClass`, async () => {
      assert.deepEqual(contractProblems({ appSettings: (await appOf(stamp)).appSettings, optionsKeys }), []);
    });

    test(`settings_${stamp}_SampleSettingsAreProvisionedOrLocalOnly`, { skip: sample ? false : 'local.settings.sample.json is not in the repository' }, async () => {
      assert.deepEqual(contractProblems({ appSettings: (await appOf(stamp)).appSettings, optionsKeys, sample, localOnly: LOCAL_ONLY_SETTINGS }), []);
    });

    test(`bindings_${stamp}_PlaceholdersConnectionsAndAlwaysReadyAreProvisioned (bindings from ${metadata.source ?? 'nowhere'})`, { skip: metadata.source || metadata.error ? false : metadata.reason }, async () => {
      if (metadata.error) throw metadata.error;
      const { deployment, appSettings } = await appOf(stamp);
      assert.ok(metadata.functions.length > 0, 'the app declares no function');
      const alwaysReady = deployment.stamp.functionApp.alwaysReady.map((a) => a.name);
      assert.deepEqual(contractProblems({ appSettings, optionsKeys, functions: metadata.functions, alwaysReady }), []);
    });

    test(`tables_${stamp}_AreExactlyTheTablesTheStorageLayerDeclares`, async () => {
      const declared = readTableNames(storageSources);
      const provisioned = (await stampDeployment(stamp)).ofType('Microsoft.Storage/storageAccounts/tableServices/tables').map((t) => t.name.split('/').at(-1)).sort();
      assert.deepEqual(provisioned, declared, 'add or remove the table in appTables of infra/modules/storage.bicep');
    });

    test(`queue_${stamp}_MatchesWhatTheAppAssumes`, { skip: sampleValues ? false : 'local.settings.sample.json is not in the repository' }, async () => {
      const { deployment, site } = await appOf(stamp);
      const settings = Object.fromEntries(appSettingsOf(site).map((s) => [s.name, s.value]));
      assert.equal(settings.Labels__MaxDeliveryCount, sampleValues.Labels__MaxDeliveryCount, 'the stamp tells the app another delivery count than the sample');
      assert.match(settings.Labels__MessageTimeToLive ?? '', /^\d+$/, 'the stamp tells the app its queue\'s message time to live in days');
      assert.deepEqual(queueProblems(deployment, {
        queueName: settings.LabelPropagationQueue, maxDeliveryCount: sampleValues.Labels__MaxDeliveryCount, messageTimeToLiveDays: settings.Labels__MessageTimeToLive,
      }), []);
    });

    test(`runtime_${stamp}_IsTheStackTheAppIsBuiltFor`, { skip: sampleValues ? false : 'local.settings.sample.json is not in the repository' }, async () => {
      const { site } = await appOf(stamp);
      assert.deepEqual(runtimeProblems({
        sampleWorkerRuntime: sampleValues.FUNCTIONS_WORKER_RUNTIME,
        stackName: site.properties.functionAppConfig.runtime.name,
        stackVersion: site.properties.functionAppConfig.runtime.version,
        targetFramework: readTargetFramework(repoRoot, path.join(repoRoot, APP_PROJECT)),
      }), []);
    });
  }

  test('tables_StorageLayer_DeclaresSome', () => {
    assert.ok(readTableNames(storageSources).length > 0, 'no `TableName = "..."` constant found under functions/RiskFunctions.Storage');
  });
});

describe('app contract on broken stamps', () => {
  test('queue_DeliveryCountBelowTheAppsCount_IsReported', async () => {
    const deployment = await stampFileDeployment(path.join(fixturesDir, 'policy', 'short-delivery-count.bicepparam'));
    assert.deepEqual(queueProblems(deployment, { queueName: 'label-propagation', maxDeliveryCount: '10', messageTimeToLiveDays: '14' }), [
      'label-propagation: maxDeliveryCount is 5, the app counts 10 deliveries (Labels__MaxDeliveryCount)',
    ]);
  });

  test('queue_WithoutDuplicateDetectionOrAlert_IsReported', async () => {
    const deployment = await stampDeployment('sandbox');
    const broken = Object.create(deployment);
    broken.resources = deployment.resources
      .filter((r) => r.type !== 'Microsoft.Insights/metricAlerts')
      .map((r) => (r.type === 'Microsoft.ServiceBus/namespaces/queues' ? { ...r, properties: { ...r.properties, requiresDuplicateDetection: false } } : r));
    assert.deepEqual(queueProblems(broken, { queueName: 'label-propagation', maxDeliveryCount: '10', messageTimeToLiveDays: '14' }), [
      'label-propagation: requiresDuplicateDetection must be true',
      'label-propagation: no metric alert on its DeadletteredMessages',
    ]);
  });

  test('queue_TimeToLiveOtherThanTheApps_IsReported', async () => {
    const deployment = await stampDeployment('sandbox');
    const broken = Object.create(deployment);
    broken.resources = deployment.resources
      .map((r) => (r.type === 'Microsoft.ServiceBus/namespaces/queues' ? { ...r, properties: { ...r.properties, defaultMessageTimeToLive: 'P7D' } } : r));
    assert.deepEqual(queueProblems(broken, { queueName: 'label-propagation', maxDeliveryCount: '10', messageTimeToLiveDays: '14' }), [
      'label-propagation: defaultMessageTimeToLive is P7D, the app leaves a sent label to the queue for 14 days (Labels__MessageTimeToLive)',
    ]);
  });
});

// The metadata reader against a real isolated-worker build: the sample app the local host tests
// drive (an HTTP trigger, a Service Bus trigger on %SampleQueue% over ServiceBusConnection, a timer).
describe('function metadata of an isolated-worker app', () => {
  const project = path.join(repoRoot, 'tests', 'Fixtures', 'SampleWorkerApp', 'SampleWorkerApp.csproj');
  const settings = JSON.parse(readFileSync(path.join(path.dirname(project), 'sample.settings.json'), 'utf8')).Values;
  const identityConnections = [
    'AzureWebJobsStorage__accountName', 'AzureWebJobsStorage__credential',
    'ServiceBusConnection__fullyQualifiedNamespace', 'ServiceBusConnection__credential', 'ServiceBusConnection__clientId',
  ];
  let functions;
  before(() => {
    functions = readWorkerMetadata(workerMetadataFile(project, { build: true }));
  });
  const named = (name) => functions.find((f) => f.name === name) ?? assert.fail(`no function ${name} in ${functions.map((f) => f.name).join(', ')}`);

  test('readWorkerMetadata_SampleWorkerApp_ReadsEveryTriggerWithItsBindings', () => {
    assert.deepEqual(named('Ping').bindings.map((b) => [b.type, b.route ?? b.name]), [['httpTrigger', 'ping'], ['http', '$return']]);
    const [message] = named('ProcessSampleMessage').bindings;
    assert.deepEqual([message.type, message.queueName, message.connection], ['serviceBusTrigger', '%SampleQueue%', 'ServiceBusConnection']);
    const [timer] = named('SampleTimer').bindings;
    assert.deepEqual([timer.type, timer.schedule], ['timerTrigger', '%SampleSchedule%']);
  });

  test('bindingRequirements_SampleWorkerApp_AreTheSettingsItsSampleSettingsProvide', () => {
    const { placeholders, connections } = bindingRequirements(functions);
    assert.deepEqual([...placeholders.keys()].sort(), ['SampleQueue', 'SampleSchedule']);
    for (const setting of placeholders.keys()) assert.ok(setting in settings, `sample.settings.json lacks ${setting}`);
    assert.deepEqual([...connections.keys()].sort(), ['AzureWebJobsStorage', 'ServiceBusConnection']);
  });

  test('contract_SampleWorkerApp_ProvisionedWithIdentityConnectionsAndPlaceholders_HasNoProblems', () => {
    const appSettings = [...identityConnections, 'SampleQueue', 'SampleSchedule'];
    assert.deepEqual(contractProblems({ appSettings, optionsKeys: new Map(), functions }), []);
  });

  test('contract_SampleWorkerAppWithoutItsQueueSettingAndServiceBusIdentity_IsReported', () => {
    const appSettings = [...identityConnections.filter((s) => !s.startsWith('ServiceBusConnection__')), 'SampleSchedule'];
    assert.deepEqual(contractProblems({ appSettings, optionsKeys: new Map(), functions }), [
      'ProcessSampleMessage.body refers to %SampleQueue%, which no app setting provides',
      'ProcessSampleMessage (serviceBusTrigger) uses connection ServiceBusConnection, which is not provisioned as an identity-based connection',
    ]);
  });

  test('checkFunctionPackage_SampleWorkerAppSkipHostExtensionsBuild_IsRefused', () => {
    // The real output of build/Functions.SkipHostExtensions.targets, not a made-up folder.
    const output = path.dirname(workerMetadataFile(project));
    const result = spawnSync('bash', ['-c', 'source "$0" && check_function_package "$1"', path.join(repoRoot, 'scripts', 'check-function-package.sh'), output], { encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stderr, /no extensions\.json or \.azurefunctions\/.*the Service Bus trigger would never fire in Azure/);
  });

  test('workerMetadataFile_SeveralBuilds_ReadsTheNewestAndNothingWithoutABuild', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'risk-metadata-'));
    try {
      const projectFile = path.join(dir, 'App.csproj');
      writeFileSync(projectFile, '<Project Sdk="Microsoft.NET.Sdk" />');
      assert.equal(workerMetadataFile(projectFile), undefined);
      const older = path.join(dir, 'bin', 'Release', 'net10.0', 'functions.metadata');
      const newer = path.join(dir, 'bin', 'Debug', 'net10.0', 'functions.metadata');
      for (const file of [older, newer]) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, JSON.stringify([{ name: path.basename(path.dirname(path.dirname(file))), bindings: [] }]));
      }
      utimesSync(older, new Date(2020, 0, 1), new Date(2020, 0, 1));
      assert.equal(workerMetadataFile(projectFile), newer);
      assert.deepEqual(readWorkerMetadata(newer), [{ name: 'Debug', bindings: [] }]);
      writeFileSync(older, '{"name":"NotAnArray"}');
      assert.throws(() => readWorkerMetadata(older), /is not a JSON array of functions/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('app contract readers and checks on made-up inputs', () => {
  const options = new Map([['storage__tableendpoint', {}], ['security__signing__currentkey', {}]]);
  const functions = [
    { name: 'Health', bindings: [{ type: 'httpTrigger', name: 'req' }, { type: 'http', name: 'res' }] },
    { name: 'LabelPropagation', bindings: [{ type: 'serviceBusTrigger', name: 'message', queueName: '%LabelPropagationQueue%', connection: 'ServiceBusConnection' }] },
    { name: 'LabelOutboxRelay', bindings: [{ type: 'timerTrigger', name: 'timer', schedule: '%LabelOutboxRelaySchedule%' }] },
  ];
  const complete = [
    'AzureWebJobsStorage__accountName', 'AzureWebJobsStorage__credential', 'AzureWebJobsStorage__clientId',
    'ServiceBusConnection__fullyQualifiedNamespace', 'ServiceBusConnection__credential', 'ServiceBusConnection__clientId',
    'LabelPropagationQueue', 'LabelOutboxRelaySchedule', 'Storage__TableEndpoint', 'Security__Signing__CurrentKey',
  ];

  test('readOptionsKeys_SectionConstantBindConfigurationAndGetSection_AreAllRead', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'risk-options-'));
    try {
      writeFileSync(path.join(dir, 'Options.cs'), [
        'namespace X;',
        'public sealed class StorageOptions',
        '{',
        '    public const string SectionName = "Storage";',
        '    public static StorageOptions Empty { get; } = new();',
        '    public string? TableEndpoint { get; set; }',
        '}',
        'public sealed class RulesOptions',
        '{',
        '    public TimeSpan RefreshInterval { get; init; }',
        '    public IReadOnlyList<string> Validate() => [];',
        '}',
        'public sealed class OtherOptions',
        '{',
        '    public IList<string> Names { get; } = [];',
        '}',
        'public sealed class UnboundOptions',
        '{',
        '    public int Ignored { get; set; }',
        '}',
      ].join('\n'));
      writeFileSync(path.join(dir, 'Setup.cs'), [
        'services.AddOptions<RulesOptions>().BindConfiguration(nameof(RulesOptions)).ValidateOnStart();',
        'services.Configure<OtherOptions>(configuration.GetSection("Features:Other"));',
      ].join('\n'));
      assert.deepEqual([...readOptionsKeys(dir).values()].map((k) => k.key).sort(), [
        'Features__Other__Names', 'RulesOptions__RefreshInterval', 'Storage__TableEndpoint',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('readTableNames_ConstantsAndPropertiesAnywhere_AreAllRead', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'risk-tables-'));
    try {
      mkdirSync(path.join(dir, 'Actions'));
      writeFileSync(path.join(dir, 'Actions', 'ActionTables.cs'), 'static class ActionTables { public const string ActionsTableName = "actions"; }');
      writeFileSync(path.join(dir, 'RuleTable.cs'), 'sealed class RuleTable : ITable { public static string TableName => "rules"; }');
      writeFileSync(path.join(dir, 'LabelTable.cs'), 'sealed class LabelTable { public string TableName { get; } = "labels"; }');
      writeFileSync(path.join(dir, 'Headers.cs'), 'static class Headers { public const string NextTableName = "x-ms-continuation-NextTableName"; }');
      assert.deepEqual(readTableNames(dir), ['actions', 'labels', 'rules']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('runtimeProblems_WorkerRuntime_IsTiedToTheStack', () => {
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', stackName: 'dotnet-isolated', stackVersion: '10.0', targetFramework: 'net10.0' }), []);
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', stackName: 'node' }), [
      'the app runs on FUNCTIONS_WORKER_RUNTIME=dotnet-isolated but the stamp deploys the node stack (runtime.bicep)',
    ]);
  });

  test('runtimeProblems_IsolatedWorkerOnAnotherDotnetVersion_NamesTheVersionToDeploy', () => {
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', stackName: 'dotnet-isolated', stackVersion: '8.0', targetFramework: 'net10.0' }), [
      "the app targets net10.0 but the stamp deploys dotnet-isolated 8.0 (runtime.bicep); set version '10.0'",
    ]);
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', stackName: 'dotnet-isolated', stackVersion: '10.0', targetFramework: undefined }), [
      "the app's TargetFramework undefined names no .NET version the dotnet-isolated stack runs",
    ]);
  });

  test('readTargetFramework_ProjectWithoutOne_ReadsTheNearestDirectoryBuildProps', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'risk-framework-'));
    try {
      mkdirSync(path.join(dir, 'src', 'App'), { recursive: true });
      writeFileSync(path.join(dir, 'Directory.Build.props'), '<Project><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>');
      writeFileSync(path.join(dir, 'src', 'Directory.Build.props'), '<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>');
      writeFileSync(path.join(dir, 'src', 'App', 'App.csproj'), '<Project Sdk="Microsoft.NET.Sdk" />');
      writeFileSync(path.join(dir, 'src', 'Other.csproj'), '<Project><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>');
      assert.equal(readTargetFramework(dir, path.join(dir, 'src', 'App', 'App.csproj')), 'net10.0');
      assert.equal(readTargetFramework(dir, path.join(dir, 'src', 'Other.csproj')), 'net8.0');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('contract_SampleKeyNoStampProvisions_IsReported', () => {
    const sampleKeys = ['Hosting__Port', 'Storage__ConnectionString'];
    const appSettings = ['Storage__TableEndpoint'];
    const keys = new Map([['storage__tableendpoint', {}]]);
    const problems = contractProblems({ appSettings, optionsKeys: keys, sample: sampleKeys, localOnly: LOCAL_ONLY_SETTINGS });
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /^local\.settings\.sample\.json has Hosting__Port, which no stamp provisions/);
  });

  test('contract_CompleteSettings_HaveNoProblems', () => {
    const problems = contractProblems({ appSettings: complete, optionsKeys: options, sample: ['Storage__ConnectionString', 'LabelPropagationQueue'], functions, alwaysReady: ['http', 'function:LabelPropagation'] });
    assert.deepEqual(problems, []);
  });

  test('contract_MisspeltHandlerSetting_IsReported', () => {
    const settings = complete.map((s) => (s === 'Security__Signing__CurrentKey' ? 'Security__Signing__CurentKey' : s));
    assert.deepEqual(contractProblems({ appSettings: settings, optionsKeys: options }), [
      'app setting Security__Signing__CurentKey is read by no options class (a typo, or a setting the app dropped)',
    ]);
  });

  test('contract_SampleSettingNotProvisioned_IsReported', () => {
    const problems = contractProblems({ appSettings: complete, optionsKeys: options, sample: ['Rules__RefreshSeconds'] });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^local\.settings\.sample\.json has Rules__RefreshSeconds, which no stamp provisions/);
  });

  test('contract_MissingPlaceholderConnectionAndUnknownFunction_AreReported', () => {
    const settings = complete.filter((s) => s !== 'LabelOutboxRelaySchedule' && !s.startsWith('ServiceBusConnection__'));
    assert.deepEqual(contractProblems({ appSettings: settings, optionsKeys: options, functions, alwaysReady: ['function:LabelPropagator'] }), [
      'LabelOutboxRelay.timer refers to %LabelOutboxRelaySchedule%, which no app setting provides',
      'LabelPropagation (serviceBusTrigger) uses connection ServiceBusConnection, which is not provisioned as an identity-based connection',
      'alwaysReady names function:LabelPropagator, which is neither a trigger group nor a function of the app',
    ]);
  });
});
