// Identity-only access: no account keys, SAS or connection strings with secrets anywhere; local
// (key-based) auth switched off on every service that has it; publishing only through Entra.
// Reads the compiled ARM JSON (for list*() calls and secrets in any expression) and the resources
// the deployment would create (for the settings of each).
import { isExpression, strings } from '../expressions.mjs';

// ARM's list* functions (listKeys, listConnectionStrings, listAccountSas, ...) return secrets.
const LIST_CALL = /\blist[A-Z]\w*\(/;
// Secrets written into a string: connection strings with keys, SAS tokens, the emulator shortcut.
const SECRET_TEXT = /AccountKey=|SharedAccessKey=|SharedAccessSignature|DefaultEndpointsProtocol=|UseDevelopmentStorage|[?&]sig=/i;
// Resource types that exist only to hand out keys.
const KEY_RESOURCE = /\/authorizationRules$|\/localUsers$|\/listKeys$/i;

// Property paths that must hold exactly these values, per resource type.
const REQUIRED = {
  'microsoft.storage/storageaccounts': [
    [['properties', 'allowSharedKeyAccess'], [false]],
    [['properties', 'allowBlobPublicAccess'], [false]],
    [['properties', 'minimumTlsVersion'], ['TLS1_2', 'TLS1_3']],
    [['properties', 'supportsHttpsTrafficOnly'], [true]],
  ],
  'microsoft.servicebus/namespaces': [
    [['properties', 'disableLocalAuth'], [true]],
    [['properties', 'minimumTlsVersion'], ['1.2']],
  ],
  'microsoft.insights/components': [[['properties', 'DisableLocalAuth'], [true]]],
  'microsoft.operationalinsights/workspaces': [[['properties', 'features', 'disableLocalAuth'], [true]]],
  'microsoft.keyvault/vaults': [[['properties', 'enableRbacAuthorization'], [true]]],
  'microsoft.web/sites': [
    [['properties', 'httpsOnly'], [true]],
    [['properties', 'siteConfig', 'minTlsVersion'], ['1.2', '1.3']],
    [['properties', 'siteConfig', 'ftpsState'], ['Disabled']],
  ],
  'microsoft.web/sites/basicpublishingcredentialspolicies': [[['properties', 'allow'], [false]]],
};

/** Violations of identity-only access in a deployment, as messages. */
export function checkIdentityOnlyAccess(deployment) {
  const found = [];
  for (const { at, text } of strings(deployment.template)) {
    if (isExpression(text) && LIST_CALL.test(text)) found.push(`template${at}: ${LIST_CALL.exec(text)[0].slice(0, -1)}() reads a secret; use a managed identity`);
    if (SECRET_TEXT.test(text)) found.push(`template${at}: holds a secret-bearing connection string or token: ${text.slice(0, 60)}`);
  }
  for (const resource of deployment.resources) {
    const where = `${resource.name} (${resource.type})`;
    if (KEY_RESOURCE.test(resource.type)) found.push(`${where}: hands out keys; grant an Entra role instead`);
    for (const [pathParts, allowed] of REQUIRED[resource.type.toLowerCase()] ?? []) {
      const value = pathParts.reduce((v, key) => (v && typeof v === 'object' ? v[key] : undefined), resource);
      if (!allowed.includes(value)) found.push(`${where}: ${pathParts.join('.')} must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')}, is ${JSON.stringify(value)}`);
    }
    const type = resource.type.toLowerCase();
    if (type === 'microsoft.keyvault/vaults' && (resource.properties?.accessPolicies?.length ?? 0) > 0) {
      found.push(`${where}: access policies grant key-vault-wide rights; use RBAC role assignments`);
    }
    if (type === 'microsoft.web/sites') found.push(...checkSite(deployment, resource, where));
  }
  return found;
}

function checkSite(deployment, site, where) {
  const found = [];
  const siteConfig = site.properties?.siteConfig ?? {};
  if ((siteConfig.connectionStrings?.length ?? 0) > 0) found.push(`${where}: siteConfig.connectionStrings holds secrets; use identity-based settings`);
  const auth = site.properties?.functionAppConfig?.deployment?.storage?.authentication?.type;
  if (site.properties?.functionAppConfig && !['UserAssignedIdentity', 'SystemAssignedIdentity'].includes(auth)) {
    found.push(`${where}: the deployment package must be read with a managed identity, not ${JSON.stringify(auth)}`);
  }
  const settings = appSettingsOf(site);
  const names = new Set(settings.map((s) => s.name));
  for (const { name, value } of settings) {
    if (name === 'AzureWebJobsStorage') found.push(`${where}: AzureWebJobsStorage as a connection string; use AzureWebJobsStorage__accountName`);
    if (/connection_?string/i.test(name) && name !== 'APPLICATIONINSIGHTS_CONNECTION_STRING') {
      found.push(`${where}: app setting ${name} carries a connection string; use identity-based settings`);
    }
    if (name.endsWith('__credential') && value !== 'managedidentity') found.push(`${where}: ${name} must be 'managedidentity'`);
    const prefix = /^(.*)__(fullyQualifiedNamespace|accountName|serviceUri|blobServiceUri|queueServiceUri|tableServiceUri)$/.exec(name)?.[1];
    if (prefix && !(names.has(`${prefix}__credential`) && names.has(`${prefix}__clientId`))) {
      found.push(`${where}: connection ${prefix} needs ${prefix}__credential and ${prefix}__clientId (the user-assigned identity)`);
    }
  }
  const policies = new Set(deployment.ofType('Microsoft.Web/sites/basicPublishingCredentialsPolicies').map((p) => p.name));
  for (const kind of ['ftp', 'scm']) {
    if (!policies.has(`${site.name}/${kind}`)) {
      found.push(`${where}: basic-auth ${kind} publishing must be switched off (basicPublishingCredentialsPolicies '${kind}' with allow: false)`);
    }
  }
  return found;
}

/** The app settings of a site as [{ name, value }]. */
export function appSettingsOf(site) {
  return (site?.properties?.siteConfig?.appSettings ?? []).map((s) => ({ name: s.name, value: s.value }));
}
