// One parameter file per stamp, each built by the compiler against main.bicep (so its values are
// type-checked against StampSettings) and sensible where types cannot tell.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { compile, compileParams, describeDiagnostics } from './lib/bicep.mjs';
import { stampFileDeployment } from './lib/deployments.mjs';
import { envDir, mainBicep, stampParameterFiles } from './lib/repo.mjs';
import { fileSetProblems, isoDurationSeconds, stampNames, stampValueProblems } from './lib/stamp-files.mjs';

const files = stampParameterFiles();
const scratch = [];
after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Builds a parameter file written next to a scratch copy, `using` the real main.bicep. */
async function buildEdited(body) {
  const dir = mkdtempSync(path.join(tmpdir(), 'risk-env-'));
  scratch.push(dir);
  const file = path.join(dir, 'edited.bicepparam');
  const using = path.relative(dir, mainBicep).split(path.sep).join('/');
  const production = path.relative(dir, path.join(envDir, 'production.bicep')).split(path.sep).join('/');
  writeFileSync(file, `using '${using}'\n\nimport { production } from '${production}'\n\n${body}\n`);
  return compileParams(file);
}

const codes = (diagnostics) => diagnostics.map((d) => `${d.level} ${d.code}`).sort();

describe('stamp parameter files', () => {
  test('stamps_Declared_AreSandboxAndTheFourRegions', async () => {
    const { template } = await compile(mainBicep);
    assert.deepEqual(stampNames(template).sort(), ['au', 'ca', 'eu', 'sandbox', 'us']);
    assert.deepEqual(fileSetProblems(stampNames(template), Object.keys(files)), []);
  });

  for (const [stamp, file] of Object.entries(files)) {
    test(`buildParams_${stamp}_CompilesAgainstMainWithoutDiagnostics`, async () => {
      const deployment = await stampFileDeployment(file);
      assert.deepEqual(deployment.diagnostics, [], `\n${describeDiagnostics(deployment.diagnostics)}`);
      assert.deepEqual(stampValueProblems(deployment.stamp, stamp), []);
    });
  }

  test('fileSet_StampWithoutFileAndFileWithoutStamp_AreReported', () => {
    assert.deepEqual(fileSetProblems(['sandbox', 'us', 'ca'], ['sandbox', 'us', 'uk']), [
      "stamp 'ca' has no parameter file env/ca.bicepparam",
      'env/uk.bicepparam is for no stamp of StampSettings.name (sandbox, us, ca)',
    ]);
  });

  test('buildParams_WrongTypesUnknownKeysAndRanges_AreCompileErrors', async () => {
    const built = await buildEdited(`param stamp = {
  ...production
  name: 'uk'
  location: 'eastus2'
  functionApp: {
    ...production.functionApp
    instanceMemoryMB: 1024
    maximumInstanceCount: '100'
  }
  serviceBus: {
    sku: 'Premium'
    labelQueueName: 'label-propagation'
    lockDuration: 'PT1M'
    messageTimeToLiveDays: 14
    duplicateDetectionWindow: 'PT1H'
    maxDeliveryCnt: 10
  }
  monitoring: {
    retentionInDays: 7
    dailyQuotaGb: -1
  }
}`);
    assert.equal(built.success, false);
    const expected = [
      /property "name" expected .* but the provided value is of type "'uk'"/,
      /"instanceMemoryMB" expected a value of type "2048 \| 4096 \| 512" but the provided value is of type "1024"/,
      /"maximumInstanceCount" expected a value of type "int" but the provided value is of type "'100'"/,
      /missing the following required properties: "maxDeliveryCount"/,
      /"maxDeliveryCnt" is not allowed/,
      /less than or equal to 7\) is too small .* minimum allowable value is 30/,
    ];
    assert.equal(built.diagnostics.length, expected.length, describeDiagnostics(built.diagnostics));
    for (const pattern of expected) assert.ok(built.diagnostics.some((d) => d.level === 'Error' && pattern.test(d.message)), `${pattern}\n${describeDiagnostics(built.diagnostics)}`);
  });

  test('buildParams_UndeclaredParameter_IsACompileError', async () => {
    const built = await buildEdited(`param stamp = {
  ...production
  name: 'us'
  location: 'eastus2'
  privateNetwork: {
    addressPrefix: '10.10.0.0/22'
  }
}

param region = 'us'`);
    assert.equal(built.success, false);
    assert.deepEqual(codes(built.diagnostics), ['Error BCP259']);
  });

  test('values_NameRegionWorkloadDurationsAndNetwork_AreEachReported', () => {
    const problems = stampValueProblems({
      name: 'eu',
      environment: 'production',
      location: 'mars-north',
      workload: 'Risk',
      serviceBus: { sku: 'Standard', lockDuration: 'PT10M', messageTimeToLiveDays: 14, duplicateDetectionWindow: '1 hour' },
    }, 'uk');
    assert.deepEqual(problems, [
      "stamp.name is 'eu' but the file is for 'uk'",
      "stamp.location 'mars-north' is not an Azure region name",
      'stamp.workload must be lowercase letters and digits (it is part of the storage account name)',
      "stamp.serviceBus.lockDuration 'PT10M' must be between 5s and 300s",
      "stamp.serviceBus.duplicateDetectionWindow '1 hour' is not an ISO 8601 duration",
      'a production stamp needs privateNetwork',
    ]);
    assert.deepEqual(stampValueProblems({
      name: 'us', environment: 'production', location: 'eastus2', workload: 'risk',
      serviceBus: { sku: 'Standard', lockDuration: 'PT1M', messageTimeToLiveDays: 14, duplicateDetectionWindow: 'PT1H' },
      privateNetwork: { addressPrefix: '10.10.0.0/26' },
    }, 'us'), [
      'privateNetwork needs serviceBus.sku Premium (private endpoints)',
      "stamp.privateNetwork.addressPrefix '10.10.0.0/26' must be an IPv4 range of /16 to /22",
    ]);
  });

  test('isoDurationSeconds_CommonDurations_AreParsed', () => {
    assert.equal(isoDurationSeconds('PT1M'), 60);
    assert.equal(isoDurationSeconds('P14D'), 14 * 86400);
    assert.equal(isoDurationSeconds('P1DT1H30M'), 86400 + 5400);
    assert.equal(isoDurationSeconds('PT0.5S'), 0.5);
    assert.equal(isoDurationSeconds('1 minute'), undefined);
    assert.equal(isoDurationSeconds('PT'), undefined);
  });
});
