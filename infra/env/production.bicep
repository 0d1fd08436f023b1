// Settings every production stamp shares; each env/<region>.bicepparam adds its name, region and
// address space. Production keeps data protection on: zone-redundant storage, purge protection,
// Premium Service Bus (private endpoints need it), private networking, 90-day logs.

@export()
@description('The production defaults of StampSettings, without the per-region name, location and network.')
var production = {
  environment: 'production'
  owner: 'risk-platform'
  workload: 'risk'
  functionApp: {
    instanceMemoryMB: 2048
    maximumInstanceCount: 100
    alwaysReady: [
      {
        name: 'http'
        instanceCount: 2
      }
      {
        name: 'function:LabelPropagation'
        instanceCount: 1
      }
    ]
    httpPerInstanceConcurrency: 32
  }
  serviceBus: {
    sku: 'Premium'
    capacity: 1
    labelQueueName: 'label-propagation'
    lockDuration: 'PT1M'
    messageTimeToLiveDays: 14
    duplicateDetectionWindow: 'PT1H'
    maxDeliveryCount: 10
  }
  monitoring: {
    retentionInDays: 90
    dailyQuotaGb: -1
  }
  storage: {
    sku: 'Standard_ZRS'
    deleteRetentionDays: 30
  }
  keyVault: {
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}
