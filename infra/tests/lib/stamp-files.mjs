// One parameter file per stamp, env/<stamp>.bicepparam. The compiler type-checks each against
// main.bicep (types, decorators, sealed objects); this adds what types cannot say: the file set
// matches the stamps main.bicep accepts, a file is named after its stamp, the region exists, the
// workload fits storage account names and Service Bus durations are in range.
import { isAzureRegion } from './regions.mjs';

/** The stamp names main.bicep accepts: the allowed values of StampSettings.name, from its compiled JSON. */
export function stampNames(mainTemplate) {
  const definitions = mainTemplate.definitions ?? {};
  let declaration = definitions.StampSettings?.properties?.name;
  for (let depth = 0; declaration?.$ref && depth < 10; depth += 1) declaration = definitions[declaration.$ref.replace('#/definitions/', '')];
  return declaration?.allowedValues;
}

/** Stamps without a file and files for no stamp. */
export function fileSetProblems(stamps, fileStamps) {
  return [
    ...stamps.filter((s) => !fileStamps.includes(s)).map((s) => `stamp '${s}' has no parameter file env/${s}.bicepparam`),
    ...fileStamps.filter((s) => !stamps.includes(s)).map((s) => `env/${s}.bicepparam is for no stamp of StampSettings.name (${stamps.join(', ')})`),
  ];
}

/** Problems of one compiled stamp value that the type system cannot express. */
export function stampValueProblems(settings, fileStamp) {
  const found = [];
  if (settings.name !== fileStamp) found.push(`stamp.name is '${settings.name}' but the file is for '${fileStamp}'`);
  if (!isAzureRegion(settings.location)) found.push(`stamp.location '${settings.location}' is not an Azure region name`);
  if (!/^[a-z][a-z0-9]*$/.test(settings.workload)) found.push('stamp.workload must be lowercase letters and digits (it is part of the storage account name)');
  const ranges = {
    lockDuration: [5, 300],
    duplicateDetectionWindow: [20, 7 * 24 * 3600],
  };
  for (const [key, [min, max]] of Object.entries(ranges)) {
    const value = settings.serviceBus?.[key];
    const seconds = isoDurationSeconds(value);
    if (seconds === undefined) found.push(`stamp.serviceBus.${key} '${value}' is not an ISO 8601 duration`);
    else if (seconds < min || seconds > max) found.push(`stamp.serviceBus.${key} '${value}' must be between ${min}s and ${max}s`);
  }
  if (settings.environment === 'production' && !settings.privateNetwork) found.push('a production stamp needs privateNetwork');
  if (settings.privateNetwork && settings.serviceBus?.sku !== 'Premium') found.push('privateNetwork needs serviceBus.sku Premium (private endpoints)');
  const prefix = settings.privateNetwork?.addressPrefix;
  if (prefix !== undefined && !/^(\d{1,3}\.){3}\d{1,3}\/(1[6-9]|2[0-2])$/.test(prefix)) found.push(`stamp.privateNetwork.addressPrefix '${prefix}' must be an IPv4 range of /16 to /22`);
  return found;
}

/** Seconds of an ISO 8601 duration such as PT1M or P14D (no years or months: they have no fixed length). */
export function isoDurationSeconds(text) {
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(String(text));
  if (!match || text === 'P' || text.endsWith('T')) return undefined;
  const [, w = 0, d = 0, h = 0, m = 0, s = 0] = match;
  return Number(w) * 604800 + Number(d) * 86400 + Number(h) * 3600 + Number(m) * 60 + Number(s);
}
