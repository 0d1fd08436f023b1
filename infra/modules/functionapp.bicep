// The function app on Flex Consumption (Linux). Its stack comes from runtime.bicep. Every connection
// is identity-based; no setting holds a key.
import { StampTags, FunctionAppSettings, IpIntelligenceSettings } from '../types.bicep'
import { appRuntime } from '../runtime.bicep'

@description('Required. Function app name (globally unique host name).')
@minLength(2)
@maxLength(60)
param name string

@description('Required. Flex Consumption plan name.')
@minLength(1)
@maxLength(60)
param planName string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Scale settings.')
param settings FunctionAppSettings

@description('Required. Resource id of the user-assigned identity the app runs as.')
@minLength(1)
@maxLength(512)
param identityId string

@description('Required. Client id of that identity.')
@minLength(36)
@maxLength(36)
param identityClientId string

@description('Required. Storage account of the host (AzureWebJobsStorage) and of the app tables.')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Required. URL of the blob container holding the deployment package.')
@minLength(10)
@maxLength(512)
param deploymentContainerUrl string

@description('Required. Service Bus host name (<namespace>.servicebus.windows.net).')
@minLength(6)
@maxLength(253)
param serviceBusFullyQualifiedNamespace string

@description('Required. Name of the label-propagation queue.')
@minLength(1)
@maxLength(260)
param labelQueueName string

@description('Required. Application Insights connection string (identifies the component; ingestion needs an Entra token).')
@minLength(1)
@maxLength(1024)
param applicationInsightsConnectionString string

@description('Required. Table service endpoint of the storage account (https://<account>.table.core.windows.net/).')
@minLength(10)
@maxLength(512)
param tableEndpoint string

@description('Required. URI of the Key Vault holding the token-signing keys.')
@minLength(10)
@maxLength(256)
param keyVaultUri string

@description('Required. Name of the secret holding the current token-signing key (PEM private key).')
@minLength(1)
@maxLength(127)
param signingKeySecretName string

@description('Required. Name of the secret holding the previous token-signing key (PEM, verifies only).')
@minLength(1)
@maxLength(127)
param previousSigningKeySecretName string

@description('Optional. Public base URL of the API, the issuer of the tokens it signs; default: the app\'s own host name.')
@maxLength(256)
param publicBaseUrl string = ''

@description('Optional. IP-intelligence data files in the package; null runs without IP enrichment.')
param ipIntelligence IpIntelligenceSettings?

@description('Optional. NCRONTAB schedule of the relay that re-sends labels whose propagation message was not confirmed.')
@minLength(11)
@maxLength(64)
param labelOutboxRelaySchedule string = '0 */1 * * * *'

@description('Optional. NCRONTAB schedule of the training of the tenants\' learned models (hourly).')
@minLength(11)
@maxLength(64)
param modelTrainingSchedule string = '0 0 * * * *'
@description('Optional. NCRONTAB schedule of the ring and campaign maintenance (campaigns are found within one period).')
@minLength(11)
@maxLength(64)
param ringCampaignMaintenanceSchedule string = '0 */1 * * * *'

@description('Required. Deliveries before a propagation message is dead-lettered; equal to the queue\'s maxDeliveryCount.')
@minValue(1)
@maxValue(100)
param labelMaxDeliveryCount int

@description('Required. Days a propagation message may wait in the queue; equal to the queue\'s defaultMessageTimeToLive.')
@minValue(1)
@maxValue(365)
param labelMessageTimeToLiveDays int

@description('Optional. Resource id of the subnet (delegated to Microsoft.App/environments) the app\'s outbound traffic goes through; null for no VNet integration.')
@minLength(1)
@maxLength(512)
param appSubnetId string?

@description('Required. Resource id of the Log Analytics workspace receiving the app\'s logs and metrics.')
@minLength(1)
@maxLength(512)
param workspaceId string

