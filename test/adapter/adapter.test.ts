import { adapterContract, contractConfigurations } from "../contract/adapter-contract.js"

// The whole adapter contract, once per configuration: default keys, custom keys, v4 mode.
for (const configuration of contractConfigurations) adapterContract(configuration)
