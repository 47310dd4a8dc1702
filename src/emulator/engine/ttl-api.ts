import type { DynamoBackend } from "./_dynalite.js"
import { type ApiResponse, apiError, coral, validationType } from "./_protocol.js"

/** The TTL setting the emulator keeps for a table, beside its data. */
interface TimeToLiveSetting {
  attributeName: string
}

const validation = validationType
const serialization = `${coral}SerializationException`
const notFound = "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"
const error = (type: string, message?: string) => apiError(type, message)

/**
 * UpdateTimeToLive and DescribeTimeToLive, which dynalite lacks, answered as DynamoDB does for
 * any table on the endpoint: same shapes, same errors (enabling twice, disabling twice or naming
 * another attribute is a ValidationException; a missing table a ResourceNotFoundException).
 * The setting is kept per table with the store, so it persists with `dataDir`. Unlike AWS there
 * is no ENABLING phase and no one-hour wait before TTL may be re-enabled.
 */
export class TimeToLiveApi {
  readonly #backend: DynamoBackend
  #queue: Promise<unknown> = Promise.resolve()

  constructor(backend: DynamoBackend) {
    this.#backend = backend
  }

  /** Serves an `UpdateTimeToLive` request body. */
  update(body: unknown): Promise<ApiResponse> {
    // Read-modify-write of the setting: one at a time, so two concurrent updates cannot both win.
    const next = this.#queue.then(() => this.#update(body))
    this.#queue = next.catch(() => {})
    return next
  }

  /** Serves a `DescribeTimeToLive` request body. */
  async describe(body: unknown): Promise<ApiResponse> {
    const input = readInput(body, false)
    if ("status" in input) return input
    if (!(await this.#exists(input.tableName))) return missing(input.tableName)
    const setting = await this.#setting(input.tableName)
    const description = setting
      ? { TimeToLiveStatus: "ENABLED", AttributeName: setting.attributeName }
      : { TimeToLiveStatus: "DISABLED" }
    return { status: 200, body: { TimeToLiveDescription: description } }
  }

  /** The TTL attribute of a table, or `undefined` when TTL is disabled on it. */
  async attributeOf(tableName: string): Promise<string | undefined> {
    return (await this.#setting(tableName))?.attributeName
  }

  /** Drops the setting of a deleted table, so a table created later under its name starts without TTL. */
  forget(tableName: string): Promise<void> {
    return this.#backend.setMeta(metaKey(tableName), undefined)
  }

  async #update(body: unknown): Promise<ApiResponse> {
    const input = readInput(body, true)
    if ("status" in input) return input
    const { tableName, enabled, attributeName } = input
    if (!(await this.#exists(tableName))) return missing(tableName)
    const current = await this.#setting(tableName)
    if (current && current.attributeName !== attributeName) {
      return error(
        validation,
        `TimeToLive is active on a different AttributeName: current value of AttributeName is ${current.attributeName}`,
      )
    }
    if (enabled && current) return error(validation, "TimeToLive is already enabled")
    if (!enabled && !current) return error(validation, "TimeToLive is already disabled")
    const setting: TimeToLiveSetting | undefined = enabled ? { attributeName } : undefined
    await this.#backend.setMeta(metaKey(tableName), setting)
    return {
      status: 200,
      body: { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } },
    }
  }

  async #exists(tableName: string): Promise<boolean> {
    const table = await this.#backend.getTable(tableName)
    return table !== undefined && table.TableStatus !== "DELETING"
  }

  #setting(tableName: string): Promise<TimeToLiveSetting | undefined> {
    return this.#backend.getMeta<TimeToLiveSetting>(metaKey(tableName))
  }
}

const metaKey = (tableName: string) => `ttl~${tableName}`

const missing = (tableName: string) =>
  error(notFound, `Requested resource not found: Table: ${tableName} not found`)

interface Input {
  tableName: string
  enabled: boolean
  attributeName: string
}

/** Type checks (SerializationException) then constraints (ValidationException), as AWS orders them. */
function readInput(body: unknown, withSpecification: boolean): Input | ApiResponse {
  if (typeof body !== "object" || body === null) return error(serialization)
  const { TableName, TimeToLiveSpecification: spec } = body as Record<string, unknown>
  const { Enabled, AttributeName } = (spec ?? {}) as Record<string, unknown>
  const wrongType =
    (TableName != null && typeof TableName !== "string") ||
    (withSpecification && spec != null && typeof spec !== "object") ||
    (Enabled != null && typeof Enabled !== "boolean") ||
    (AttributeName != null && typeof AttributeName !== "string")
  if (wrongType) return error(serialization)

  const problems: string[] = []
  const check = (value: unknown, path: string, min: number, pattern?: RegExp) => {
    if (value == null)
      return problems.push(
        `Value null at '${path}' failed to satisfy constraint: Member must not be null`,
      )
    const text = value as string
    if (text.length < min)
      problems.push(
        `Value '${text}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`,
      )
    if (text.length > 255)
      problems.push(
        `Value '${text}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to 255`,
      )
    if (pattern && !pattern.test(text))
      problems.push(
        `Value '${text}' at '${path}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
      )
  }
  check(TableName, "tableName", 3, /^[a-zA-Z0-9_.-]+$/)
  if (withSpecification) {
    if (spec == null) check(spec, "timeToLiveSpecification", 0)
    else {
      check(AttributeName, "timeToLiveSpecification.attributeName", 1)
      if (Enabled == null) check(Enabled, "timeToLiveSpecification.enabled", 0)
    }
  }
  if (problems.length > 0) {
    const count = `${problems.length} validation error${problems.length > 1 ? "s" : ""} detected`
    return error(validation, `${count}: ${problems.join("; ")}`)
  }
  return {
    tableName: TableName as string,
    enabled: Enabled as boolean,
    attributeName: AttributeName as string,
  }
}
