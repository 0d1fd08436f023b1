// Production stamp ca: the shared production settings in canadacentral, on its own private network.
using '../main.bicep'

import { production } from 'production.bicep'

param stamp = {
  ...production
  name: 'ca'
  location: 'canadacentral'
  privateNetwork: {
    addressPrefix: '10.30.0.0/22'
  }
}
