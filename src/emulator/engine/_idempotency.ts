/**
 * TransactWriteItems' ClientRequestToken: for ten minutes after a successful transaction, the
 * same token with the same request answers the same, without writing again; the same token with
 * another request is an IdempotentParameterMismatchException.
 */
import { type ApiResponse, apiError } from "./_protocol.js"

/** How long AWS keeps a client request token. */
export const idempotencyWindowMs = 10 * 60 * 1000

const mismatch = () =>
  apiError(
    "com.amazonaws.dynamodb.v20120810#IdempotentParameterMismatchException",
    "The request uses the same client token as a previous, but non-identical request.",
  )

/** JSON with object keys sorted, so two equal requests read alike whatever their key order. */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(",")}]`
  if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null"
  const record = value as Record<string, unknown>
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${fingerprint(record[key])}`)
  return `{${fields.join(",")}}`
}

export class IdempotencyTokens {
  readonly #entries = new Map<string, { fingerprint: string; response: ApiResponse; at: number }>()
  readonly #now: () => number

  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  /**
   * The answer to repeat for `token`, a mismatch error, or `undefined` when the token is new
   * (or its ten minutes are over).
   */
  replay(token: string, request: string): ApiResponse | undefined {
    this.#forgetExpired()
    const entry = this.#entries.get(token)
    if (!entry) return undefined
    return entry.fingerprint === request ? entry.response : mismatch()
  }

  /** Remembers a successful answer to `request` under `token`. */
  remember(token: string, request: string, response: ApiResponse): void {
    this.#entries.set(token, { fingerprint: request, response, at: this.#now() })
  }

  #forgetExpired() {
    const oldest = this.#now() - idempotencyWindowMs
    for (const [token, entry] of this.#entries) {
      if (entry.at > oldest) break
      this.#entries.delete(token)
    }
  }
}
