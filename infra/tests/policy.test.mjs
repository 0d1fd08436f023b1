// Project policies on the deployed templates: identity-only access, tags, no hard-coded regions,
// least-privilege role assignments, described and constrained parameters, declared symbols. Each check is also run
// on a fixture with one defect, to prove it fails when it should.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkConventions } from './lib/policies/conventions.mjs';
import { checkIdentityOnlyAccess } from './lib/policies/identity.mjs';
import { checkLocations } from './lib/policies/locations.mjs';
import { checkRoleAssignments, missingAppGrants, REQUIRED_APP_GRANTS } from './lib/policies/roles.mjs';
import { checkSymbols } from './lib/policies/symbols.mjs';
import { checkTags } from './lib/policies/tagging.mjs';
import { describe as describeViolations } from './lib/report.mjs';
import { armSchemasOnce, fixture, infraWorkspaceOnce } from './lib/repo.mjs';

const schemas = armSchemasOnce();

const checks = {
  identity: (ws) => checkIdentityOnlyAccess(ws),
  tags: (ws) => checkTags(ws, schemas),
  locations: (ws) => checkLocations(ws),
  roles: (ws) => checkRoleAssignments(ws).violations,
  conventions: (ws) => checkConventions(ws),
  symbols: (ws) => checkSymbols(ws),
};

function assertClean(violations) {
  assert.deepEqual(violations, [], `\n${describeViolations(violations)}`);
}

function assertOnly(violations, pattern, count = 1) {
  assert.equal(violations.length, count, `expected ${count} violation(s) matching ${pattern}, got:\n${describeViolations(violations)}`);
  for (const v of violations) assert.match(v.message, pattern);
}

describe('policies on the stamp templates', () => {
  const workspace = infraWorkspaceOnce();
  for (const [name, check] of Object.entries(checks)) {
    test(`${name}_StampTemplates_HaveNoViolations`, () => assertClean(check(workspace)));
  }

  test('roles_AppIdentity_HoldsEveryGrantItNeeds', () => {
    const { grants } = checkRoleAssignments(workspace);
    assert.deepEqual(missingAppGrants(grants), []);
    const appGrants = grants.filter((g) => g.principal === 'app-identity').map((g) => `${g.role} on ${g.scopeType}`);
    assert.deepEqual(appGrants.sort(), REQUIRED_APP_GRANTS.map(([role, scope]) => `${role} on ${scope}`).sort());
  });

  test('roles_OneGrantRemoved_IsReportedMissing', () => {
    const { grants } = checkRoleAssignments(workspace);
    const withoutSender = grants.filter((g) => g.role !== 'Azure Service Bus Data Sender');
    assert.deepEqual(missingAppGrants(withoutSender), ['Azure Service Bus Data Sender on Microsoft.ServiceBus/namespaces/queues']);
  });
});

describe('policies on broken fixtures', () => {
  test('allChecks_BaselineFixture_HaveNoViolations', () => {
    const workspace = fixture('valid-storage.bicep');
    for (const check of Object.values(checks)) assertClean(check(workspace));
  });

  test('identity_SharedKeyAccessEnabled_Fails', () => {
    assertOnly(checks.identity(fixture('broken-shared-key.bicep')), /allowSharedKeyAccess must be false/);
  });

  test('identity_ListKeysConnectionString_Fails', () => {
    const violations = checks.identity(fixture('broken-list-keys.bicep'));
    assert.ok(violations.some((v) => /listKeys\(\) reads a secret/.test(v.message)), describeViolations(violations));
    assert.ok(violations.some((v) => /secret-bearing connection string/.test(v.message)), describeViolations(violations));
  });

  test('tags_ResourceWithoutTags_Fails', () => {
    assertOnly(checks.tags(fixture('broken-missing-tags.bicep')), /account \(Microsoft\.Storage\/storageAccounts\) has no tags/);
  });

  test('tags_TagsWithoutOwner_Fails', () => {
    assertOnly(checks.tags(fixture('broken-partial-tags.bicep')), /tags lacks owner/);
  });

  test('locations_RegionWrittenInTemplate_Fails', () => {
    const violations = checks.locations(fixture('broken-location.bicep'));
    assert.equal(violations.length, 2, describeViolations(violations));
    assert.match(violations[0].message, /region 'westeurope' written in the template/);
    assert.match(violations[1].message, /fixed location "westeurope"/);
  });

  test('roles_BroadRoleFixedNameNoScope_Fails', () => {
    const messages = checks.roles(fixture('broken-role.bicep')).map((v) => v.message);
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.match(messages[0], /b24988ac-6180-42a0-ab88-20f7382dd24c is not one of the data-plane roles/);
    assert.match(messages[1], /name must be guid\(scope, principal, role\)/);
    assert.match(messages[2], /principalType must be set/);
    assert.match(messages[3], /must be scoped to the one resource that needs it, not the whole resource group/);
  });

  test('conventions_ParamWithoutDescriptionOrLength_Fails', () => {
    const messages = checks.conventions(fixture('broken-undescribed-param.bicep')).map((v) => v.message);
    assert.deepEqual(messages, ['param location: has no @description', 'param location: string without @allowed or @maxLength']);
  });

  test('symbols_UndeclaredNameAndMisspeltSetting_Fail', () => {
    const messages = checks.symbols(fixture('broken-unknown-symbol.bicep')).map((v) => v.message);
    assert.deepEqual(messages, ["'locaton' is not declared", "settings has no property 'skuName'"]);
  });

  test('conventions_ModuleCallWithTypoAndMissingParam_Fails', () => {
    const messages = checks.conventions(fixture('broken-module-call.bicep')).map((v) => v.message);
    assert.deepEqual(messages.sort(), [
      'module storage: does not pass the required parameter appPrincipalId',
      'module storage: does not pass the required parameter location',
      'module storage: passes locaton, which the module does not declare',
    ]);
  });
});
