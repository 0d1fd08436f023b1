// Private networking of a production stamp: the app's outbound traffic goes through its VNet, and
// storage, Service Bus and Key Vault are reachable only through private endpoints whose names
// resolve in private DNS zones linked to that VNet.

/** The private endpoints a stamp needs: service type and private-link sub-resource. */
export const PRIVATE_ENDPOINTS = [
  ['Microsoft.Storage/storageAccounts', 'table'],
  ['Microsoft.Storage/storageAccounts', 'blob'],
  ['Microsoft.Storage/storageAccounts', 'queue'],
  ['Microsoft.ServiceBus/namespaces', 'namespace'],
  ['Microsoft.KeyVault/vaults', 'vault'],
];

import { publicCloudName } from '../expressions.mjs';

const ZONE_GROUP = 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups';

export function checkPrivateNetworking(deployment) {
  const found = [];
  const vnets = deployment.ofType('Microsoft.Network/virtualNetworks');
  if (vnets.length === 0) return ['the stamp has no virtual network (set privateNetwork in its settings)'];
  const vnetIds = new Set(vnets.map((v) => v.id.toLowerCase()));
  const subnets = vnets.flatMap((v) => (v.properties?.subnets ?? []).map((s) => ({ ...s, id: `${v.id}/subnets/${s.name}`.toLowerCase() })));

  for (const site of deployment.ofType('Microsoft.Web/sites')) {
    const subnet = subnets.find((s) => s.id === String(site.properties?.virtualNetworkSubnetId ?? '').toLowerCase());
    if (!subnet) found.push(`${site.name}: not integrated into the stamp's VNet (virtualNetworkSubnetId)`);
    else if (!(subnet.properties?.delegations ?? []).some((d) => d.properties?.serviceName === 'Microsoft.App/environments')) {
      found.push(`${site.name}: its subnet ${subnet.name} is not delegated to Microsoft.App/environments (Flex Consumption)`);
    }
  }

  const publicAccess = [
    ['Microsoft.Storage/storageAccounts', true],
    ['Microsoft.ServiceBus/namespaces', false],
    ['Microsoft.KeyVault/vaults', true],
  ];
  for (const [type, hasAcls] of publicAccess) {
    for (const service of deployment.ofType(type)) {
      if (service.properties?.publicNetworkAccess !== 'Disabled') found.push(`${service.name} (${type}): publicNetworkAccess must be 'Disabled', is ${JSON.stringify(service.properties?.publicNetworkAccess)}`);
      if (hasAcls && service.properties?.networkAcls?.defaultAction !== 'Deny') found.push(`${service.name} (${type}): networkAcls.defaultAction must be 'Deny'`);
    }
  }
  for (const namespace of deployment.ofType('Microsoft.ServiceBus/namespaces')) {
    if (namespace.sku?.name !== 'Premium') found.push(`${namespace.name}: Service Bus takes private endpoints on Premium only, is ${namespace.sku?.name}`);
  }

  const zones = deployment.ofType('Microsoft.Network/privateDnsZones');
  const links = deployment.ofType('Microsoft.Network/privateDnsZones/virtualNetworkLinks');
  const endpoints = deployment.ofType('Microsoft.Network/privateEndpoints');
  for (const [type, groupId] of PRIVATE_ENDPOINTS) {
    for (const service of deployment.ofType(type)) {
      const where = `${service.name} (${groupId})`;
      const endpoint = endpoints.find((e) => (e.properties?.privateLinkServiceConnections ?? []).some(
        (c) => String(c.properties?.privateLinkServiceId).toLowerCase() === service.id.toLowerCase() && (c.properties?.groupIds ?? []).includes(groupId),
      ));
      if (!endpoint) {
        found.push(`${where}: no private endpoint`);
        continue;
      }
      if (!subnets.some((s) => s.id === String(endpoint.properties?.subnet?.id).toLowerCase())) found.push(`${where}: private endpoint ${endpoint.name} is not in the stamp's VNet`);
      const group = deployment.ofType(ZONE_GROUP).find((g) => g.name.startsWith(`${endpoint.name}/`));
      const zoneIds = (group?.properties?.privateDnsZoneConfigs ?? []).map((c) => String(c.properties?.privateDnsZoneId).toLowerCase());
      const zone = zones.find((z) => zoneIds.includes(z.id.toLowerCase()));
      if (!zone) {
        found.push(`${where}: private endpoint ${endpoint.name} registers in no private DNS zone of the stamp`);
        continue;
      }
      const zoneName = publicCloudName(zone.name);
      if (!zoneName.startsWith(`privatelink.${groupId === 'namespace' ? 'servicebus' : groupId === 'vault' ? 'vaultcore' : groupId}.`)) {
        found.push(`${where}: DNS zone ${zoneName} does not serve ${groupId}`);
      }
      const linked = links.some((l) => publicCloudName(l.name).startsWith(`${zoneName}/`) && vnetIds.has(String(l.properties?.virtualNetwork?.id).toLowerCase()));
      if (!linked) found.push(`${where}: DNS zone ${zoneName} is not linked to the stamp's VNet`);
    }
  }
  return found;
}