// Settings the Functions host reads. Connection names (AzureWebJobsStorage, ServiceBusConnection)
// are the ones the bindings of the app's generated functions.metadata reference.
var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusFullyQualifiedNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// Settings the app reads: its options classes bind them (Section__Property) and
// local.settings.sample.json lists the same keys with local values. Key Vault references resolve
// through the user-assigned identity (keyVaultReferenceIdentity).
var appOwnSettings = {
  Storage__TableEndpoint: tableEndpoint
  Storage__ManagedIdentityClientId: identityClientId
  Storage__TablePrefix: ''
  // An empty path means "not configured"; the sample data set is for local use only.
  IpIntelligence__UseSampleData: 'false'
  IpIntelligence__Format: ipIntelligence.?format ?? 'Auto'
  IpIntelligence__CountryCsv: ipIntelligence.?countryCsv ?? ''
  IpIntelligence__CountryLocationsCsv: ipIntelligence.?countryLocationsCsv ?? ''
  IpIntelligence__CityCsv: ipIntelligence.?cityCsv ?? ''
  IpIntelligence__CityLocationsCsv: ipIntelligence.?cityLocationsCsv ?? ''
  IpIntelligence__AsnCsv: ipIntelligence.?asnCsv ?? ''
  IpIntelligence__RiskyNetsets: ipIntelligence.?riskyNetsets ?? ''
  IpIntelligence__HostingAsns: ipIntelligence.?hostingAsns ?? ''
  Security__Tokens__Issuer: empty(publicBaseUrl) ? 'https://${name}.azurewebsites.net' : publicBaseUrl
  Security__Signing__CurrentKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${signingKeySecretName}/)'
  Security__Signing__PreviousKey: '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${previousSigningKeySecretName}/)'
  // HTTPS-only behind the platform's front end, which appends the caller's address to X-Forwarded-For.
  Security__Hardening__Hsts: 'true'
  Security__Hardening__TrustForwardedFor: 'true'
  // Propagation messages go to the Service Bus queue (REST send with the same ServiceBusConnection
  // identity settings) and come back through the LabelPropagation trigger.
  Labels__Transport: 'ServiceBus'
  Labels__MaxDeliveryCount: string(labelMaxDeliveryCount)
  // A bare number is days to the options binder (TimeSpan.Parse).
  Labels__MessageTimeToLive: string(labelMessageTimeToLiveDays)
  Labels__RelayAfter: '00:02:00'
  // Actions marked per propagation chunk (one checkpoint per chunk); the app's default, stated so a stamp can tune it.
  Labels__PropagationChunkSize: '20000'
}

// Settings the bindings of the generated functions.metadata refer to as %Name%.
var bindingSettings = {
  LabelPropagationQueue: labelQueueName
  LabelOutboxRelaySchedule: labelOutboxRelaySchedule
  ModelTrainingSchedule: modelTrainingSchedule
  RingCampaignMaintenanceSchedule: ringCampaignMaintenanceSchedule
}

var appSettings = {
  ...hostSettings
  ...bindingSettings
  ...appOwnSettings
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identityId
    // The API is public (tenants call it over the internet); the private network is for the app's
    // outbound traffic to its data services.
    publicNetworkAccess: 'Enabled'
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: map(items(appSettings), setting => {
        name: setting.key
        value: setting.value
      })
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: settings.instanceMemoryMB
        maximumInstanceCount: settings.maximumInstanceCount
        alwaysReady: settings.alwaysReady
        triggers: {
          http: {
            perInstanceConcurrency: settings.httpPerInstanceConcurrency
          }
        }
      }
      runtime: {
        name: appRuntime.name
        version: appRuntime.version
      }
    }
  }
}

// Publishing goes through Entra (az functionapp deployment), never FTP or basic-auth SCM.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

resource siteDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Resource id of the function app.')
output resourceId string = site.id

@description('Base URL of the API.')
output url string = 'https://${site.properties.defaultHostName}'
