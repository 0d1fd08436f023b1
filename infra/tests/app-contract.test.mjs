// The stamp provisions exactly what the app reads: every handler setting is bound by an options
// class, every setting of local.settings.sample.json exists in Azure (or is local-only by design),
// and every %setting% and connection of the generated function.json files is provisioned.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { contractProblems, readFunctionMetadata, readOptionsKeys, readSampleSettings, readTableNames } from './lib/app-contract.mjs';
import { appSettingsOf } from './lib/policies/identity.mjs';
import { envDir, infraWorkspaceOnce, repoRoot } from './lib/repo.mjs';

const workspace = infraWorkspaceOnce();
const site = workspace.resources().find((r) => r.type === 'Microsoft.Web/sites' && !r.existing);
const appSettings = appSettingsOf(site.instances[0]).map((s) => s.name);
const optionsKeys = readOptionsKeys(path.join(repoRoot, 'functions'));
const sample = readSampleSettings(repoRoot);
const metadata = readFunctionMetadata(repoRoot);
const alwaysReady = readdirSync(envDir).flatMap((f) =>
  JSON.parse(readFileSync(path.join(envDir, f), 'utf8')).parameters.stamp.value.functionApp.alwaysReady.map((a) => a.name),
);

describe('app contract', () => {
  test('settings_EveryHandlerSetting_IsBoundByAnOptionsClass', () => {
    assert.deepEqual(contractProblems({ appSettings, optionsKeys }), []);
  });

  test('tables_Provisioned_AreExactlyTheTablesTheStorageLayerDeclares', () => {
    const declared = readTableNames(path.join(repoRoot, 'functions'));
    const provisioned = workspace.resources()
      .filter((r) => r.type === 'Microsoft.Storage/storageAccounts/tableServices/tables')
      .flatMap((r) => r.instances.map((body) => body.name))
      .sort();
    assert.ok(declared.length > 0, 'no `const string ...TableName = "..."` found in functions/');
    assert.deepEqual(provisioned, declared, 'add or remove the table in appTables of infra/modules/storage.bicep');
  });

  test('settings_SampleSettings_AreProvisionedOrLocalOnly', { skip: sample ? false : 'local.settings.sample.json is not in the repository' }, () => {
    assert.deepEqual(contractProblems({ appSettings, optionsKeys, sample }), []);
  });

  test(`bindings_PlaceholdersConnectionsAndAlwaysReady_AreProvisioned (function.json from ${metadata.source ?? 'nowhere'})`, { skip: metadata.source ? false : metadata.reason }, () => {
    assert.ok(metadata.functions.length > 0, 'the app declares no function');
    assert.deepEqual(contractProblems({ appSettings, optionsKeys, functions: metadata.functions, alwaysReady }), []);
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
