// Types shared by main.bicep and the stamp modules. One StampSettings value describes a whole
// regional stamp; every env/<stamp>.bicepparam supplies exactly one.

@export()
@description('A stamp: the sandbox environment or one production region. Each has env/<name>.bicepparam.')
type StampName = 'sandbox' | 'us' | 'eu' | 'ca' | 'au'

@export()
@description('Sandbox stamps trade resilience for cost; production stamps keep data protection on.')
type EnvironmentKind = 'sandbox' | 'production'

@export()
@sealed()
@description('The tags every resource carries, so cost, ownership and data residency can be traced.')
type StampTags = {
  @description('Required. sandbox or production.')
  environment: EnvironmentKind

  @description('Required. The stamp (data region) the resource belongs to.')
  region: StampName

  @description('Required. Workload short name.')
  @minLength(2)
  @maxLength(8)
  workload: string

  @description('Required. Team accountable for the resource.')
  @minLength(2)
  @maxLength(64)
  owner: string
}

@export()
@sealed()
@description('Optional explicit names; anything left out is derived from CAF abbreviations and a unique token.')
type ResourceNameOverrides = {
  @description('Optional. Resource group name.')
  @minLength(1)
  @maxLength(90)
  resourceGroup: string?

  @description('Optional. User-assigned managed identity name.')
  @minLength(3)
  @maxLength(128)
  managedIdentity: string?

  @description('Optional. Storage account name (3-24 lowercase letters and digits, globally unique).')
  @minLength(3)
  @maxLength(24)
  storageAccount: string?

  @description('Optional. Service Bus namespace name (6-50 characters, globally unique).')
  @minLength(6)
  @maxLength(50)
  serviceBusNamespace: string?

  @description('Optional. Log Analytics workspace name.')
  @minLength(4)
  @maxLength(63)
  logAnalyticsWorkspace: string?

  @description('Optional. Application Insights component name.')
  @minLength(1)
  @maxLength(255)
  applicationInsights: string?

  @description('Optional. Key Vault name (3-24 characters, globally unique).')
  @minLength(3)
  @maxLength(24)
  keyVault: string?

  @description('Optional. Flex Consumption plan name.')
  @minLength(1)
  @maxLength(60)
  appServicePlan: string?

  @description('Optional. Function app name (globally unique host name).')
  @minLength(2)
  @maxLength(60)
  functionApp: string?
}

@export()
@sealed()
@description('Pre-provisioned instances for one function group or function of the Flex Consumption app.')
type AlwaysReadySettings = {
  @description('Required. "http", "blob", "durable" for a trigger group, or "function:<FunctionName>" for one function.')
  @minLength(4)
  @maxLength(140)
  name: string

  @description('Required. Instances kept warm for this group or function.')
  @minValue(0)
  @maxValue(1000)
  instanceCount: int
}

@export()
@sealed()
@description('Flex Consumption scale settings of the function app.')
type FunctionAppSettings = {
  @description('Required. Memory per instance in MB; CPU and bandwidth scale with it.')
  instanceMemoryMB: 512 | 2048 | 4096

  @description('Required. Upper bound of instances the platform may scale out to.')
  @minValue(40)
  @maxValue(1000)
  maximumInstanceCount: int

  @description('Required. Always-ready instances; keeps cold starts off the request path.')
  alwaysReady: AlwaysReadySettings[]

  @description('Required. Concurrent HTTP requests one instance receives before the platform adds another.')
  @minValue(1)
  @maxValue(1000)
  httpPerInstanceConcurrency: int
}

@export()
@sealed()
@description('Service Bus namespace and label-propagation queue settings.')
type ServiceBusSettings = {
  @description('Required. Standard or Premium; Basic has no duplicate detection, and only Premium takes a private endpoint (a stamp with privateNetwork needs it).')
  sku: 'Standard' | 'Premium'

  @description('Optional. Messaging units of a Premium namespace (default 1); ignored by Standard.')
  capacity: (1 | 2 | 4 | 8 | 16)?

  @description('Required. Queue name; must equal the queue the app sends to and the trigger listens on.')
  @minLength(1)
  @maxLength(260)
  labelQueueName: string

  @description('Required. Peek-lock duration as an ISO 8601 duration (PT30S to PT5M); the host renews the lock while a message is processed.')
  @minLength(4)
  @maxLength(8)
  lockDuration: string

  @description('Required. Days a message may wait in the queue; expired messages are dead-lettered. The app is told too (Labels__MessageTimeToLive): its outbox relay leaves a label sent this recently to the queue.')
  @minValue(1)
  @maxValue(365)
  messageTimeToLiveDays: int

  @description('Required. Duplicate detection window as an ISO 8601 duration (PT20S to P7D); resends with the same MessageId inside it are dropped.')
  @minLength(4)
  @maxLength(12)
  duplicateDetectionWindow: string

  @description('Required. Deliveries before a message is dead-lettered.')
  @minValue(1)
  @maxValue(100)
  maxDeliveryCount: int
}

