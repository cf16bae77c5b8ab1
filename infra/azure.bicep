// The Azure resources for one SAFEGUARD deployment, as the Microsoft 365 Agents Toolkit deploys
// them (m365agents.yml, arm/deploy): App Service on Linux running the project's container image
// (Dockerfile: `npm run start:bot` with the outbox worker in process), an Azure Bot registered for
// Teams, Azure Database for PostgreSQL flexible server, a Key Vault holding every secret (the app
// reads them through Key Vault references, with a user-assigned managed identity), a container
// registry, and Log Analytics with Application Insights for the bot's pino logs.
//
// The referral key is never a parameter: after provisioning, whoever holds key custody puts it in
// the vault (`az keyvault secret set --name referral-key`, README "Deploy to your tenant").
// test/infra/template-settings.test.ts checks that the app settings below are the ones the bot
// reads (src/config/load-config.ts), both ways.

@description('Names every resource: lower-case letters and digits only, starting with a letter (the registry allows no hyphen, the database server no capitals); the app is https://<it>.azurewebsites.net.')
@minLength(3)
@maxLength(18)
param resourceBaseName string

param location string = resourceGroup().location

@description('How the bot signs in to the Bot Framework. SingleTenant: the Entra app registration (its client secret in the vault), which the tab\'s Teams sign-in also needs. UserAssignedMSI: the managed identity, no secret at all, but the tab cannot sign anyone in (Teams SSO needs an app registration whose id is the bot\'s).')
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botIdentity string = 'SingleTenant'

@description('The Entra app registration\'s client id (BOT_ID), made by aadApp/create. Unused with UserAssignedMSI.')
param botAadAppClientId string = ''

@description('The app registration\'s client secret, made by aadApp/create; stored only in the vault.')
@secure()
param botAadAppClientSecret string = ''

@description('The bot\'s display name in Azure.')
param botDisplayName string = 'SAFEGUARD'

@description('App Service plan size. P0v3 or larger keeps the app always on with room for a second instance.')
param appServiceSku string = 'P0v3'

@description('The image tag the app runs; the deploy step builds and pushes it (az acr build).')
param imageTag string = 'latest'

@description('Where the roles file lives on the app\'s persistent /home share (ROLES_FILE).')
param rolesFile string = '/home/safeguard/roles.yaml'

@description('Days a decided referral\'s personal details are kept (RETENTION_DAYS).')
@minValue(1)
@maxValue(3650)
param retentionDays int = 365

param postgresAdminLogin string = 'safeguardadmin'

@description('The PostgreSQL administrator password; stored in the vault inside DATABASE_URL.')
@secure()
param postgresAdminPassword string

@description('Object id of the person who will put the referral key in the vault (Key Vault Secrets Officer); empty to grant it by hand.')
param keyCustodianObjectId string = ''

var tenantId = tenant().tenantId
var appHost = '${resourceBaseName}.azurewebsites.net'
var names = {
  identity: '${resourceBaseName}-identity'
  plan: '${resourceBaseName}-plan'
  vault: '${resourceBaseName}-kv'
  registry: '${resourceBaseName}acr'
  postgres: '${resourceBaseName}-pg'
  logs: '${resourceBaseName}-logs'
  insights: '${resourceBaseName}-insights'
}
var databaseName = 'safeguard'
// Built-in role ids (learn.microsoft.com, "Azure built-in roles").
var roles = {
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
  acrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d'
}
var usesSecret = botIdentity == 'SingleTenant'
var botAppId = usesSecret ? botAadAppClientId : identity.properties.clientId
var keyVaultRef = 'VaultName=${vault.name};SecretName='

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

// ---- Secrets ----------------------------------------------------------------------------------

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // A deleted referral key cannot be purged early: without it every referral is unreadable.
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    // verify-full: TLS with the server's certificate checked (Azure's chain is in Node's roots).
    value: 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=verify-full'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (usesSecret) {
  parent: vault
  name: 'bot-password'
  properties: { value: botAadAppClientSecret }
}

resource appReadsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource custodianSetsSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(keyCustodianObjectId)) {
  scope: vault
  name: guid(vault.id, keyCustodianObjectId, roles.keyVaultSecretsOfficer)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsOfficer)
    principalId: keyCustodianObjectId
    principalType: 'User'
  }
}

// ---- Database ---------------------------------------------------------------------------------

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = {
  name: names.postgres
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    // The longest point-in-time restore Azure offers; the README's backup section relies on it.
    backup: { backupRetentionDays: 35, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    authConfig: { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = {
  parent: postgres
  name: databaseName
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Connections from Azure services only (0.0.0.0 is Azure's own rule). For private networking, put
// the server and the app in one virtual network instead (README "Deploy to your tenant").
resource postgresFromAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
  // One change at a time: the server refuses a second while one is applied (ServerIsBusy).
  dependsOn: [database]
}

// Connections only over TLS 1.2 or later.
resource postgresTls 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2022-12-01' = {
  parent: postgres
  name: 'ssl_min_protocol_version'
  properties: { value: 'TLSv1.2', source: 'user-override' }
  dependsOn: [postgresFromAzure]
}

// ---- Image and hosting ------------------------------------------------------------------------

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: names.registry
  location: location
  sku: { name: 'Basic' }
  properties: { adminUserEnabled: false }
}

resource appPullsImages 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: registry
  name: guid(registry.id, identity.id, roles.acrPull)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.acrPull)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: names.plan
  location: location
  kind: 'linux'
  sku: { name: appServiceSku }
  properties: { reserved: true }
}

