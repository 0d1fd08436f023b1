// A regional stamp: every resource the service needs in one region, wired together with one
// user-assigned identity and role assignments instead of keys.
import { StampSettings, StampTags } from '../types.bicep'

@description('Required. The stamp settings from its parameter file.')
param settings StampSettings

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Optional. Object id of the principal running the deployment; gets Key Vault Secrets Officer. Empty to skip.')
@maxLength(36)
param deployerPrincipalId string = ''

@description('Optional. Kind of principal in deployerPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

// CAF abbreviations (https://aka.ms/caf/abbreviations) + workload + stamp + a token unique to this
// subscription and resource group, so names are stable across redeployments and unique globally.
var token = settings.?nameToken ?? uniqueString(subscription().id, resourceGroup().id)
var suffix = '${settings.workload}-${settings.name}-${token}'
var names = {
  managedIdentity: settings.?names.?managedIdentity ?? 'id-${suffix}'
  storageAccount: settings.?names.?storageAccount ?? take('st${settings.workload}${settings.name}${token}', 24)
  serviceBusNamespace: settings.?names.?serviceBusNamespace ?? 'sbns-${suffix}'
  logAnalyticsWorkspace: settings.?names.?logAnalyticsWorkspace ?? 'log-${suffix}'
  applicationInsights: settings.?names.?applicationInsights ?? 'appi-${suffix}'
  keyVault: settings.?names.?keyVault ?? take('kv-${suffix}', 24)
  appServicePlan: settings.?names.?appServicePlan ?? 'asp-${suffix}'
  functionApp: settings.?names.?functionApp ?? 'func-${suffix}'
  virtualNetwork: 'vnet-${suffix}'
}
var location = settings.location
var privateNetwork = settings.?privateNetwork
var privateAccess = privateNetwork != null

// Private endpoints of a stamp with a private network: one per service and sub-resource, each with
// its private DNS zone. Storage zones follow the cloud's storage suffix; Service Bus and Key Vault
// use the public-cloud privatelink names.
var privateEndpoints = privateAccess ? [
  {
    groupId: 'table'
    serviceId: resourceId('Microsoft.Storage/storageAccounts', names.storageAccount)
    zone: 'privatelink.table.${environment().suffixes.storage}'
  }
  {
    groupId: 'blob'
    serviceId: resourceId('Microsoft.Storage/storageAccounts', names.storageAccount)
    zone: 'privatelink.blob.${environment().suffixes.storage}'
  }
  {
    groupId: 'queue'
    serviceId: resourceId('Microsoft.Storage/storageAccounts', names.storageAccount)
    zone: 'privatelink.queue.${environment().suffixes.storage}'
  }
  {
    groupId: 'namespace'
    serviceId: resourceId('Microsoft.ServiceBus/namespaces', names.serviceBusNamespace)
    zone: 'privatelink.servicebus.windows.net'
  }
  {
    groupId: 'vault'
    serviceId: resourceId('Microsoft.KeyVault/vaults', names.keyVault)
    zone: 'privatelink.vaultcore.azure.net'
  }
] : []

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.managedIdentity
  location: location
  tags: tags
}

module monitoring 'monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.logAnalyticsWorkspace
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
    retentionInDays: settings.monitoring.retentionInDays
    dailyQuotaGb: settings.monitoring.dailyQuotaGb
    publisherPrincipalId: identity.properties.principalId
  }
}

module network 'network.bicep' = if (privateAccess) {
  name: 'network'
  params: {
    name: names.virtualNetwork
    location: location
    tags: tags
    addressPrefix: privateNetwork.?addressPrefix ?? ''
    privateDnsZoneNames: map(privateEndpoints, endpoint => endpoint.zone)
    workspaceId: monitoring.outputs.workspaceId
  }
}

module storage 'storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storageAccount
    location: location
    tags: tags
    sku: settings.storage.sku
    deleteRetentionDays: settings.storage.deleteRetentionDays
    appPrincipalId: identity.properties.principalId
    privateAccess: privateAccess
    workspaceId: monitoring.outputs.workspaceId
  }
}

module serviceBus 'servicebus.bicep' = {
  name: 'servicebus'
  params: {
    name: names.serviceBusNamespace
    location: location
    tags: tags
    settings: settings.serviceBus
    appPrincipalId: identity.properties.principalId
    privateAccess: privateAccess
    workspaceId: monitoring.outputs.workspaceId
    alertActionGroupId: settings.monitoring.?alertActionGroupId ?? ''
  }
}

module keyVault 'keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: tags
    settings: settings.keyVault
    appPrincipalId: identity.properties.principalId
    privateAccess: privateAccess
    workspaceId: monitoring.outputs.workspaceId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

module functionApp 'functionapp.bicep' = {
  name: 'functionapp'
  params: {
    name: names.functionApp
    planName: names.appServicePlan
    location: location
    tags: tags
    settings: settings.functionApp
    identityId: identity.id
    identityClientId: identity.properties.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    serviceBusFullyQualifiedNamespace: serviceBus.outputs.fullyQualifiedNamespace
    labelQueueName: serviceBus.outputs.labelQueueName
    labelMaxDeliveryCount: settings.serviceBus.maxDeliveryCount
    labelMessageTimeToLiveDays: settings.serviceBus.messageTimeToLiveDays
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    tableEndpoint: storage.outputs.tableEndpoint
    keyVaultUri: keyVault.outputs.uri
    signingKeySecretName: keyVault.outputs.signingKeySecretName
    previousSigningKeySecretName: keyVault.outputs.previousSigningKeySecretName
    publicBaseUrl: settings.?publicBaseUrl ?? ''
    ipIntelligence: settings.?ipIntelligence
    appSubnetId: privateAccess ? network.?outputs.appSubnetId : null
    workspaceId: monitoring.outputs.workspaceId
  }
  // Behind a private network the app reaches its storage only through the endpoints.
  dependsOn: [
    endpoints
  ]
}

module endpoints 'private-endpoint.bicep' = [for endpoint in privateEndpoints: {
  name: 'pe-${endpoint.groupId}'
  params: {
    name: 'pe-${endpoint.groupId}-${suffix}'
    location: location
    tags: tags
    subnetId: network.?outputs.privateEndpointSubnetId ?? ''
    serviceId: endpoint.serviceId
    groupId: endpoint.groupId
    privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', endpoint.zone)
  }
  dependsOn: [
    storage
    serviceBus
    keyVault
  ]
}]

@description('Base URL of the API.')
output functionAppUrl string = functionApp.outputs.url

@description('Name of the function app.')
output functionAppName string = functionApp.outputs.name

@description('Name of the storage account.')
output storageAccountName string = storage.outputs.name

@description('Name of the Service Bus namespace.')
output serviceBusNamespaceName string = serviceBus.outputs.name

@description('Name of the Key Vault.')
output keyVaultName string = keyVault.outputs.name

@description('Name of the secret holding the current token-signing key.')
output signingKeySecretName string = keyVault.outputs.signingKeySecretName

@description('Name of the secret holding the previous token-signing key.')
output previousSigningKeySecretName string = keyVault.outputs.previousSigningKeySecretName

@description('Client id of the managed identity the app runs as.')
output managedIdentityClientId string = identity.properties.clientId

@description('Name of the Application Insights component.')
output applicationInsightsName string = monitoring.outputs.applicationInsightsName
