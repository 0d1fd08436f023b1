// One private endpoint: a private address in the stamp's VNet for one sub-resource of a service
// (a storage service, the Service Bus namespace, the vault), registered in its private DNS zone.
import { StampTags } from '../types.bicep'

@description('Required. Private endpoint name.')
@minLength(2)
@maxLength(64)
param name string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Resource id of the subnet holding the private endpoints.')
@minLength(1)
@maxLength(512)
param subnetId string

@description('Required. Resource id of the service the endpoint leads to.')
@minLength(1)
@maxLength(512)
param serviceId string

@description('Required. Private-link sub-resource of the service (blob, table, queue, namespace, vault).')
@allowed([
  'blob'
  'table'
  'queue'
  'namespace'
  'vault'
])
param groupId string

@description('Required. Resource id of the private DNS zone the endpoint registers its address in.')
@minLength(1)
@maxLength(512)
param privateDnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}

@description('Resource id of the private endpoint.')
output resourceId string = endpoint.id
