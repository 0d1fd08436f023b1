// Key Vault (RBAC, no access policies) for the token-signing keys. The keys are generated and stored
// by the deploy script, never by the template, so they never appear in deployment history.
import { StampTags, KeyVaultSettings, builtInRoles } from '../types.bicep'

@description('Required. Key Vault name (3-24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region.')
@minLength(4)
@maxLength(40)
param location string

@description('Required. Tags applied to every resource.')
param tags StampTags

@description('Required. Retention and purge protection.')
param settings KeyVaultSettings

@description('Required. Principal id of the app identity (reads the signing key).')
@minLength(36)
@maxLength(36)
param appPrincipalId string

@description('Required. True when the vault is reached through a private endpoint only.')
param privateAccess bool

@description('Required. Resource id of the Log Analytics workspace receiving the vault\'s audit logs and metrics.')
@minLength(1)
@maxLength(512)
param workspaceId string

@description('Optional. Object id of the principal running the deployment; gets Key Vault Secrets Officer to create and rotate the key. Empty to skip.')
@maxLength(36)
param deployerPrincipalId string = ''

@description('Optional. Kind of principal in deployerPrincipalId.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param deployerPrincipalType string = 'User'

@description('Optional. Name of the secret holding the current token-signing key (PEM private key).')
@minLength(1)
@maxLength(127)
param signingKeySecretName string = 'token-signing-key'

@description('Optional. Name of the secret holding the key that was current before the last rotation (PEM; verifies only).')
@minLength(1)
@maxLength(127)
param previousSigningKeySecretName string = 'token-signing-key-previous'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: settings.softDeleteRetentionInDays
    // Purge protection cannot be switched off again; ARM rejects an explicit false, so omit it.
    enablePurgeProtection: settings.enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: privateAccess ? 'Disabled' : 'Enabled'
    networkAcls: {
      defaultAction: privateAccess ? 'Deny' : 'Allow'
      bypass: 'AzureServices'
    }
  }
}

// Every secret read (the app's Key Vault references) and write (the deploy script) is audited.
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
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

// The vault holds nothing but this stamp's signing keys, so vault scope grants no more than them.
resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, appPrincipalId, builtInRoles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.keyVaultSecretsUser)
  }
}

resource deployerSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(vault.id, deployerPrincipalId, builtInRoles.keyVaultSecretsOfficer)
  scope: vault
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', builtInRoles.keyVaultSecretsOfficer)
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('Resource id of the vault.')
output resourceId string = vault.id

@description('URI of the vault (https://<name>.vault.azure.net/).')
output uri string = vault.properties.vaultUri

@description('Name of the secret holding the current token-signing key.')
output signingKeySecretName string = signingKeySecretName

@description('Name of the secret holding the previous token-signing key.')
output previousSigningKeySecretName string = previousSigningKeySecretName
