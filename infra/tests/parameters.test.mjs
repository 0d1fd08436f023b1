// One parameter file per stamp, each a valid value of main.bicep's typed settings.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { checkParameterFiles, isoDurationSeconds, stampNames } from './lib/policies/parameters.mjs';
import { describe as describeViolations } from './lib/report.mjs';
import { envDir, infraWorkspaceOnce, mainBicep } from './lib/repo.mjs';

const workspace = infraWorkspaceOnce();
const main = workspace.file(mainBicep);
const scratch = [];

/** A copy of env/ with `edit(dir)` applied, checked against the real main.bicep. */
function checkEdited(edit) {
  const dir = mkdtempSync(path.join(tmpdir(), 'risk-env-'));
  scratch.push(dir);
  cpSync(envDir, dir, { recursive: true });
  edit(dir);
  return checkParameterFiles(workspace, main, dir).map((v) => v.message);
}

function editStamp(dir, stamp, change) {
  const file = path.join(dir, `${stamp}.parameters.json`);
  const document = JSON.parse(readFileSync(file, 'utf8'));
  change(document.parameters.stamp.value, document);
  writeFileSync(file, JSON.stringify(document));
}

after(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('parameter files', () => {
  test('stamps_Declared_AreSandboxAndTheFourRegions', () => {
    assert.deepEqual(stampNames(workspace, main, 'StampName'), ['sandbox', 'us', 'eu', 'ca', 'au']);
  });

  test('check_EveryStampFile_IsValid', () => {
    const violations = checkParameterFiles(workspace, main, envDir);
    assert.deepEqual(violations, [], `\n${describeViolations(violations)}`);
  });

  test('check_StampWithoutFile_Fails', () => {
    const messages = checkEdited((dir) => unlinkSync(path.join(dir, 'ca.parameters.json')));
    assert.deepEqual(messages, ["stamp 'ca' has no parameter file"]);
  });

  test('check_FileForUnknownStamp_Fails', () => {
    const messages = checkEdited((dir) => cpSync(path.join(dir, 'eu.parameters.json'), path.join(dir, 'uk.parameters.json')));
    assert.deepEqual(messages, [
      "'uk' is not a stamp of StampName (sandbox, us, eu, ca, au)",
      "stamp.name is 'eu' but the file is for 'uk'",
    ]);
  });

  test('check_WrongTypesUnknownKeysAndRanges_AreEachReported', () => {
    const messages = checkEdited((dir) =>
      editStamp(dir, 'us', (stamp) => {
        stamp.functionApp.instanceMemoryMB = 1024;
        stamp.functionApp.maximumInstanceCount = '100';
        stamp.serviceBus.maxDeliveryCnt = 10;
        delete stamp.serviceBus.maxDeliveryCount;
        stamp.serviceBus.lockDuration = 'PT10M';
        stamp.monitoring.retentionInDays = 7;
        stamp.location = 'mars-north';
        stamp.workload = 'Risk';
      }),
    );
    assert.deepEqual(messages.sort(), [
      'stamp.functionApp.instanceMemoryMB: must be one of 512 | 2048 | 4096, got 1024',
      'stamp.functionApp.maximumInstanceCount: must be an integer, got "100"',
      "stamp.location 'mars-north' is not an Azure region name",
      'stamp.monitoring.retentionInDays: must be at least 30, got 7',
      "stamp.serviceBus.lockDuration 'PT10M' must be between 5s and 300s",
      'stamp.serviceBus.maxDeliveryCnt: not a property of this type',
      'stamp.serviceBus.maxDeliveryCount: required',
      'stamp.workload must be lowercase letters and digits (it is part of the storage account name)',
    ]);
  });

  test('check_UndeclaredParameterAndMissingSchema_Fail', () => {
    const messages = checkEdited((dir) =>
      editStamp(dir, 'au', (_, document) => {
        document.parameters.region = { value: 'au' };
        delete document.$schema;
      }),
    );
    assert.deepEqual(messages, ['$schema must be the deploymentParameters schema', 'parameters.region: main.bicep declares no such parameter']);
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
