// Every tracked resource (one with a location: those are the ones ARM lets carry tags) carries the
// stamp's tags, so cost, ownership and data residency can be traced.
export const REQUIRED_TAGS = ['environment', 'region', 'workload', 'owner'];

export function checkTags(deployment) {
  const found = [];
  for (const resource of deployment.resources.filter((r) => r.location !== undefined)) {
    const where = `${resource.name} (${resource.type})`;
    if (!resource.tags) {
      found.push(`${where} has no tags`);
      continue;
    }
    const missing = REQUIRED_TAGS.filter((t) => !(t in resource.tags));
    if (missing.length > 0) found.push(`${where}: tags lack ${missing.join(', ')}`);
    // A stamp's resources say which stamp and environment they belong to.
    if (deployment.stamp?.name && resource.tags.region !== undefined && resource.tags.region !== deployment.stamp.name) {
      found.push(`${where}: tag region is ${JSON.stringify(resource.tags.region)}, the stamp is ${deployment.stamp.name}`);
    }
    if (deployment.stamp?.environment && resource.tags.environment !== undefined && resource.tags.environment !== deployment.stamp.environment) {
      found.push(`${where}: tag environment is ${JSON.stringify(resource.tags.environment)}, the stamp is ${deployment.stamp.environment}`);
    }
  }
  return found;
}
