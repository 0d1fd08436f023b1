// Role assignments: least privilege (data-plane roles only, each scoped to the one resource that
// needs it), deterministic names, and exactly the grants the app identity needs to run.
import { isExpr } from '../evaluate.mjs';
import { violation } from '../report.mjs';

const RULE = 'role-assignments';

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
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

export function checkRoleAssignments(workspace) {
  const found = [];
  const grants = [];
  const resources = workspace.resources();
  for (const assignment of resources.filter((r) => r.type.toLowerCase() === 'microsoft.authorization/roleassignments' && !r.existing)) {
    const at = (message) => violation(RULE, assignment.file, assignment.line, `${assignment.symbol}: ${message}`);
    for (const body of assignment.instances) {
      const roleId = GUID.exec(String(body.properties?.roleDefinitionId ?? ''))?.[0]?.toLowerCase();
      const role = ROLE_NAMES[roleId];
      if (!role) found.push(at(`role ${roleId ?? String(body.properties?.roleDefinitionId)} is not one of the data-plane roles the stamp may grant`));
      if (!isExpr(body.name) || !isGuidOfThree(body.name.text)) {
        found.push(at(`name must be guid(scope, principal, role) so redeployments find the same assignment, is ${String(body.name)}`));
      }
      if (body.properties?.principalType === undefined) found.push(at('principalType must be set (avoids failures while a new identity replicates)'));
      const scope = resources.find((r) => r.file === assignment.file && isExpr(body.scope) && r.symbol === body.scope.text);
      if (!scope) {
        found.push(at(`must be scoped to the one resource that needs it, not ${body.scope ? String(body.scope) : 'the whole resource group'}`));
        continue;
      }
      if (role) grants.push({ role, scopeType: scope.type, principal: principalOf(workspace, assignment, body), assignment });
    }
  }
  return { violations: found, grants };
}

/** The grants of REQUIRED_APP_GRANTS the app identity lacks, as "<role> on <resource type>". */
export function missingAppGrants(grants) {
  return REQUIRED_APP_GRANTS.filter(
    ([role, scopeType]) =>
      !grants.some((g) => g.role === role && g.scopeType.toLowerCase() === scopeType.toLowerCase() && g.principal === 'app-identity'),
  ).map(([role, scopeType]) => `${role} on ${scopeType}`);
}

/** guid(a, b, c) with exactly three arguments at the top level. */
function isGuidOfThree(text) {
  const match = /^guid\((.*)\)$/.exec(text);
  if (!match) return false;
  let depth = 0;
  let commas = 0;
  for (const ch of match[1]) {
    if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
    else if (ch === ',' && depth === 0) commas += 1;
  }
  return commas === 2;
}

/**
 * Who the assignment is for: 'app-identity' when its principalId is (through module parameters) the
 * principalId of a user-assigned identity the app runs as; otherwise the expression's text.
 */
function principalOf(workspace, assignment, body) {
  const principal = body.properties?.principalId;
  if (!isExpr(principal)) return String(principal);
  const file = workspace.file(assignment.file);
  if (file.params.has(principal.text)) {
    for (const call of workspace.modules().filter((m) => m.path === file.path)) {
      const passed = call.params.get(principal.text);
      if (!passed) continue;
      const text = call.evaluator.render(passed.node);
      const identity = /^(\w+)\.properties\.principalId$/.exec(text)?.[1];
      const caller = workspace.file(call.file);
      if (identity && caller.resourceNodes.some((r) => r.name === identity && /userAssignedIdentities@/.test(r.node.namedChildren[1].text))) {
        return 'app-identity';
      }
    }
  }
  return principal.text;
}
