// Least-privilege role assignments: data-plane roles only, each scoped to the one resource that
// needs it, named guid(scope, principal, role) so redeployments find them, and exactly the grants
// the app identity needs to run.
import { armGuid, isExpression, typeOfId } from '../expressions.mjs';

/** Built-in roles by their portal names (ids are the same in every tenant). */
export const BUILT_IN_ROLES = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
};

/** What the app's managed identity must hold, and on which kind of resource. */
export const REQUIRED_APP_GRANTS = [
  ['Storage Blob Data Owner', 'Microsoft.Storage/storageAccounts'],
  ['Storage Queue Data Contributor', 'Microsoft.Storage/storageAccounts'],
  ['Storage Table Data Contributor', 'Microsoft.Storage/storageAccounts'],
  ['Azure Service Bus Data Sender', 'Microsoft.ServiceBus/namespaces/queues'],
  ['Azure Service Bus Data Receiver', 'Microsoft.ServiceBus/namespaces/queues'],
  ['Key Vault Secrets User', 'Microsoft.KeyVault/vaults'],
  ['Monitoring Metrics Publisher', 'Microsoft.Insights/components'],
];

const ROLE_NAMES = Object.fromEntries(Object.entries(BUILT_IN_ROLES).map(([name, id]) => [id, name]));
const ROLE_DEFINITION = /roleDefinitions\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;
const ASSIGNMENT_SEGMENT = '/providers/Microsoft.Authorization/roleAssignments/';

/** @returns {{ violations: string[], grants: { role, scopeType, principal }[] }} */
export function checkRoleAssignments(deployment) {
  const violations = [];
  const grants = [];
  for (const assignment of deployment.ofType('Microsoft.Authorization/roleAssignments')) {
    const roleId = ROLE_DEFINITION.exec(String(assignment.properties?.roleDefinitionId ?? ''))?.[1]?.toLowerCase();
    const role = ROLE_NAMES[roleId];
    const principal = assignment.properties?.principalId;
    const scope = scopeOf(assignment.id);
    const where = `role assignment ${role ?? roleId} (${assignment.name})`;
    if (!role) violations.push(`${where}: role ${roleId} is not one of the data-plane roles the stamp may grant`);
    if (!isDerivedName(assignment.name, scope, principal, roleId)) {
      violations.push(`${where}: name must be guid(scope, principal, role) so redeployments find the same assignment`);
    }
    if (assignment.properties?.principalType === undefined) violations.push(`${where}: principalType must be set (avoids failures while a new identity replicates)`);
    const scopeType = scope ? typeOfId(scope) : undefined;
    if (!scopeType || scopeType === 'Microsoft.Resources/resourceGroups' || scopeType === 'subscription') {
      violations.push(`${where}: must be scoped to the one resource that needs it, not the whole ${scopeType === 'subscription' ? 'subscription' : 'resource group'}`);
      continue;
    }
    if (role) grants.push({ role, scopeType, principal: isAppIdentity(principal) ? 'app-identity' : String(principal) });
  }
  return { violations, grants };
}

/** The grants of REQUIRED_APP_GRANTS the app identity lacks, as "<role> on <resource type>". */
export function missingAppGrants(grants) {
  return REQUIRED_APP_GRANTS.filter(
    ([role, scopeType]) => !grants.some((g) => g.role === role && g.scopeType.toLowerCase() === scopeType.toLowerCase() && g.principal === 'app-identity'),
  ).map(([role, scopeType]) => `${role} on ${scopeType}`);
}

/** The scope of an assignment from its id, concrete or as extensionResourceId('<scope>', ...). */
function scopeOf(id) {
  const extension = /^\[extensionResourceId\('([^']+)',/.exec(id)?.[1];
  if (extension) return extension;
  const at = id.indexOf(ASSIGNMENT_SEGMENT);
  return at < 0 ? undefined : id.slice(0, at);
}

function isDerivedName(name, scope, principal, roleId) {
  if (isExpression(name)) {
    // Known only at deployment (the principal is a new identity): guid('<scope>', <principal>, '<role>').
    const match = /^\[guid\('([^']+)', (.+), '([0-9a-f-]{36})'\)\]$/i.exec(name);
    return Boolean(match) && match[1] === scope && match[3].toLowerCase() === roleId && `[${match[2]}]` === principal;
  }
  return Boolean(scope && roleId) && name === armGuid(scope, principal, roleId);
}

/** principalId read from a user-assigned identity the deployment creates. */
function isAppIdentity(principal) {
  return /^\[reference\('[^']*\/providers\/Microsoft\.ManagedIdentity\/userAssignedIdentities\/[^']+', '[^']+'\)\.principalId\]$/.test(String(principal));
}
