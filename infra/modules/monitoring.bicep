// Log Analytics + workspace-based Application Insights. Local (instrumentation-key) ingestion is
// off: the app authenticates with its managed identity (Monitoring Metrics Publisher).
import { StampTags, builtInRoles } from '../types.bicep'

@description('Required. Log Analytics workspace name.')
@minLength(4)
@maxLength(63)
param workspaceName string

@description('Required. Application Insights component name.')
@minLength(1)
@maxLength(255)
param applicationInsightsName string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Days logs are kept.')
@minValue(30)
@maxValue(730)
param retentionInDays int

@description('Required. Daily ingestion cap in GB; -1 for no cap.')
@minValue(-1)
@maxValue(1000)
param dailyQuotaGb int

@description('Required. Principal id of the identity that sends telemetry.')
@minLength(36)
@maxLength(36)
param publisherPrincipalId string

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      disableLocalAuth: true
      enableLogAccessUsingOnlyResourcePermissions: true
    }
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, publisherPrincipalId, builtInRoles.monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: publisherPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.monitoringMetricsPublisher)
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id

@description('Name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('Connection string of Application Insights. It names the component and its ingestion endpoint; with local auth off it grants nothing without an Entra token.')
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
