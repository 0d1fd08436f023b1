// Production stamp au: the shared production settings in australiaeast, on its own private network.
using '../main.bicep'

import { production } from 'production.bicep'

param stamp = {
  ...production
  name: 'au'
  location: 'australiaeast'
  privateNetwork: {
    addressPrefix: '10.40.0.0/22'
  }
}
