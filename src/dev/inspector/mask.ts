import type { Item } from "../../adapter/index.js"

/** Attribute names whose values are secrets: session and verification tokens, OAuth tokens, keys. */
const secretName = /token|secret|password|credentialID|credentialPublicKey/i
/** Key values that embed a session token (`SESSION#<token>`) or a verification token's hash. */
const secretKeyValue = /^(SESSION#)(.+)$|^(VT#)([0-9a-f]{32,})$/

/**
 * `abcd•••• (36 chars)`: enough to tell tokens apart, too little to use one. Short values show
 * no prefix: four characters of a five-character secret would give it away.
 */
export function maskSecret(value: string): string {
  if (value === "") return value
  return `${value.length >= 12 ? value.slice(0, 4) : ""}•••• (${value.length} chars)`
}

/**
 * An item with its secrets masked: string values of attributes named like a token and key
 * values that embed one. A verification token's `VT#<identifier>` partition key stays readable:
 * only its sort key holds the (hashed, hex) token.
 */
export function maskItem(item: Item): Item {
  const masked: Item = {}
  for (const [name, value] of Object.entries(item)) {
    masked[name] = maskValue(name, value)
  }
  return masked
}

function maskValue(name: string, value: unknown): unknown {
  if (typeof value === "string") {
    if (secretName.test(name)) return maskSecret(value)
    const match = secretKeyValue.exec(value)
    if (match) return (match[1] ?? match[3]) + maskSecret((match[2] ?? match[4]) as string)
    return value
  }
  if (Array.isArray(value)) return value.map((entry) => maskValue(name, entry))
  if (value !== null && typeof value === "object") return maskItem(value as Item)
  return value
}

/** A magic link with its `token` query parameter masked. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const token = parsed.searchParams.get("token")
    if (token) parsed.searchParams.set("token", maskSecret(token))
    return parsed.href
  } catch {
    return maskSecret(url)
  }
}