@export()
@sealed()
@description('Log Analytics and Application Insights settings.')
type MonitoringSettings = {
  @description('Required. Days logs are kept.')
  @minValue(30)
  @maxValue(730)
  retentionInDays: int

  @description('Required. Daily ingestion cap in GB; -1 for no cap.')
  @minValue(-1)
  @maxValue(1000)
  dailyQuotaGb: int

  @description('Optional. Resource id of the action group the stamp\'s alerts notify (on-call); without it alerts still fire and show in Azure Monitor.')
  @minLength(1)
  @maxLength(512)
  alertActionGroupId: string?
}

@export()
@sealed()
@description('Private networking of a stamp: a VNet the function app is integrated into and private endpoints for storage, Service Bus and Key Vault, whose public network access is then disabled.')
type PrivateNetworkSettings = {
  @description('Required. Address space of the stamp\'s VNet, a /22 or larger (e.g. 10.10.0.0/22): the first /24 is the app\'s integration subnet, the second the private endpoints\'.')
  @minLength(9)
  @maxLength(18)
  addressPrefix: string
}

@export()
@sealed()
@description('Storage account settings.')
type StorageSettings = {
  @description('Required. Replication; production stamps use zone-redundant storage.')
  sku: 'Standard_LRS' | 'Standard_ZRS' | 'Standard_GZRS' | 'Standard_RAGZRS'

  @description('Required. Days deleted blobs and containers stay recoverable.')
  @minValue(1)
  @maxValue(365)
  deleteRetentionDays: int
}

@export()
@sealed()
@description('Key Vault settings.')
type KeyVaultSettings = {
  @description('Required. Days a deleted vault or secret stays recoverable.')
  @minValue(7)
  @maxValue(90)
  softDeleteRetentionInDays: int

  @description('Required. Forbids purging deleted secrets before retention ends; cannot be turned off once on.')
  enablePurgeProtection: bool
}

@export()
@sealed()
@description('IP-intelligence data files shipped in the package (deploy.sh copies $RISK_IP_DATA_DIR to ipdata/ at the package root). Paths are relative to the app folder (the package root), e.g. ipdata/dbip-country-lite.csv; several files are separated by ";".')
type IpIntelligenceSettings = {
  @description('Required. Layout of the CSV files.')
  format: 'Auto' | 'DbIp' | 'GeoLite2'

  @description('Optional. Country ranges (DB-IP dbip-country-lite or GeoLite2 Country-Blocks).')
  @maxLength(1024)
  countryCsv: string?

  @description('Optional. GeoLite2 Country-Locations file.')
  @maxLength(1024)
  countryLocationsCsv: string?

  @description('Optional. City ranges (DB-IP dbip-city-lite or GeoLite2 City-Blocks).')
  @maxLength(1024)
  cityCsv: string?

  @description('Optional. GeoLite2 City-Locations file.')
  @maxLength(1024)
  cityLocationsCsv: string?

  @description('Optional. Autonomous-system ranges (DB-IP dbip-asn-lite or GeoLite2 ASN-Blocks).')
  @maxLength(1024)
  asnCsv: string?

  @description('Optional. Risky-IP lists in the FireHOL netset layout.')
  @maxLength(1024)
  riskyNetsets: string?

  @description('Optional. More AS numbers to treat as hosting providers, separated by ";" or ",".')
  @maxLength(4096)
  hostingAsns: string?
}

@export()
@sealed()
@description('Everything that varies between stamps. The modules derive the rest.')
type StampSettings = {
  @description('Required. Stamp identifier; used in names and tags.')
  name: StampName

  @description('Required. sandbox or production.')
  environment: EnvironmentKind

  @description('Required. Azure region of every resource of the stamp (for example eastus2); the data never leaves it.')
  @minLength(4)
  @maxLength(40)
  location: string

  @description('Required. Team accountable for the stamp; goes into the owner tag.')
  @minLength(2)
  @maxLength(64)
  owner: string

  @description('Required. Workload short name used in resource names and tags (lowercase letters and digits).')
  @minLength(2)
  @maxLength(8)
  workload: string

  @description('Optional. Replaces the uniqueString token in derived names, e.g. to adopt existing resources.')
  @minLength(4)
  @maxLength(13)
  nameToken: string?

  @description('Optional. Explicit resource names.')
  names: ResourceNameOverrides?

  @description('Optional. Public base URL of the API when it is served under its own host name (e.g. https://api.eu.example.com); the token issuer. Default: the function app\'s host name.')
  @minLength(10)
  @maxLength(256)
  publicBaseUrl: string?

  @description('Required. Function app scale settings.')
  functionApp: FunctionAppSettings

  @description('Required. Service Bus settings.')
  serviceBus: ServiceBusSettings

  @description('Required. Logging settings.')
  monitoring: MonitoringSettings

  @description('Required. Storage settings.')
  storage: StorageSettings

  @description('Required. Key Vault settings.')
  keyVault: KeyVaultSettings

  @description('Optional. Private networking; production stamps have it, the sandbox does not (its data services then accept public traffic from Entra identities only).')
  privateNetwork: PrivateNetworkSettings?

  @description('Optional. IP-intelligence data files; without them the stamp scores without IP geography, ASN or reputation.')
  ipIntelligence: IpIntelligenceSettings?
}

@export()
@description('Built-in role definition ids (the same in every Azure cloud and tenant).')
var builtInRoles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  serviceBusDataSender: '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  serviceBusDataReceiver: '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}
