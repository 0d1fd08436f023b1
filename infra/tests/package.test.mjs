// The package check refuses what would deploy but never run its Service Bus trigger: the output of
// the local FunctionsSkipHostExtensions build (no extensions.json, no .azurefunctions/) and a publish
// whose extensions.json lacks the Service Bus extension. deploy.sh's publish step runs `dotnet publish`
// without that property; `dotnet` is the seam there, a stand-in that records its arguments and writes
// the output a real publish (or a skip build) would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { repoRoot } from './lib/repo.mjs';
import { writeWorkerAppRoot } from './lib/worker-package.mjs';

const checkScript = path.join(repoRoot, 'scripts', 'check-function-package.sh');
const deployScript = path.join(repoRoot, 'infra', 'deploy.sh');
const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const skip = has('bash') ? false : 'needs bash on PATH';
const scratch = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'risk-package-'));
  scratch.push(dir);
  return dir;
}

/** Runs check_function_package the way deploy.sh does: the script sourced, the function called. */
function check(appRoot) {
  return spawnSync('bash', ['-c', 'source "$0" && check_function_package "$1"', checkScript, appRoot], { encoding: 'utf8' });
}

describe('package check', { skip }, () => {
  test('check_PublishWithServiceBusExtension_IsAccepted', () => {
    const result = check(writeWorkerAppRoot(path.join(tempDir(), 'app')));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stderr, '');
  });

  test('check_SkipHostExtensionsBuildWithoutExtensionsJson_IsRefusedSayingTheTriggerWouldNeverFire', () => {
    const result = check(writeWorkerAppRoot(path.join(tempDir(), 'app'), { hostExtensions: 'skipped' }));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no extensions\.json or \.azurefunctions\/, so the Functions host would load no trigger extension and the Service Bus trigger would never fire in Azure/);
    assert.match(result.stderr, /the output of a build with FunctionsSkipHostExtensions=true/);
  });

  test('check_ExtensionsJsonWithoutServiceBus_IsRefused', () => {
    const result = check(writeWorkerAppRoot(path.join(tempDir(), 'app'), { hostExtensions: 'without-service-bus' }));
    assert.equal(result.status, 1);
    assert.match(result.stderr, /extensions\.json registers no Service Bus extension \(no entry whose name or typeName mentions ServiceBus\), so the Service Bus trigger would never fire in Azure/);
  });

  test('check_ServiceBusNamedByTypeNameOnly_IsAccepted', () => {
    const app = writeWorkerAppRoot(path.join(tempDir(), 'app'));
    const file = path.join(app, 'extensions.json');
    const { extensions } = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ extensions: extensions.map((e) => ({ ...e, name: 'Extension' })) }));
    const result = check(app);
    assert.equal(result.status, 0, result.stderr);
  });

  test('check_ServiceBusAssemblyMissingFromAzureFunctionsFolder_IsRefused', () => {
    const app = writeWorkerAppRoot(path.join(tempDir(), 'app'));
    rmSync(path.join(app, '.azurefunctions', 'Microsoft.Azure.WebJobs.Extensions.ServiceBus.dll'));
    const result = check(app);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /the Service Bus extension assembly \.\/\.azurefunctions\/Microsoft\.Azure\.WebJobs\.Extensions\.ServiceBus\.dll named by extensions\.json is missing/);
  });

  test('check_InvalidExtensionsJson_IsRefused', () => {
    const app = writeWorkerAppRoot(path.join(tempDir(), 'app'));
    writeFileSync(path.join(app, 'extensions.json'), '{"extensions": [');
    const result = check(app);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /extensions\.json is not valid JSON/);
  });

  test('check_CustomHandlerAppRoot_IsRefusedAsNoWorkerPublish', () => {
    const app = path.join(tempDir(), 'app');
    mkdirSync(path.join(app, 'Health'), { recursive: true });
    writeFileSync(path.join(app, 'host.json'), '{"version":"2.0","customHandler":{}}');
    writeFileSync(path.join(app, 'Health', 'function.json'), '{"bindings":[]}');
    const result = check(app);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /no functions\.metadata worker\.config\.json; not the publish output of an isolated-worker app/);
  });

  test('check_RunAsAScript_ExitsWithTheFunctionsStatus', () => {
    const good = spawnSync('bash', [checkScript, writeWorkerAppRoot(path.join(tempDir(), 'app'))], { encoding: 'utf8' });
    assert.equal(good.status, 0, good.stderr);
    const bad = spawnSync('bash', [checkScript, writeWorkerAppRoot(path.join(tempDir(), 'app'), { hostExtensions: 'skipped' })], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
  });
});

