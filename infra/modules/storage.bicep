// The stamp's storage account: the app's tables, the host's blobs and queues, and the container
// Flex Consumption deploys the package from. Shared keys are off: only Entra identities get in.
import { StampTags, builtInRoles } from '../types.bicep'

@description('Required. Storage account name (3-24 lowercase letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Replication of the account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
  'Standard_RAGZRS'
])
param sku string

@description('Required. Days deleted blobs and containers stay recoverable.')
@minValue(1)
@maxValue(365)
param deleteRetentionDays int

@description('Required. Principal id of the app identity.')
@minLength(36)
@maxLength(36)
param appPrincipalId string

@description('Required. True when the account is reached through private endpoints only.')
param privateAccess bool

@description('Required. Resource id of the Log Analytics workspace receiving the account\'s logs and metrics.')
@minLength(1)
@maxLength(512)
param workspaceId string

@description('Optional. Blob container the deployment package is uploaded to.')
@minLength(3)
@maxLength(63)
param deploymentContainerName string = 'app-package'

// The app's tables: the TableName constants of RiskFunctions.Storage (a test keeps the two equal).
// The app also creates them at start-up (create-if-not-exists); provisioning them here makes a
// stamp complete before the first instance starts. The stamp sets no table prefix.
var appTables = [
  'actionindex'
  'actions'
  'activity'
  'campaigns'
  'clients'
  'fraudreports'
  'fraudrings'
  'idempotency'
  'labels'
  'links'
  'outbox'
  'population'
  'profiles'
  'reputation'
  'rulehits'
  'rules'
]

// The host needs blobs (leases, timer schedules) and queues; the app reads and writes its tables.
// Scoped to this account only.
var appRoles = [
  builtInRoles.storageBlobDataOwner
  builtInRoles.storageQueueDataContributor
  builtInRoles.storageTableDataContributor
]

resource account 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: sku
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: privateAccess ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateAccess ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: deleteRetentionDays
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {}
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-01-01' = [for table in appTables: {
  parent: tableService
  name: table
}]

// The host's queues (Functions scale and blob-trigger bookkeeping).
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-01-01' = {
  parent: account
  name: 'default'
  properties: {}
}

// Reads, writes and deletes of every service into the stamp's workspace, and the account's
// capacity and transaction metrics; the tables hold the tenants' data, so their access log matters most.
var diagnosticsLogsAndMetrics = {
  workspaceId: workspaceId
  logs: [
    {
      categoryGroup: 'allLogs'
      enabled: true
    }
  ]
  metrics: [
    {
      category: 'Transaction'
      enabled: true
    }
  ]
}

resource accountDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: account
  properties: {
    workspaceId: workspaceId
    metrics: [
      {
        category: 'Transaction'
        enabled: true
      }
    ]
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: diagnosticsLogsAndMetrics
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: diagnosticsLogsAndMetrics
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: diagnosticsLogsAndMetrics
}

resource appRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in appRoles: {
  name: guid(account.id, appPrincipalId, role)
  scope: account
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output resourceId string = account.id

@description('URL of the container Flex Consumption deploys the package from.')
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer.name}'

@description('Table service endpoint of the account.')
output tableEndpoint string = account.properties.primaryEndpoints.table
