// Service Bus for label propagation. SAS keys are disabled (disableLocalAuth): the app sends over
// REST with an Entra token and the Functions host receives with the same identity.
import { StampTags, ServiceBusSettings, builtInRoles } from '../types.bicep'

@description('Required. Namespace name (6-50 characters, globally unique).')
@minLength(6)
@maxLength(50)
param name string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Namespace and queue settings.')
param settings ServiceBusSettings

@description('Required. Principal id of the app identity (sends labels, receives them in the trigger).')
@minLength(36)
@maxLength(36)
param appPrincipalId string

@description('Required. True when the namespace is reached through a private endpoint only (needs the Premium tier).')
param privateAccess bool

@description('Required. Resource id of the Log Analytics workspace receiving the namespace\'s logs and metrics.')
@minLength(1)
@maxLength(512)
param workspaceId string

@description('Optional. Action group the dead-letter alert notifies; empty for an alert without notification.')
@maxLength(512)
param alertActionGroupId string = ''

// Sender for the REST send after a label is stored, Receiver for the host's trigger; both on the
// queue only, not the namespace.
var queueRoles = [
  builtInRoles.serviceBusDataSender
  builtInRoles.serviceBusDataReceiver
]

resource namespace 'Microsoft.ServiceBus/namespaces@2024-01-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: settings.sku
    tier: settings.sku
    capacity: settings.sku == 'Premium' ? (settings.?capacity ?? 1) : null
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: privateAccess ? 'Disabled' : 'Enabled'
  }
}

resource labelQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: settings.labelQueueName
  properties: {
    // MessageId is the label id: a resend by the outbox relay inside the window is dropped.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: settings.duplicateDetectionWindow
    // A message the app keeps failing is dead-lettered after this many deliveries, never lost.
    maxDeliveryCount: settings.maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: 'P${settings.messageTimeToLiveDays}D'
    lockDuration: settings.lockDuration
    requiresSession: false
    enableBatchedOperations: true
    maxSizeInMegabytes: 1024
  }
}

resource queueRoleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in queueRoles: {
  name: guid(labelQueue.id, appPrincipalId, role)
  scope: labelQueue
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource namespaceDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
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

// A dead-lettered label is one the app gave up on after maxDeliveryCount deliveries: its
// propagation never happened, so someone has to look (infra/README.md shows how to inspect them).
resource deadLetterAlert 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: 'alert-${settings.labelQueueName}-deadlettered-${name}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Messages in the dead-letter queue of ${settings.labelQueueName}: label propagations that failed ${settings.maxDeliveryCount} times.'
    severity: 2
    enabled: true
    scopes: [
      namespace.id
    ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered-labels'
          metricNamespace: 'Microsoft.ServiceBus/namespaces'
          metricName: 'DeadletteredMessages'
          dimensions: [
            {
              name: 'EntityName'
              operator: 'Include'
              values: [
                labelQueue.name
              ]
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          timeAggregation: 'Maximum'
        }
      ]
    }
    actions: empty(alertActionGroupId) ? [] : [
      {
        actionGroupId: alertActionGroupId
      }
    ]
  }
}

@description('Name of the namespace.')
output name string = namespace.name

@description('Resource id of the namespace.')
output resourceId string = namespace.id

@description('Host name of the namespace (<name>.servicebus.windows.net in the public cloud).')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Name of the label-propagation queue.')
output labelQueueName string = labelQueue.name
