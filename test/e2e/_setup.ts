import type { HttpHandler } from "msw"
import { setupServer } from "msw/node"
import { afterAll, afterEach, beforeAll } from "vitest"
import { type AuthTable, startAuthTable } from "../../src/emulator/index.js"
import {
  createInbox,
  mockDiscord,
  mockGitHub,
  mockGoogle,
  mockResend,
  strictUnhandledRequests,
} from "../../src/msw/index.js"
import { type AppConfig, type AuthApp, type Generation, oauthClient, startApp } from "./_apps.js"

/** Everything one generation's end-to-end tests share; filled in by `beforeAll`. */
export interface E2EContext {
  readonly app: AuthApp
  readonly table: AuthTable
  readonly server: ReturnType<typeof setupServer>
  readonly github: ReturnType<typeof mockGitHub>
  readonly google: ReturnType<typeof mockGoogle>
  readonly discord: ReturnType<typeof mockDiscord>
  readonly config: AppConfig
  /** Every item in the table, read with a consistent scan. */
  items(): Promise<Record<string, unknown>[]>
  /** What the library logged as errors, with every cause, as one searchable string. */
  loggedErrors(): string
}

/**
 * Registers the hooks of an end-to-end suite: the app of `generation`, an msw server with the
 * GitHub, Google, Discord and Resend mocks, then the emulator. The order matters: msw listens before the first
 * DynamoDB request (see the README's "msw" section), and the emulator's requests pass through.
 */
export interface E2EOptions {
  /** More msw handlers for the whole suite. */
  handlers?: HttpHandler[]
  emailMaxAgeSeconds?: number
}

export function setupE2E(generation: Generation, options: E2EOptions = {}): E2EContext {
  const inbox = createInbox()
  const github = mockGitHub(oauthClient)
  const google = mockGoogle(oauthClient)
  const discord = mockDiscord(oauthClient)
  const state: Partial<{
    app: AuthApp
    table: AuthTable
    server: ReturnType<typeof setupServer>
  }> = {}
  const config: AppConfig = {
    get adapter() {
      if (!state.table) throw new Error("the table is not started yet")
      return state.table.adapter
    },
    inbox,
    errors: [],
    emailMaxAgeSeconds: options.emailMaxAgeSeconds,
  }

  beforeAll(async () => {
    state.app = await startApp(generation, () => config)
    state.server = setupServer(
      ...github.handlers,
      ...google.handlers,
      ...discord.handlers,
      mockResend(inbox),
      ...(options.handlers ?? []),
    )
    state.server.listen({
      onUnhandledRequest: strictUnhandledRequests({ allow: state.app.allowedOrigins }),
    })
    state.table = await startAuthTable()
  })
  afterEach(async () => {
    state.server?.resetHandlers()
    inbox.clear()
    config.errors.length = 0
    await state.table?.reset()
  })
  afterAll(async () => {
    await state.table?.stop()
    state.server?.close()
    await state.app?.close()
  })

  const must = <K extends keyof typeof state>(key: K) => {
    const value = state[key]
    if (!value) throw new Error(`${key} is not started yet`)
    return value as NonNullable<(typeof state)[K]>
  }
  return {
    get app() {
      return must("app")
    },
    get table() {
      return must("table")
    },
    get server() {
      return must("server")
    },
    github,
    google,
    discord,
    config,
    loggedErrors: () => JSON.stringify(config.errors, errorReplacer),
    async items() {
      const table = must("table")
      const { Items = [] } = await table.client.scan({
        TableName: table.tableName,
        ConsistentRead: true,
      })
      return Items
    },
  }
}

/** Serializes errors with their name, message, cause and (AWS SDK) metadata. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value
  const { name, message, cause } = value
  return { ...value, name, message, cause }
}
