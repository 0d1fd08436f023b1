// Project policies, checked on what each stamp would deploy (main.bicep compiled and evaluated with
// the stamp's parameter file): identity-only access, tags, the stamp's region, least-privilege role
// assignments, diagnostic settings, private networking for production stamps; and AVM conventions on
// every compiled template. Each check is also run on a fixture with one defect, to prove it fails.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { compile } from './lib/bicep.mjs';
import { fixtureDeployment, stampDeployment, stampFileDeployment } from './lib/deployments.mjs';
import { checkConventions } from './lib/policies/conventions.mjs';
import { checkDiagnostics } from './lib/policies/diagnostics.mjs';
import { checkIdentityOnlyAccess } from './lib/policies/identity.mjs';
import { checkLocations } from './lib/policies/locations.mjs';
import { checkPrivateNetworking } from './lib/policies/networking.mjs';
import { checkRoleAssignments, missingAppGrants, REQUIRED_APP_GRANTS } from './lib/policies/roles.mjs';
import { checkTags } from './lib/policies/tagging.mjs';
import { fixturesDir, infraBicepFiles, infraDir, stampParameterFiles } from './lib/repo.mjs';

const checks = {
  identity: checkIdentityOnlyAccess,
  tags: checkTags,
  locations: checkLocations,
  roles: (deployment) => checkRoleAssignments(deployment).violations,
  diagnostics: checkDiagnostics,
};

const stamps = Object.keys(stampParameterFiles());
const fixture = (name) => fixtureDeployment(path.join(fixturesDir, 'policy', name));

describe('policies on the stamps', () => {
  for (const stamp of stamps) {
    for (const [name, check] of Object.entries(checks)) {
      test(`${name}_${stamp}_HasNoViolations`, async () => assert.deepEqual(check(await stampDeployment(stamp)), []));
    }

    test(`roles_${stamp}_AppIdentityHoldsExactlyTheGrantsItNeeds`, async () => {
      const { grants } = checkRoleAssignments(await stampDeployment(stamp));
      assert.deepEqual(missingAppGrants(grants), []);
      const appGrants = grants.filter((g) => g.principal === 'app-identity').map((g) => `${g.role} on ${g.scopeType}`);
      assert.deepEqual(appGrants.sort(), REQUIRED_APP_GRANTS.map(([role, scope]) => `${role} on ${scope}`).sort());
    });

    test(`network_${stamp}_PrivateInProductionOnly`, async () => {
      const deployment = await stampDeployment(stamp);
      if (deployment.stamp.environment === 'production') {
        assert.deepEqual(checkPrivateNetworking(deployment), []);
      } else {
        assert.deepEqual(deployment.ofType('Microsoft.Network/virtualNetworks'), [], 'the sandbox has no private network');
        assert.deepEqual(deployment.ofType('Microsoft.Network/privateEndpoints'), []);
      }
    });
  }

  test('stamps_Production_AreTheFourRegions', async () => {
    const production = [];
    for (const stamp of stamps) if ((await stampDeployment(stamp)).stamp.environment === 'production') production.push(stamp);
    assert.deepEqual(production.sort(), ['au', 'ca', 'eu', 'us']);
  });

  test('roles_OneGrantRemoved_IsReportedMissing', async () => {
    const { grants } = checkRoleAssignments(await stampDeployment('us'));
    const withoutSender = grants.filter((g) => g.role !== 'Azure Service Bus Data Sender');
    assert.deepEqual(missingAppGrants(withoutSender), ['Azure Service Bus Data Sender on Microsoft.ServiceBus/namespaces/queues']);
  });

  for (const file of infraBicepFiles()) {
    test(`conventions_${path.relative(infraDir, file)}_HasNoViolations`, async () => assert.deepEqual(checkConventions((await compile(file)).template), []));
  }
});

