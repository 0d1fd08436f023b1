// The sandbox stamp: cheapest settings, no zone redundancy or purge protection, and no private
// network (its data services accept public traffic from Entra identities only).
using '../main.bicep'

param stamp = {
  name: 'sandbox'
  environment: 'sandbox'
  location: 'eastus2'
  owner: 'risk-platform'
  workload: 'risk'
  functionApp: {
    instanceMemoryMB: 2048
    maximumInstanceCount: 40
    alwaysReady: []
    httpPerInstanceConcurrency: 16
  }
  serviceBus: {
    sku: 'Standard'
    labelQueueName: 'label-propagation'
    lockDuration: 'PT1M'
    messageTimeToLiveDays: 14
    duplicateDetectionWindow: 'PT1H'
    maxDeliveryCount: 10
  }
  monitoring: {
    retentionInDays: 30
    dailyQuotaGb: 1
  }
  storage: {
    sku: 'Standard_LRS'
    deleteRetentionDays: 7
  }
  keyVault: {
    softDeleteRetentionInDays: 7
    enablePurgeProtection: false
  }
}
