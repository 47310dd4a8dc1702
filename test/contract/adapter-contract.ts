import { describe } from "vitest"
import { customKeys } from "../_custom-keys.js"
import { describeAccounts } from "./accounts.js"
import { describeAuthenticators } from "./authenticators.js"
import { type ContractConfiguration, useContractContext } from "./context.js"
import { describeDeleteUser } from "./delete-user.js"
import { describeSessions } from "./sessions.js"
import { describeUsers } from "./users.js"
import { describeVerificationTokens } from "./verification-tokens.js"

export type { ContractConfiguration } from "./context.js"

/**
 * Registers the adapter contract, every method of @auth/core 0.41's `Adapter` and its edge
 * cases, for one configuration, in the style of unstorage's `testDriver()`. Each configuration
 * gets its own table (startAuthTable(), or the endpoint in AUTHTABLE_TEST_ENDPOINT); tests use
 * unique ids, so they need no reset and can share a remote table.
 *
 * @example
 * adapterContract({ name: "default keys", options: {}, createUserWithoutId: false })
 */
export function adapterContract(configuration: ContractConfiguration): void {
  describe(configuration.name, () => {
    const ctx = useContractContext(configuration)
    describeUsers(ctx)
    describeAccounts(ctx)
    describeSessions(ctx)
    describeVerificationTokens(ctx)
    describeAuthenticators(ctx)
    describeDeleteUser(ctx)
  })
}

/** The three configurations the contract runs over. */
export const contractConfigurations: readonly ContractConfiguration[] = [
  { name: "default keys", options: {}, createUserWithoutId: false },
  {
    name: "custom keys",
    options: customKeys,
    createUserWithoutId: false,
  },
  { name: "next-auth v4 mode (createUser without id)", options: {}, createUserWithoutId: true },
]
