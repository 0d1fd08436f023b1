// Production stamp us: the shared production settings in eastus2, on its own private network.
using '../main.bicep'

import { production } from 'production.bicep'

param stamp = {
  ...production
  name: 'us'
  location: 'eastus2'
  privateNetwork: {
    addressPrefix: '10.10.0.0/22'
  }
}
