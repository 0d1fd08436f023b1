// Every resource is created in the stamp's region (or is global by nature: DNS zones, alert rules),
// so a tenant's data never leaves it.
export function checkLocations(deployment) {
  return deployment.resources
    .filter((r) => r.location !== undefined && r.location !== 'global' && r.location !== deployment.stamp.location)
    .map((r) => `${r.name} (${r.type}) is in ${JSON.stringify(r.location)}, not the stamp's region ${deployment.stamp.location}`);
}
