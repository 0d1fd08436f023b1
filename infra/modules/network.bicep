// The stamp's private network: a VNet with the function app's integration subnet and a subnet for
// private endpoints, and one private DNS zone per private-link service, linked to the VNet so the
// app resolves storage, Service Bus and Key Vault to their private addresses.
import { StampTags } from '../types.bicep'

@description('Required. VNet name.')
@minLength(2)
@maxLength(64)
param name string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Address space of the VNet, a /22 or larger.')
@minLength(9)
@maxLength(18)
param addressPrefix string

@description('Required. Private DNS zones to create and link to the VNet (privatelink.* names).')
param privateDnsZoneNames string[]

@description('Required. Resource id of the Log Analytics workspace receiving the VNet\'s metrics.')
@minLength(1)
@maxLength(512)
param workspaceId string

var appSubnetName = 'snet-app'
var privateEndpointSubnetName = 'snet-pe'

// Outbound rules stay the platform defaults; the NSGs make the subnets' traffic policy explicit and
// give flow logs a place to attach.
resource appSubnetNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: 'nsg-${name}-app'
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource privateEndpointNsg 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: 'nsg-${name}-pe'
  location: location
  tags: tags
  properties: {
    securityRules: []
  }
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        // Flex Consumption integrates through a subnet delegated to Microsoft.App/environments; each
        // instance takes an address, so the /24 bounds the app at about 250 instances.
        name: appSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 0)
          networkSecurityGroup: {
            id: appSubnetNsg.id
          }
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: privateEndpointSubnetName
        properties: {
          addressPrefix: cidrSubnet(addressPrefix, 24, 1)
          networkSecurityGroup: {
            id: privateEndpointNsg.id
          }
          privateEndpointNetworkPolicies: 'Enabled'
        }
      }
    ]
  }
}

resource zones 'Microsoft.Network/privateDnsZones@2024-06-01' = [for zone in privateDnsZoneNames: {
  name: zone
  location: 'global'
  tags: tags
}]

resource zoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [for (zone, i) in privateDnsZoneNames: {
  parent: zones[i]
  name: vnet.name
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}]

resource vnetDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vnet
  properties: {
    workspaceId: workspaceId
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the VNet.')
output resourceId string = vnet.id

@description('Resource id of the subnet the function app is integrated into.')
output appSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, appSubnetName)

@description('Resource id of the subnet holding the private endpoints.')
output privateEndpointSubnetId string = resourceId('Microsoft.Network/virtualNetworks/subnets', vnet.name, privateEndpointSubnetName)