describe('policies on broken fixtures', () => {
  test('allChecks_BaselineFixture_HaveNoViolations', async () => {
    const deployment = await fixture('valid-storage.bicep');
    for (const [name, check] of Object.entries(checks)) {
      if (name !== 'diagnostics') assert.deepEqual(check(deployment), [], name);
    }
    assert.deepEqual(checkConventions(deployment.template), []);
  });

  test('identity_SharedKeyAccessEnabled_Fails', async () => {
    assert.deepEqual(checkIdentityOnlyAccess(await fixture('broken-shared-key.bicep')), [
      'stfixture (Microsoft.Storage/storageAccounts): properties.allowSharedKeyAccess must be false, is true',
    ]);
  });

  test('identity_ServiceBusLocalAuthOn_Fails', async () => {
    assert.deepEqual(checkIdentityOnlyAccess(await fixture('broken-servicebus-local-auth.bicep')), [
      'sbns-fixture (Microsoft.ServiceBus/namespaces): properties.disableLocalAuth must be true, is false',
    ]);
  });

  test('identity_TlsVersionOutsideTheAcceptedOnes_Fails', async () => {
    assert.deepEqual(checkIdentityOnlyAccess(await fixture('broken-enum-value.bicep')), [
      'stfixture (Microsoft.Storage/storageAccounts): properties.minimumTlsVersion must be "TLS1_2" or "TLS1_3", is "TLS1_9"',
    ]);
  });

  test('identity_ListKeysConnectionString_Fails', async () => {
    const violations = checkIdentityOnlyAccess(await fixture('broken-list-keys.bicep'));
    assert.ok(violations.some((v) => /listKeys\(\) reads a secret/.test(v)), violations.join('\n'));
    assert.ok(violations.some((v) => /secret-bearing connection string/.test(v)), violations.join('\n'));
  });

  test('tags_ResourceWithoutTags_Fails', async () => {
    assert.deepEqual(checkTags(await fixture('broken-missing-tags.bicep')), ['stfixture (Microsoft.Storage/storageAccounts) has no tags']);
  });

  test('tags_TagsWithoutOwner_Fails', async () => {
    assert.deepEqual(checkTags(await fixture('broken-partial-tags.bicep')), ['stfixture (Microsoft.Storage/storageAccounts): tags lack owner']);
  });

  test('locations_RegionWrittenInTemplate_Fails', async () => {
    assert.deepEqual(checkLocations(await fixture('broken-location.bicep')), [
      'stfixture (Microsoft.Storage/storageAccounts) is in "westeurope", not the stamp\'s region eastus2',
    ]);
  });

  test('roles_BroadRoleFixedNameNoScope_Fails', async () => {
    const messages = checks.roles(await fixture('broken-role.bicep'));
    assert.equal(messages.length, 4, messages.join('\n'));
    assert.match(messages[0], /b24988ac-6180-42a0-ab88-20f7382dd24c is not one of the data-plane roles/);
    assert.match(messages[1], /name must be guid\(scope, principal, role\)/);
    assert.match(messages[2], /principalType must be set/);
    assert.match(messages[3], /must be scoped to the one resource that needs it, not the whole resource group/);
  });

  test('conventions_ParamWithoutDescriptionOrLength_Fails', async () => {
    const { template } = await compile(path.join(fixturesDir, 'policy', 'broken-undescribed-param.bicep'));
    assert.deepEqual(checkConventions(template), ['param location: has no @description', 'param location: string without @allowed or @maxLength']);
  });

  test('diagnostics_NoLogsAndNoSettings_Fail', async () => {
    assert.deepEqual(checkDiagnostics(await fixture('broken-diagnostics.bicep')), [
      'kv-fixture (Microsoft.KeyVault/vaults): its diagnostic settings send no logs',
      'sbns-fixture (Microsoft.ServiceBus/namespaces) has no diagnostic settings',
    ]);
  });

  test('network_ProductionStampWithoutPrivateNetwork_Fails', async () => {
    const deployment = await stampFileDeployment(path.join(fixturesDir, 'policy', 'production-without-private-network.bicepparam'));
    assert.equal(deployment.stamp.environment, 'production');
    assert.deepEqual(checkPrivateNetworking(deployment), ['the stamp has no virtual network (set privateNetwork in its settings)']);
  });

  test('network_PublicServicesAndMissingEndpoint_Fail', async () => {
    const deployment = await stampDeployment('us');
    const broken = Object.create(deployment);
    broken.resources = deployment.resources
      .filter((r) => !(r.type === 'Microsoft.Network/privateEndpoints' && r.name.startsWith('pe-vault-')))
      .map((r) => (r.type === 'Microsoft.Storage/storageAccounts' ? { ...r, properties: { ...r.properties, publicNetworkAccess: 'Enabled' } } : r));
    const problems = checkPrivateNetworking(broken);
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /\(Microsoft\.Storage\/storageAccounts\): publicNetworkAccess must be 'Disabled', is "Enabled"/);
    assert.match(problems[1], /^kv-.* \(vault\): no private endpoint$/);
  });
});
