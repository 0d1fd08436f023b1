// Helpers for ARM JSON: template expressions ("[...]") and resource ids.
import { createHash } from 'node:crypto';

/** True for an ARM template expression string: "[...]" but not an escaped "[[...". */
export function isExpression(value) {
  return typeof value === 'string' && value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[');
}

/** Every string in a JSON value, with its JSON path. */
export function* strings(value, at = '') {
  if (typeof value === 'string') yield { at, text: value };
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, `${at}.${k}`);
}

/** ARM's guid(...): a version-5 UUID of the arguments joined with '-'. */
export function armGuid(...parts) {
  const namespace = Buffer.from('11fb06fb712d4ddd98c7e71bbd588830', 'hex');
  const hash = createHash('sha1').update(namespace).update(parts.join('-'), 'utf8').digest().subarray(0, 16);
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The resource type of a resource id: Microsoft.Storage/storageAccounts/tableServices, or resourceGroups. */
export function typeOfId(id) {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return /\/resourcegroups\/[^/]+$/i.test(id) ? 'Microsoft.Resources/resourceGroups' : 'subscription';
  const [namespace, ...rest] = id.slice(at + '/providers/'.length).split('/');
  return [namespace, ...rest.filter((_, i) => i % 2 === 0)].join('/');
}

/**
 * A resource name with the cloud's storage suffix filled in as in Azure's public cloud, the one
 * value a snapshot leaves unevaluated in our names (environment() is known only at deployment).
 */
export function publicCloudName(name) {
  const folded = String(name).replace(/format\('([^'{]*)\{0\}', environment\(\)\.suffixes\.storage\)/g, "'$1core.windows.net'");
  const single = /^\['([^']*)'\]$/.exec(folded);
  if (single) return single[1];
  const pair = /^\[format\('\{0\}\/\{1\}', '([^']*)', '([^']*)'\)\]$/.exec(folded);
  return pair ? `${pair[1]}/${pair[2]}` : folded;
}
