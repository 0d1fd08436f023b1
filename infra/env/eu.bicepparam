// Production stamp eu: the shared production settings in westeurope, on its own private network.
using '../main.bicep'

import { production } from 'production.bicep'

param stamp = {
  ...production
  name: 'eu'
  location: 'westeurope'
  privateNetwork: {
    addressPrefix: '10.20.0.0/22'
  }
}
