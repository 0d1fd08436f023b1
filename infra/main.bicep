// One regional stamp of RiskFunctions: a resource group and everything in it. Deploy it once per
// stamp with that stamp's parameter file (infra/deploy.sh does), so stamps stay independent and a
// tenant's data never leaves its region.
targetScope = 'subscription'

import { StampSettings } from 'types.bicep'

@description('Required. The stamp to deploy: name, region, scale and retention settings (see env/*.bicepparam).')
param stamp StampSettings

@description('Optional. Object id of whoever runs the deployment; gets Key Vault Secrets Officer so the deploy script can create the token-signing keys. Empty to skip.')
@maxLength(36)
param deployerPrincipalId string = ''

@description('Optional. Kind of principal in deployerPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

var tags = {
  environment: stamp.environment
  region: stamp.name
  workload: stamp.workload
  owner: stamp.owner
}

resource stampResourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: stamp.?names.?resourceGroup ?? 'rg-${stamp.workload}-${stamp.name}'
  location: stamp.location
  tags: tags
  properties: {}
}

module regionalStamp 'modules/stamp.bicep' = {
  name: 'stamp-${stamp.name}'
  scope: stampResourceGroup
  params: {
    settings: stamp
    tags: tags
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
}

@description('Resource group of the stamp.')
output resourceGroupName string = stampResourceGroup.name

@description('Azure region of the stamp.')
output location string = stamp.location

@description('Base URL of the API (https://<app>.azurewebsites.net).')
output functionAppUrl string = regionalStamp.outputs.functionAppUrl

@description('Name of the function app; the deploy step publishes the package to it.')
output functionAppName string = regionalStamp.outputs.functionAppName

@description('Name of the storage account holding the tables and the deployment package.')
output storageAccountName string = regionalStamp.outputs.storageAccountName

@description('Name of the Service Bus namespace.')
output serviceBusNamespaceName string = regionalStamp.outputs.serviceBusNamespaceName

@description('Name of the Key Vault holding the token-signing key.')
output keyVaultName string = regionalStamp.outputs.keyVaultName

@description('Name of the secret holding the current token-signing key.')
output signingKeySecretName string = regionalStamp.outputs.signingKeySecretName

@description('Name of the secret holding the previous token-signing key (verifies tokens signed before a rotation).')
output previousSigningKeySecretName string = regionalStamp.outputs.previousSigningKeySecretName

@description('Client id of the managed identity the app runs as.')
output managedIdentityClientId string = regionalStamp.outputs.managedIdentityClientId

@description('Name of the Application Insights component.')
output applicationInsightsName string = regionalStamp.outputs.applicationInsightsName
