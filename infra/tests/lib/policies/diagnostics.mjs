// Diagnostic settings: the services that hold or move the tenants' data send their logs and
// metrics to the stamp's own Log Analytics workspace (same region, same retention).

/** Resource types that must have diagnostic settings, and whether they have logs (else metrics only). */
export const DIAGNOSED_TYPES = {
  'microsoft.web/sites': { logs: true },
  'microsoft.storage/storageaccounts': { logs: false },
  'microsoft.storage/storageaccounts/tableservices': { logs: true },
  'microsoft.storage/storageaccounts/blobservices': { logs: true },
  'microsoft.storage/storageaccounts/queueservices': { logs: true },
  'microsoft.servicebus/namespaces': { logs: true },
  'microsoft.keyvault/vaults': { logs: true },
  'microsoft.network/virtualnetworks': { logs: false },
};

const SETTINGS_SEGMENT = '/providers/microsoft.insights/diagnosticsettings/';

export function checkDiagnostics(deployment) {
  const found = [];
  const workspaces = new Set(deployment.ofType('Microsoft.OperationalInsights/workspaces').map((w) => w.id.toLowerCase()));
  const settings = deployment.ofType('Microsoft.Insights/diagnosticSettings');
  for (const resource of deployment.resources) {
    const expected = DIAGNOSED_TYPES[resource.type.toLowerCase()];
    if (!expected) continue;
    const where = `${resource.name} (${resource.type})`;
    const own = settings.filter((s) => s.id.toLowerCase().startsWith(`${resource.id.toLowerCase()}${SETTINGS_SEGMENT}`));
    if (own.length === 0) {
      found.push(`${where} has no diagnostic settings`);
      continue;
    }
    for (const setting of own) {
      const workspace = String(setting.properties?.workspaceId ?? '').toLowerCase();
      if (!workspaces.has(workspace)) found.push(`${where}: diagnostic setting ${setting.name} sends to ${setting.properties?.workspaceId}, not the stamp's workspace`);
    }
    const logs = own.some((s) => (s.properties?.logs ?? []).some((l) => l.enabled && (l.categoryGroup === 'allLogs' || l.categoryGroup === 'audit' || l.category)));
    const metrics = own.some((s) => (s.properties?.metrics ?? []).some((m) => m.enabled));
    if (expected.logs && !logs) found.push(`${where}: its diagnostic settings send no logs`);
    if (!metrics) found.push(`${where}: its diagnostic settings send no metrics`);
  }
  return found;
}
