// One parameter file per stamp, each a valid value of main.bicep's parameters: the file set is
// complete, names match, and every value satisfies the declared types and their decorators.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkValue, resolveType } from '../typecheck.mjs';
import { isOptionalParam, stringValue } from '../parse.mjs';
import { isAzureRegion } from '../regions.mjs';
import { violation } from '../report.mjs';

const RULE = 'parameter-files';
const SUFFIX = '.parameters.json';

/**
 * @param mainFile the parsed main.bicep
 * @param envDir folder of `<stamp>.parameters.json` files
 * @param stampTypeName the union type listing the stamps (each needs a file)
 */
export function checkParameterFiles(workspace, mainFile, envDir, stampTypeName = 'StampName') {
  const found = [];
  const stamps = stampNames(workspace, mainFile, stampTypeName);
  if (!stamps) return [violation(RULE, mainFile.path, 1, `type ${stampTypeName} (the list of stamps) not found`)];
  const files = existsSync(envDir) ? readdirSync(envDir).filter((f) => f.endsWith(SUFFIX)) : [];
  for (const stamp of stamps) {
    if (!files.includes(`${stamp}${SUFFIX}`)) {
      found.push(violation(RULE, path.join(envDir, `${stamp}${SUFFIX}`), 1, `stamp '${stamp}' has no parameter file`));
    }
  }
  for (const name of files) {
    const filePath = path.join(envDir, name);
    const stamp = name.slice(0, -SUFFIX.length);
    if (!stamps.includes(stamp)) found.push(violation(RULE, filePath, 1, `'${stamp}' is not a stamp of ${stampTypeName} (${stamps.join(', ')})`));
    found.push(...checkFile(workspace, mainFile, filePath, stamp));
  }
  return found;
}

/** Members of the stamp-name union type. */
export function stampNames(workspace, mainFile, stampTypeName) {
  // The stamp list may live in a file main.bicep imports other types from.
  const sources = [mainFile, ...mainFile.imports.map((i) => workspace.file(i.path)).filter(Boolean)];
  const owner = sources.find((f) => f.types.has(stampTypeName));
  const resolved = owner && resolveType(workspace, owner, stampTypeName);
  if (resolved?.declaration.typeNode.type !== 'union_type') return undefined;
  return resolved.declaration.typeNode.namedChildren.map((m) => stringValue(m));
}

function checkFile(workspace, mainFile, filePath, stamp) {
  const at = (message) => violation(RULE, filePath, 1, message);
  let document;
  try {
    document = JSON.parse(readFileSync(filePath, 'utf8'));
  } catch (error) {
    return [at(`not valid JSON: ${error.message}`)];
  }
  const found = [];
  if (!/deploymentParameters\.json#?$/.test(document.$schema ?? '')) found.push(at('$schema must be the deploymentParameters schema'));
  if (!document.contentVersion) found.push(at('contentVersion is missing'));
  const values = document.parameters ?? {};
  for (const [name, entry] of Object.entries(values)) {
    const param = mainFile.params.get(name);
    if (!param) {
      found.push(at(`parameters.${name}: main.bicep declares no such parameter`));
      continue;
    }
    if (!entry || !('value' in entry)) {
      found.push(at(`parameters.${name}: needs a "value" (Key Vault references are not used for stamp settings)`));
      continue;
    }
    for (const problem of checkValue(workspace, mainFile, param.typeNode, entry.value, name, param.decorators)) found.push(at(problem));
  }
  for (const [name, param] of mainFile.params) {
    const optional = isOptionalParam(param);
    if (!optional && !(name in values)) found.push(at(`parameters.${name}: required by main.bicep`));
  }
  const settings = values.stamp?.value;
  if (settings) found.push(...checkStampSemantics(settings, stamp, at));
  return found;
}

// What the type system cannot say: the file is named after its stamp, the region exists, the
// workload fits storage account names and Service Bus durations are valid and in range.
function checkStampSemantics(settings, stamp, at) {
  const found = [];
  if (settings.name !== stamp) found.push(at(`stamp.name is '${settings.name}' but the file is for '${stamp}'`));
  if (typeof settings.location === 'string' && !isAzureRegion(settings.location)) {
    found.push(at(`stamp.location '${settings.location}' is not an Azure region name`));
  }
  if (typeof settings.workload === 'string' && !/^[a-z][a-z0-9]*$/.test(settings.workload)) {
    found.push(at('stamp.workload must be lowercase letters and digits (it is part of the storage account name)'));
  }
  const bus = settings.serviceBus ?? {};
  const ranges = {
    lockDuration: [5, 300],
    duplicateDetectionWindow: [20, 7 * 24 * 3600],
    messageTimeToLive: [60, 10675199 * 24 * 3600],
  };
  for (const [key, [min, max]] of Object.entries(ranges)) {
    if (bus[key] === undefined) continue;
    const seconds = isoDurationSeconds(bus[key]);
    if (seconds === undefined) found.push(at(`stamp.serviceBus.${key} '${bus[key]}' is not an ISO 8601 duration`));
    else if (seconds < min || seconds > max) found.push(at(`stamp.serviceBus.${key} '${bus[key]}' must be between ${min}s and ${max}s`));
  }
  return found;
}

/** Seconds of an ISO 8601 duration such as PT1M or P14D (no years or months: they have no fixed length). */
export function isoDurationSeconds(text) {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(text));
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, w = 0, d = 0, h = 0, m = 0, s = 0] = match;
  return Number(w) * 604800 + Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}
