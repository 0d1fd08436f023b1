// Identity-only access: no account keys, SAS or connection strings with secrets anywhere; local
// (key-based) auth switched off on every service that has it; publishing only through Entra.
import { isExpr } from '../evaluate.mjs';
import { violation, walk } from '../report.mjs';

const RULE = 'identity-only';

// Key-bearing property reads (storage keys, Service Bus SAS rules, Cosmos-style master keys).
const KEY_PROPERTY = /^(primary|secondary)(Key|MasterKey|ReadonlyMasterKey|ConnectionString)$|^(accountKey|sharedAccessKey|sasToken)$/i;
// Secrets written into a string: connection strings with keys, SAS tokens, the emulator shortcut.
const SECRET_TEXT = /AccountKey=|SharedAccessKey=|SharedAccessSignature|DefaultEndpointsProtocol=|UseDevelopmentStorage|[?&]sig=/i;
// Resource types that exist only to hand out keys.
const KEY_RESOURCE = /\/authorizationRules$|\/localUsers$|\/listKeys$/i;

/** Violations of identity-only access in the workspace. */
export function checkIdentityOnlyAccess(workspace) {
  const found = [];
  for (const file of workspace.files) found.push(...scanSource(file));
  const resources = workspace.resources().filter((r) => !r.existing);
  for (const resource of resources) {
    if (KEY_RESOURCE.test(resource.type)) {
      found.push(violation(RULE, resource.file, resource.line, `${resource.type} hands out keys; grant an Entra role instead`));
    }
    for (const body of resource.instances) found.push(...checkResource(resource, body));
  }
  found.push(...checkPublishingPolicies(resources));
  return found;
}

function scanSource(file) {
  const found = [];
  for (const node of walk(file.root)) {
    if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      const name = fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : fn?.text;
      // ARM's list* functions (listKeys, listConnectionStrings, listAccountSas, ...) return secrets.
      if (name && /^list[A-Z]\w*$/.test(name)) {
        found.push(violation(RULE, file.path, node.startPosition.row + 1, `${name}() reads a secret; use a managed identity`));
      }
    } else if (node.type === 'member_expression') {
      const property = node.childForFieldName('property')?.text;
      if (property && KEY_PROPERTY.test(property)) {
        found.push(violation(RULE, file.path, node.startPosition.row + 1, `reads the key property '${property}'`));
      }
    } else if (node.type === 'string_content' && SECRET_TEXT.test(node.text)) {
      found.push(violation(RULE, file.path, node.startPosition.row + 1, `string holds a secret-bearing connection string or token: ${node.text.slice(0, 60)}`));
    }
  }
  return found;
}

// Property paths that must hold exactly these literal values, per resource type.
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

function checkResource(resource, body) {
  const found = [];
  const at = (message) => violation(RULE, resource.file, resource.line, `${resource.symbol} (${resource.type}): ${message}`);
  for (const [pathParts, allowed] of REQUIRED[resource.type.toLowerCase()] ?? []) {
    const value = pathParts.reduce((v, key) => (v && typeof v === 'object' && !isExpr(v) ? v[key] : undefined), body);
    if (!allowed.includes(value)) {
      const shown = isExpr(value) ? `the expression ${value.text}` : JSON.stringify(value);
      found.push(at(`${pathParts.join('.')} must be ${allowed.map((a) => JSON.stringify(a)).join(' or ')} written as a literal, is ${shown}`));
    }
  }
  const type = resource.type.toLowerCase();
  if (type === 'microsoft.keyvault/vaults' && (body.properties?.accessPolicies?.length ?? 0) > 0) {
    found.push(at('access policies grant key-vault-wide rights; use RBAC role assignments'));
  }
  if (type === 'microsoft.web/sites') found.push(...checkSite(body, at));
  return found;
}

function checkSite(body, at) {
  const found = [];
  const siteConfig = body.properties?.siteConfig ?? {};
  if ((siteConfig.connectionStrings?.length ?? 0) > 0) found.push(at('siteConfig.connectionStrings holds secrets; use identity-based settings'));
  const auth = body.properties?.functionAppConfig?.deployment?.storage?.authentication?.type;
  if (body.properties?.functionAppConfig && !['UserAssignedIdentity', 'SystemAssignedIdentity'].includes(auth)) {
    found.push(at(`the deployment package must be read with a managed identity, not ${JSON.stringify(auth)}`));
  }
  const settings = appSettingsOf(body);
  if (!settings) return [...found, at('siteConfig.appSettings must be statically known (an array or a loop over a known object)')];
  const names = new Set(settings.map((s) => s.name));
  for (const { name, value } of settings) {
    if (name === 'AzureWebJobsStorage') found.push(at('AzureWebJobsStorage as a connection string; use AzureWebJobsStorage__accountName'));
    if (/connection_?string/i.test(name) && name !== 'APPLICATIONINSIGHTS_CONNECTION_STRING') {
      found.push(at(`app setting ${name} carries a connection string; use identity-based settings`));
    }
    if (name.endsWith('__credential') && value !== 'managedidentity') found.push(at(`${name} must be 'managedidentity'`));
    const prefix = /^(.*)__(fullyQualifiedNamespace|accountName|serviceUri|blobServiceUri|queueServiceUri|tableServiceUri)$/.exec(name)?.[1];
    if (prefix && !(names.has(`${prefix}__credential`) && names.has(`${prefix}__clientId`))) {
      found.push(at(`connection ${prefix} needs ${prefix}__credential and ${prefix}__clientId (the user-assigned identity)`));
    }
  }
  return found;
}

/** The app settings of a site body as [{ name, value }], or undefined when not statically known. */
export function appSettingsOf(siteBody) {
  const settings = siteBody?.properties?.siteConfig?.appSettings;
  if (!Array.isArray(settings)) return undefined;
  if (!settings.every((s) => s && typeof s.name === 'string')) return undefined;
  return settings.map((s) => ({ name: s.name, value: s.value }));
}

function checkPublishingPolicies(resources) {
  const found = [];
  for (const site of resources.filter((r) => r.type.toLowerCase() === 'microsoft.web/sites')) {
    const policies = resources.filter(
      (r) => r.type.toLowerCase() === 'microsoft.web/sites/basicpublishingcredentialspolicies' && r.parentSymbol === site.symbol && r.file === site.file,
    );
    const names = new Set(policies.flatMap((p) => p.instances.map((b) => b.name)));
    for (const required of ['ftp', 'scm']) {
      if (!names.has(required)) {
        found.push(violation(RULE, site.file, site.line, `${site.symbol}: basic-auth ${required} publishing must be switched off (basicPublishingCredentialsPolicies '${required}' with allow: false)`));
      }
    }
  }
  return found;
}

