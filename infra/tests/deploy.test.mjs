// The deploy script runs the documented sequence against the Azure CLI. The CLI is the seam: a
// stand-in records every call and answers like `az` does, so the order and arguments are checked
// without a subscription. openssl and zip are the real ones.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { infraDir } from './lib/repo.mjs';
import { writeWorkerAppRoot } from './lib/worker-package.mjs';

const script = path.join(infraDir, 'deploy.sh');
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const missing = ['zip', 'openssl', 'bash'].filter((t) => !has(t));
const skip = missing.length > 0 ? `needs ${missing.join(', ')} on PATH` : false;
const scratch = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const OUTPUTS = {
  resourceGroupName: 'rg-risk-sandbox',
  functionAppName: 'func-risk-sandbox-abc',
  functionAppUrl: 'https://func-risk-sandbox-abc.azurewebsites.net',
  keyVaultName: 'kv-risk-sandbox-abc',
  signingKeySecretName: 'token-signing-key',
  previousSigningKeySecretName: 'token-signing-key-previous',
};

// Answers like `az` for the calls the script makes; records each call as one tab-separated line.
const FAKE_AZ = `#!/usr/bin/env bash
(IFS=$'\\t'; printf '%s\\n' "$*") >> "$FAKE_LOG"
case "$*" in
  "account show --query user.type --output tsv") echo user ;;
  "ad signed-in-user show --query id --output tsv") echo 11111111-2222-3333-4444-555555555555 ;;
  "deployment sub show "*)
    case "$7" in
${Object.entries(OUTPUTS).map(([k, v]) => `      properties.outputs.${k}.value) echo '${v}' ;;`).join('\n')}
    esac ;;
  "keyvault secret show "*) [ -f "$FAKE_STATE/$7.pem" ] || { echo "SecretNotFound" >&2; exit 3; } ;;
  "keyvault secret set "*) cp "\${9}" "$FAKE_STATE/$7.pem" ;;
  "keyvault secret download "*) cp "$FAKE_STATE/$7.pem" "\${9}" ;;
  *) ;;
esac
`;

const FAKE_CURL = `#!/usr/bin/env bash
(IFS=$'\\t'; printf 'curl\\t%s\\n' "$*") >> "$FAKE_LOG"
`;

function sandbox() {
  const root = mkdtempSync(path.join(tmpdir(), 'risk-deploy-'));
  scratch.push(root);
  const bin = path.join(root, 'bin');
  const state = path.join(root, 'state');
  const app = path.join(root, 'artifacts', 'app');
  for (const dir of [bin, state]) mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(bin, 'az'), FAKE_AZ);
  writeFileSync(path.join(bin, 'curl'), FAKE_CURL);
  chmodSync(path.join(bin, 'az'), 0o755);
  chmodSync(path.join(bin, 'curl'), 0o755);
  writeWorkerAppRoot(app);
  const log = path.join(root, 'az.log');
  const run = (...args) => {
    const extraEnv = typeof args.at(-1) === 'object' ? args.pop() : {};
    return spawnSync('bash', [script, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        ...extraEnv,
        PATH: `${bin}:${process.env.PATH}`,
        FAKE_LOG: log,
        FAKE_STATE: state,
        RISK_ARTIFACTS_DIR: path.join(root, 'artifacts'),
        RISK_SKIP_PUBLISH: '1',
        RISK_RETRY_SECONDS: '0',
      },
    });
  };
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\t')) : []);
  return { root, state, app, run, calls, zip: path.join(root, 'artifacts', 'app.zip') };
}

function openssl(...args) {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

/** Unix modes by entry name, read from the zip's central directory. */
function zipModes(file) {
  const data = readFileSync(file);
  const modes = {};
  for (let at = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])), offset = data.readUInt32LE(at + 16), n = data.readUInt16LE(at + 10); n > 0; n -= 1) {
    const nameLength = data.readUInt16LE(offset + 28);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    modes[name] = data.readUInt32LE(offset + 38) >>> 16;
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return modes;
}

