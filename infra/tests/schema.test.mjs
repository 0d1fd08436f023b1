// Every resource body matches the official ARM schema of its type and apiVersion, with unknown
// property names rejected, so a typo fails here instead of at deployment.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { armSchemasOnce, fixture, infraDir, infraWorkspaceOnce, SCHEMAS_MISSING } from './lib/repo.mjs';

const schemas = armSchemasOnce();
const skip = schemas ? false : SCHEMAS_MISSING;

function problemsOf(workspace) {
  const found = [];
  for (const resource of workspace.resources().filter((r) => !r.existing)) {
    const scope = workspace.file(resource.file).targetScope;
    resource.instances.forEach((body, i) => {
      for (const problem of schemas.validate(resource, body, scope)) found.push({ resource, instance: i, problem });
    });
  }
  return found;
}

describe('ARM schema', { skip }, () => {
  const workspace = infraWorkspaceOnce();

  for (const resource of skip ? [] : workspace.resources().filter((r) => !r.existing)) {
    const where = `${path.relative(infraDir, resource.file)}:${resource.line}`;
    test(`validate_${resource.symbol}_${resource.type}@${resource.apiVersion}_MatchesSchema (${where})`, () => {
      const scope = workspace.file(resource.file).targetScope;
      const problems = resource.instances.flatMap((body) => schemas.validate(resource, body, scope));
      assert.deepEqual(problems, []);
    });
  }

  test('validate_MisspeltProperty_IsRejectedByName', () => {
    const problems = problemsOf(fixture('broken-typo-property.bicep')).map((p) => p.problem);
    assert.deepEqual(problems, ["/properties: unknown property 'allowBlobPublicAcess'"]);
  });

  test('validate_ValueOutsideEnum_IsRejected', () => {
    const problems = problemsOf(fixture('broken-enum-value.bicep')).map((p) => p.problem);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0], /\/properties\/minimumTlsVersion: must be one of .*"TLS1_2"/);
  });

  test('validate_BaselineFixture_Passes', () => {
    assert.deepEqual(problemsOf(fixture('valid-storage.bicep')), []);
  });

  test('validate_UnknownApiVersion_IsReportedAsHavingNoSchema', () => {
    const [resource] = fixture('valid-storage.bicep').resources();
    const problems = schemas.validate({ ...resource, apiVersion: '2001-01-01' }, resource.instances[0], 'resourceGroup');
    assert.deepEqual(problems, ['no ARM schema for Microsoft.Storage/storageAccounts@2001-01-01']);
  });
});