// The settings the bot reads (src/config/load-config.ts), plus those App Service itself reads.
// app settings: begin
var sharedSettings = [
  { name: 'DATABASE_URL', value: '@Microsoft.KeyVault(${keyVaultRef}database-url)' }
  { name: 'REFERRAL_KEY', value: '@Microsoft.KeyVault(${keyVaultRef}referral-key)' }
  { name: 'MicrosoftAppId', value: botAppId }
  { name: 'MicrosoftAppType', value: botIdentity }
  { name: 'MicrosoftAppTenantId', value: tenantId }
  { name: 'ROLES_FILE', value: rolesFile }
  { name: 'RETENTION_DAYS', value: string(retentionDays) }
  { name: 'OUTBOX_WORKER', value: 'on' }
  { name: 'LOG_LEVEL', value: 'info' }
  // Under App Service's wait between SIGTERM and SIGKILL.
  { name: 'SHUTDOWN_DEADLINE_SECONDS', value: '8' }
  // Read by `npm run doctor` and `npm run package`, not by the bot.
  { name: 'APP_BASE_URL', value: 'https://${appHost}' }
  // App Service: the port the container listens on; /home kept across restarts for the roles file.
  { name: 'WEBSITES_PORT', value: '3978' }
  { name: 'WEBSITES_ENABLE_APP_SERVICE_STORAGE', value: 'true' }
]
var secretSettings = [
  { name: 'MicrosoftAppPassword', value: '@Microsoft.KeyVault(${keyVaultRef}bot-password)' }
  { name: 'TAB_AUDIENCE', value: 'api://${appHost}/${botAppId}' }
]
// app settings: end

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: resourceBaseName
  location: location
  kind: 'app,linux,container'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'DOCKER|${registry.properties.loginServer}/safeguard-teams:${imageTag}'
      acrUseManagedIdentityCreds: true
      acrUserManagedIdentityID: identity.properties.clientId
      alwaysOn: true
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Each probe proves a database write and refreshes the heartbeat `npm run doctor` reads.
      healthCheckPath: '/readyz'
      appSettings: usesSecret ? concat(sharedSettings, secretSettings) : sharedSettings
    }
  }
  dependsOn: [appReadsSecrets, appPullsImages, databaseUrlSecret, botPasswordSecret, database, postgresFromAzure, postgresTls]
}

// ---- The bot ------------------------------------------------------------------------------------

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'F0' }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${appHost}/api/messages'
    msaAppId: botAppId
    msaAppTenantId: tenantId
    msaAppType: botIdentity
    msaAppMSIResourceId: usesSecret ? null : identity.id
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

// ---- Logs -----------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: names.logs
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 90
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: names.insights
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// The bot's pino log (one JSON object a line on stdout, never message text) lands in
// AppServiceConsoleLogs; requests in AppServiceHTTPLogs.
resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: app
  name: 'to-log-analytics'
  properties: {
    workspaceId: logs.id
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

// /readyz from outside, every 5 minutes, from three places: an alert rule can watch it.
resource readyProbe 'Microsoft.Insights/webtests@2022-06-15' = {
  name: '${resourceBaseName}-readyz'
  location: location
  kind: 'standard'
  tags: { 'hidden-link:${insights.id}': 'Resource' }
  properties: {
    SyntheticMonitorId: '${resourceBaseName}-readyz'
    Name: '${resourceBaseName} /readyz'
    Kind: 'standard'
    Enabled: true
    Frequency: 300
    Timeout: 30
    RetryEnabled: true
    Locations: [{ Id: 'emea-gb-db3-azr' }, { Id: 'emea-nl-ams-azr' }, { Id: 'emea-ru-msa-edge' }]
    Request: { RequestUrl: 'https://${appHost}/readyz', HttpVerb: 'GET' }
    ValidationRules: { ExpectedHttpStatusCode: 200, SSLCheck: true, SSLCertRemainingLifetimeCheck: 7 }
  }
}

// Written to env/.env.<environment> by the toolkit, and used by the app package and the deploy step.
output BOT_ID string = botAppId
output APP_BASE_URL string = 'https://${appHost}'
output APP_DOMAIN string = appHost
output TAB_AUDIENCE string = 'api://${appHost}/${botAppId}'
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.id
output AZURE_APP_SERVICE_NAME string = app.name
output AZURE_CONTAINER_REGISTRY_NAME string = registry.name
output AZURE_KEY_VAULT_NAME string = vault.name
