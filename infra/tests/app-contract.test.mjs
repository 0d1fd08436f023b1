// The stamps provision exactly what the app reads: every handler setting is bound by an options
// class, every setting of local.settings.sample.json exists in Azure (or is local-only by design),
// every %setting% and connection of the generated function.json files is provisioned, the tables
// are the storage layer's, and the label queue behaves as the app assumes. Read from what each stamp
// would deploy (compiled main.bicep with the stamp's parameter file).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  contractProblems, queueProblems, readFunctionMetadata, readOptionsKeys, readSampleSettings, readTableNames, runtimeProblems, usesCustomHandler,
} from './lib/app-contract.mjs';
import { stampDeployment, stampFileDeployment } from './lib/deployments.mjs';
import { appSettingsOf } from './lib/policies/identity.mjs';
import { fixturesDir, repoRoot, stampParameterFiles } from './lib/repo.mjs';

const optionsKeys = readOptionsKeys(path.join(repoRoot, 'functions'));
const sampleValues = readSampleSettings(repoRoot);
const sample = sampleValues && Object.keys(sampleValues);
const metadata = readFunctionMetadata(repoRoot);
const stamps = Object.keys(stampParameterFiles());
const storageSources = path.join(repoRoot, 'functions', 'RiskFunctions.Storage');

async function appOf(stamp) {
  const deployment = await stampDeployment(stamp);
  const site = deployment.ofType('Microsoft.Web/sites')[0];
  return { deployment, site, appSettings: appSettingsOf(site).map((s) => s.name) };
}

describe('app contract', () => {
  for (const stamp of stamps) {
    test(`settings_${stamp}_EveryHandlerSettingIsBoundByAnOptionsClass`, async () => {
      assert.deepEqual(contractProblems({ appSettings: (await appOf(stamp)).appSettings, optionsKeys }), []);
    });

    test(`settings_${stamp}_SampleSettingsAreProvisionedOrLocalOnly`, { skip: sample ? false : 'local.settings.sample.json is not in the repository' }, async () => {
      assert.deepEqual(contractProblems({ appSettings: (await appOf(stamp)).appSettings, optionsKeys, sample }), []);
    });

    test(`bindings_${stamp}_PlaceholdersConnectionsAndAlwaysReadyAreProvisioned (function.json from ${metadata.source ?? 'nowhere'})`, { skip: metadata.source ? false : metadata.reason }, async () => {
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
      assert.deepEqual(queueProblems(deployment, { queueName: settings.LabelPropagationQueue, maxDeliveryCount: sampleValues.Labels__MaxDeliveryCount }), []);
    });

    test(`runtime_${stamp}_IsTheStackTheAppIsBuiltFor`, { skip: sampleValues ? false : 'local.settings.sample.json is not in the repository' }, async () => {
      const { site } = await appOf(stamp);
      assert.deepEqual(runtimeProblems({
        sampleWorkerRuntime: sampleValues.FUNCTIONS_WORKER_RUNTIME,
        customHandler: usesCustomHandler(repoRoot),
        stackName: site.properties.functionAppConfig.runtime.name,
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
    assert.deepEqual(queueProblems(deployment, { queueName: 'label-propagation', maxDeliveryCount: '10' }), [
      'label-propagation: maxDeliveryCount is 5, the app counts 10 deliveries (Labels__MaxDeliveryCount)',
    ]);
  });

  test('queue_WithoutDuplicateDetectionOrAlert_IsReported', async () => {
    const deployment = await stampDeployment('sandbox');
    const broken = Object.create(deployment);
    broken.resources = deployment.resources
      .filter((r) => r.type !== 'Microsoft.Insights/metricAlerts')
      .map((r) => (r.type === 'Microsoft.ServiceBus/namespaces/queues' ? { ...r, properties: { ...r.properties, requiresDuplicateDetection: false } } : r));
    assert.deepEqual(queueProblems(broken, { queueName: 'label-propagation', maxDeliveryCount: '10' }), [
      'label-propagation: requiresDuplicateDetection must be true',
      'label-propagation: no metric alert on its DeadletteredMessages',
    ]);
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

  test('runtimeProblems_CustomHandlerAndWorkers_AreTiedToTheSample', () => {
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'custom', customHandler: true, stackName: 'dotnet-isolated' }), []);
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', customHandler: false, stackName: 'dotnet-isolated' }), []);
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', customHandler: true, stackName: 'dotnet-isolated' }), [
      'host.json starts a custom handler but local.settings.sample.json says FUNCTIONS_WORKER_RUNTIME=dotnet-isolated',
    ]);
    assert.deepEqual(runtimeProblems({ sampleWorkerRuntime: 'dotnet-isolated', customHandler: false, stackName: 'node' }), [
      'the app runs on FUNCTIONS_WORKER_RUNTIME=dotnet-isolated but the stamp deploys the node stack (runtime.bicep)',
    ]);
  });

  test('contract_CompleteSettings_HaveNoProblems', () => {
    const problems = contractProblems({ appSettings: complete, optionsKeys: options, sample: ['Storage__ConnectionString', 'LabelPropagationQueue'], functions, alwaysReady: ['http', 'function:LabelPropagation'] });
    assert.deepEqual(problems, []);
  });

  test('contract_MisspeltHandlerSetting_IsReported', () => {
    const settings = complete.map((s) => (s === 'Security__Signing__CurrentKey' ? 'Security__Signing__CurentKey' : s));
    assert.deepEqual(contractProblems({ appSettings: settings, optionsKeys: options }), [
      'app setting Security__Signing__CurentKey is read by no options class (a typo, or a setting the handler dropped)',
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
