import { AuthTableError } from "./errors.js"

/** What Node puts on a refused connection: `connect ECONNREFUSED 127.0.0.1:8000`. */
interface SocketError {
  code?: unknown
  address?: unknown
  port?: unknown
  /** Node's happy-eyeballs connect (`localhost` -> ::1 and 127.0.0.1) fails with one per address. */
  errors?: unknown
}

/**
 * An app whose `authtable dev` is not running gets a bare `ECONNREFUSED` from the SDK. When the
 * refused address is loopback, that is almost always the local DynamoDB: say so, and how to start
 * it. Any other endpoint's error is left as it is.
 * @returns the {@link AuthTableError} to throw instead, or `undefined` to keep `error`.
 */
export function unreachableLocalEndpoint(error: unknown): AuthTableError | undefined {
  const refused = refusedSocket(error)
  if (!refused) return undefined
  const host = refused.address.includes(":") ? `[${refused.address}]` : refused.address
  const endpoint = `http://${host}:${refused.port}`
  return new AuthTableError(
    "UNREACHABLE",
    `Could not reach the local DynamoDB at ${endpoint}: nothing is listening. Start it with npx authtable dev (or npm run dev:ddb).`,
    { cause: error },
  )
}

function refusedSocket(error: unknown): { address: string; port: number } | undefined {
  if (typeof error !== "object" || error === null) return undefined
  const { code, address, port, errors } = error as SocketError
  if (code !== "ECONNREFUSED") return undefined
  if (typeof address === "string" && typeof port === "number") {
    return isLoopbackAddress(address) ? { address, port } : undefined
  }
  if (!Array.isArray(errors)) return undefined
  const each = errors.map(refusedSocket)
  // Every address tried must be loopback: `localhost` may resolve to ::1 and 127.0.0.1.
  return each.length > 0 && each.every(Boolean) ? each.at(-1) : undefined
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped form: addresses that never leave the machine. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = address.replace(/^::ffff:/i, "")
  return v4.startsWith("127.") || address === "::1"
}