// Stands in for `dotnet publish`: records its arguments, then writes into --output what FAKE_PUBLISH
// says (a full publish, a skip build) or fails the restore like a feed without the WebJobs extensions.
const FAKE_DOTNET = `#!/usr/bin/env bash
(IFS=$'\\t'; printf '%s\\n' "$*") >> "$FAKE_LOG"
out=""
while [[ $# -gt 0 ]]; do [[ "$1" == --output ]] && out="$2"; shift; done
case "$FAKE_PUBLISH" in
  restore-fails) echo "error NU1101: Unable to find package Microsoft.Azure.WebJobs.Extensions.ServiceBus." >&2; exit 1 ;;
  *) node -e 'import(process.argv[1]).then((m) => m.writeWorkerAppRoot(process.argv[2], { hostExtensions: process.argv[3] }));' "$FAKE_LIB" "$out" "$FAKE_PUBLISH" ;;
esac
`;

/** `infra/deploy.sh package` with its publish step, `dotnet` being the stand-in above. */
function publishSandbox(mode) {
  const root = tempDir();
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'dotnet'), FAKE_DOTNET);
  chmodSync(path.join(bin, 'dotnet'), 0o755);
  const project = path.join(root, 'App', 'App.csproj');
  mkdirSync(path.dirname(project));
  writeFileSync(project, '<Project Sdk="Microsoft.NET.Sdk" />');
  const log = path.join(root, 'dotnet.log');
  const artifacts = path.join(root, 'artifacts');
  const run = (extraEnv = {}) => spawnSync('bash', [deployScript, 'package'], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ...extraEnv,
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_LOG: log,
      FAKE_PUBLISH: mode,
      FAKE_LIB: path.join(repoRoot, 'infra', 'tests', 'lib', 'worker-package.mjs'),
      RISK_APP_PROJECT: project,
      RISK_ARTIFACTS_DIR: artifacts,
      RISK_SKIP_PUBLISH: '0',
    },
  });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split('\t')) : []);
  return { root, project, appRoot: path.join(artifacts, 'app'), zip: path.join(artifacts, 'app.zip'), run, calls };
}

describe('publish step of deploy.sh package', { skip: has('zip') ? skip : 'needs zip on PATH' }, () => {
  test('package_Publish_RunsDotnetPublishReleaseReadyToRunWithTheHostExtensionsAndZipsTheResult', () => {
    const box = publishSandbox('all');
    const result = box.run();
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(box.calls(), [[
      'publish', box.project, '--configuration', 'Release', '--output', box.appRoot, '-nologo', '-v', 'quiet',
      '-p:FunctionsSkipHostExtensions=false', '--runtime', 'linux-x64', '--self-contained', 'false', '-p:PublishReadyToRun=true',
    ]]);
    assert.ok(existsSync(box.zip));
  });

  test('package_ReadyToRunOff_PublishesWithoutRuntimeOrPrecompilation', () => {
    const box = publishSandbox('all');
    const result = box.run({ RISK_READY_TO_RUN: '0' });
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(box.calls()[0].slice(9), ['-p:FunctionsSkipHostExtensions=false']);
  });

  test('package_PublishWithoutHostExtensions_IsRefusedAndNothingIsZipped', () => {
    const box = publishSandbox('skipped');
    const result = box.run();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /the Service Bus trigger would never fire in Azure/);
    assert.equal(existsSync(box.zip), false);
  });

  test('package_FeedWithoutWebJobsExtensions_SaysThePublicFeedIsNeeded', () => {
    const box = publishSandbox('restore-fails');
    const result = box.run();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /the restore failed \(NU1101\): this NuGet feed lacks the host-side extensions .* Package on a machine with the public NuGet feed \(nuget\.org\)/);
  });

  test('package_NonEmptyAppFolderThatIsNoAppRoot_IsLeftAlone', () => {
    const box = publishSandbox('all');
    mkdirSync(box.appRoot, { recursive: true });
    writeFileSync(path.join(box.appRoot, 'notes.txt'), 'keep me');
    const result = box.run();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /is not empty and is no app root \(no host\.json\); refusing to replace it/);
    assert.equal(readFileSync(path.join(box.appRoot, 'notes.txt'), 'utf8'), 'keep me');
    assert.deepEqual(box.calls(), []);
  });

  test('package_MissingAppProject_SaysWhichProject', () => {
    const box = publishSandbox('all');
    rmSync(box.project);
    const result = box.run();
    assert.equal(result.status, 1);
    assert.match(result.stderr, /the app project .*App\.csproj does not exist/);
  });
});