describe('deploy script', { skip }, () => {
  test('syntax_DeployScript_ParsesWithBash', () => {
    const result = spawnSync('bash', ['-n', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });

  test('up_Sandbox_ProvisionsCreatesKeyPackagesAndDeploysInOrder', () => {
    const box = sandbox();
    const result = box.run('up', 'sandbox');
    assert.equal(result.status, 0, result.stderr);
    const calls = box.calls();
    const create = calls.find((c) => c[0] === 'deployment' && c[2] === 'create');
    assert.deepEqual(create, [
      'deployment', 'sub', 'create',
      '--name', 'riskfunctions-stamp-sandbox',
      '--location', 'eastus2',
      '--template-file', path.join(box.root, 'artifacts', 'arm', 'main.json'),
      '--parameters', `@${path.join(box.root, 'artifacts', 'arm', 'sandbox.parameters.json')}`,
      '--parameters', 'deployerPrincipalId=11111111-2222-3333-4444-555555555555', 'deployerPrincipalType=User',
      '--output', 'none',
    ]);
    // What az receives is the compiler's output for main.bicep and env/sandbox.bicepparam.
    const template = JSON.parse(readFileSync(path.join(box.root, 'artifacts', 'arm', 'main.json'), 'utf8'));
    assert.equal(template.$schema, 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#');
    const parameters = JSON.parse(readFileSync(path.join(box.root, 'artifacts', 'arm', 'sandbox.parameters.json'), 'utf8'));
    assert.equal(parameters.parameters.stamp.value.name, 'sandbox');
    const order = calls.map((c) => c.slice(0, 3).join(' '));
    const index = (prefix) => order.findIndex((o) => o.startsWith(prefix));
    assert.ok(index('deployment sub create') < index('keyvault secret set'), order.join('\n'));
    assert.ok(index('keyvault secret set') < index('functionapp deployment source'), order.join('\n'));
    assert.ok(index('functionapp deployment source') < index('curl'), order.join('\n'));
    const deploy = calls.find((c) => c[0] === 'functionapp');
    assert.deepEqual(deploy, [
      'functionapp', 'deployment', 'source', 'config-zip',
      '--resource-group', 'rg-risk-sandbox', '--name', 'func-risk-sandbox-abc', '--src', box.zip, '--output', 'none',
    ]);
    assert.ok(calls.find((c) => c[0] === 'curl').includes('https://func-risk-sandbox-abc.azurewebsites.net/health'));
  });

  test('signingKey_Absent_StoresANewRsaKeyAndItsPublicPartAsPreviousOnce', () => {
    const box = sandbox();
    assert.equal(box.run('signing-key', 'sandbox').status, 0);
    const current = path.join(box.state, 'token-signing-key.pem');
    assert.match(readFileSync(current, 'utf8'), /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(openssl('pkey', '-in', current, '-noout', '-text'), /Private-Key: \(3072 bit/);
    const previous = path.join(box.state, 'token-signing-key-previous.pem');
    assert.match(readFileSync(previous, 'utf8'), /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(readFileSync(previous, 'utf8'), openssl('pkey', '-in', current, '-pubout'));
    const sets = box.calls().filter((c) => c[0] === 'keyvault' && c[2] === 'set');
    assert.deepEqual(sets.map((c) => c.slice(3, 7)), [
      ['--vault-name', 'kv-risk-sandbox-abc', '--name', 'token-signing-key-previous'],
      ['--vault-name', 'kv-risk-sandbox-abc', '--name', 'token-signing-key'],
    ]);
    assert.ok(sets.every((c) => c.includes('application/x-pem-file')));

    assert.equal(box.run('signing-key', 'sandbox').status, 0);
    assert.equal(box.calls().filter((c) => c[0] === 'keyvault' && c[2] === 'set').length, 2, 'existing keys must not be replaced');
  });

  test('rotateSigningKey_ExistingKey_NewCurrentOldPublicAsPreviousThenRestart', () => {
    const box = sandbox();
    assert.equal(box.run('signing-key', 'sandbox').status, 0);
    const current = path.join(box.state, 'token-signing-key.pem');
    const oldPublic = openssl('pkey', '-in', current, '-pubout');
    const result = box.run('rotate-signing-key', 'sandbox');
    assert.equal(result.status, 0, result.stderr);
    assert.equal(readFileSync(path.join(box.state, 'token-signing-key-previous.pem'), 'utf8'), oldPublic);
    assert.notEqual(openssl('pkey', '-in', current, '-pubout'), oldPublic, 'the current key was not replaced');
    const last = box.calls().at(-1);
    assert.deepEqual(last, ['functionapp', 'restart', '--resource-group', 'rg-risk-sandbox', '--name', 'func-risk-sandbox-abc', '--output', 'none']);
  });

  test('package_PublishedWorkerApp_ZipsWhatFlexRunsAtTheTop', () => {
    const box = sandbox();
    const result = box.run('package');
    assert.equal(result.status, 0, result.stderr);
    const entries = Object.keys(zipModes(box.zip));
    for (const entry of ['host.json', 'functions.metadata', 'worker.config.json', 'extensions.json', 'RiskFunctions.Functions.dll',
      '.azurefunctions/Microsoft.Azure.WebJobs.Extensions.ServiceBus.dll']) {
      assert.ok(entries.includes(entry), `${entry} not at the top of the zip: ${entries.join(', ')}`);
    }
  });

  test('package_SkipHostExtensionsBuild_IsRefusedAndNothingIsZipped', () => {
    const box = sandbox();
    rmSync(box.app, { recursive: true });
    writeWorkerAppRoot(box.app, { hostExtensions: 'skipped' });
    const result = box.run('package');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no extensions\.json or \.azurefunctions\/.*the Service Bus trigger would never fire in Azure/);
    assert.match(result.stderr, /FunctionsSkipHostExtensions=true/);
    assert.equal(existsSync(box.zip), false, 'a refused package was zipped');
  });

  test('package_WithoutServiceBusExtension_IsRefused', () => {
    const box = sandbox();
    rmSync(box.app, { recursive: true });
    writeWorkerAppRoot(box.app, { hostExtensions: 'without-service-bus' });
    const result = box.run('package');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /extensions\.json registers no Service Bus extension/);
    assert.equal(existsSync(box.zip), false, 'a refused package was zipped');
  });

  test('package_WithIpDataDir_ShipsTheFilesAtThePackageRoot', () => {
    const box = sandbox();
    const data = path.join(box.root, 'ipdata-source');
    mkdirSync(data);
    writeFileSync(path.join(data, 'dbip-country-lite.csv'), '1.0.0.0,1.0.0.255,AU\n');
    const result = box.run('package', { RISK_IP_DATA_DIR: data });
    assert.equal(result.status, 0, result.stderr);
    assert.ok('ipdata/dbip-country-lite.csv' in zipModes(box.zip), Object.keys(zipModes(box.zip)).join(', '));
  });

  test('package_FolderWithoutHostJson_Fails', () => {
    const box = sandbox();
    rmSync(path.join(box.root, 'artifacts', 'app', 'host.json'));
    const result = box.run('package');
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /host\.json not found: not a Functions app root/);
  });

  test('provision_UnknownStamp_FailsBeforeCallingAzure', () => {
    const box = sandbox();
    const result = box.run('provision', 'mars');
    assert.equal(result.status, 1);
    assert.match(result.stderr, /unknown stamp 'mars' \(have: au ca eu sandbox us \)/);
    assert.deepEqual(box.calls(), []);
  });
});
