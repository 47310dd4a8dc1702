import { randomUUID } from "node:crypto"
import type {
  AdapterAccount,
  AdapterAuthenticator,
  AdapterSession,
  AdapterUser,
  VerificationToken,
} from "@auth/core/adapters"
import type {
  AuthTableAdapter,
  DynamoDBAdapterOptions,
  TableKeys,
} from "../../src/adapter/index.js"
import { type RawTable, rawTable } from "./raw.js"
import { useTarget } from "./target.js"

/** One way of using the adapter that the whole contract must hold for. */
export interface ContractConfiguration {
  /** Shown as the describe block. */
  name: string
  /** Key options, given both to the table and to the adapter. */
  options: DynamoDBAdapterOptions
  /** next-auth 4 calls createUser without an id and expects the adapter to make one. */
  createUserWithoutId: boolean
}

/** What every contract module gets: the adapter, raw reads and data builders. */
export interface ContractContext {
  readonly configuration: ContractConfiguration
  readonly adapter: AuthTableAdapter
  readonly raw: RawTable
  readonly keys: TableKeys
  /** Creates a user the way this configuration's Auth.js version does. */
  createUser(overrides?: Partial<AdapterUser>): Promise<AdapterUser>
}

/** A unique value: the suite can share a table (a remote endpoint) without a reset. */
export const unique = (prefix: string): string => `${prefix}-${randomUUID()}`

/** Whole milliseconds, in the future; every date the suite writes. */
export const inOneHour = (): Date => new Date(Date.now() + 3_600_000)

export function userData(overrides: Partial<AdapterUser> = {}): AdapterUser {
  const id = unique("user")
  return {
    id,
    email: `${id}@example.com`,
    emailVerified: new Date("2024-05-06T07:08:09.010Z"),
    name: "Ada Lovelace",
    image: "https://example.com/ada.png",
    ...overrides,
  }
}

export function accountData(userId: string, overrides: Partial<AdapterAccount> = {}) {
  return {
    userId,
    type: "oauth",
    provider: "github",
    providerAccountId: unique("gh"),
    access_token: "gho_access",
    refresh_token: "ghr_refresh",
    token_type: "bearer",
    scope: "read:user user:email",
    expires_at: 1_900_000_000,
    ...overrides,
  } satisfies AdapterAccount as AdapterAccount
}

export function sessionData(userId: string, overrides: Partial<AdapterSession> = {}) {
  return { userId, sessionToken: unique("session"), expires: inOneHour(), ...overrides }
}

export function verificationTokenData(overrides: Partial<VerificationToken> = {}) {
  return {
    identifier: `${unique("vt")}@example.com`,
    token: unique("token"),
    expires: inOneHour(),
    ...overrides,
  }
}

export function authenticatorData(
  userId: string,
  overrides: Partial<AdapterAuthenticator> = {},
): AdapterAuthenticator {
  return {
    userId,
    credentialID: unique("credential"),
    providerAccountId: unique("passkey"),
    credentialPublicKey: "pQECAyYgASFYIGk",
    counter: 0,
    credentialBackedUp: true,
    credentialDeviceType: "multiDevice",
    transports: "internal,hybrid",
    ...overrides,
  }
}

/**
 * Opens a target for the configuration around the calling describe block and returns a context
 * whose fields are filled in by the time tests run.
 */
export function useContractContext(configuration: ContractConfiguration): ContractContext {
  const target = useTarget(configuration.options)
  let raw: RawTable | undefined
  return {
    configuration,
    get adapter() {
      return target().adapter
    },
    get raw() {
      raw ??= rawTable(target().client, target().keys)
      return raw
    },
    get keys() {
      return target().keys
    },
    async createUser(overrides = {}) {
      const data = userData(overrides)
      if (!configuration.createUserWithoutId) return target().adapter.createUser(data)
      const { id: _id, ...withoutId } = data
      return target().adapter.createUser(withoutId as AdapterUser)
    },
  }
}
