// Programmatic names of the Azure public-cloud regions (`az account list-locations --query [].name`).
// Used to spot a region written into a template and to check the regions of the parameter files.
export const AZURE_REGIONS = new Set([
  'australiacentral', 'australiacentral2', 'australiaeast', 'australiasoutheast', 'austriaeast',
  'belgiumcentral', 'brazilsouth', 'brazilsoutheast', 'canadacentral', 'canadaeast', 'centralindia',
  'centralus', 'centraluseuap', 'chilecentral', 'eastasia', 'eastus', 'eastus2', 'eastus2euap',
  'francecentral', 'francesouth', 'germanynorth', 'germanywestcentral', 'indonesiacentral',
  'israelcentral', 'italynorth', 'japaneast', 'japanwest', 'jioindiacentral', 'jioindiawest',
  'koreacentral', 'koreasouth', 'malaysiawest', 'mexicocentral', 'newzealandnorth', 'northcentralus',
  'northeurope', 'norwayeast', 'norwaywest', 'polandcentral', 'qatarcentral', 'southafricanorth',
  'southafricawest', 'southcentralus', 'southeastasia', 'southindia', 'spaincentral', 'swedencentral',
  'swedensouth', 'switzerlandnorth', 'switzerlandwest', 'uaecentral', 'uaenorth', 'uksouth', 'ukwest',
  'westcentralus', 'westeurope', 'westindia', 'westus', 'westus2', 'westus3',
]);

/** True for a region name in either spelling: `westeurope` or `West Europe`. */
export function isAzureRegion(text) {
  return AZURE_REGIONS.has(String(text).toLowerCase().replace(/\s+/g, ''));
}
