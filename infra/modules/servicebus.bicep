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
  }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource labelQueue 'Microsoft.ServiceBus/namespaces/queues@2024-01-01' = {
  parent: namespace
  name: settings.labelQueueName
  properties: {
    // MessageId is the label id: a resend by the outbox relay inside the window is dropped.
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: settings.duplicateDetectionWindow
    // A message the handler keeps failing is dead-lettered after this many deliveries, never lost.
    maxDeliveryCount: settings.maxDeliveryCount
    deadLetteringOnMessageExpiration: true
    defaultMessageTimeToLive: settings.messageTimeToLive
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

@description('Name of the namespace.')
output name string = namespace.name

@description('Resource id of the namespace.')
output resourceId string = namespace.id

@description('Host name of the namespace (<name>.servicebus.windows.net in the public cloud).')
output fullyQualifiedNamespace string = split(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':')[0]

@description('Name of the label-propagation queue.')
output labelQueueName string = labelQueue.name
