import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto"

/** An item's table and key, as the console refers to it. */
export interface ItemRef {
  table: string
  key: Record<string, unknown>
}

/**
 * Opaque handles for item keys (and scan positions). Keys can hold tokens (`SESSION#<token>`),
 * so the page never sees them: it gets a handle sealed with a key of this process, and sends
 * it back to act on the item. Handles die with the dev server.
 */
export interface KeyRefs {
  seal(ref: ItemRef): string
  /** @throws TypeError for a handle this process did not make. */
  open(handle: string): ItemRef
}

export function createKeyRefs(): KeyRefs {
  const secret = randomBytes(32)
  return {
    seal(ref) {
      const iv = randomBytes(12)
      const cipher = createCipheriv("aes-256-gcm", secret, iv)
      const body = Buffer.concat([cipher.update(JSON.stringify(ref, toJson)), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64url")
    },
    open(handle) {
      try {
        const raw = Buffer.from(handle, "base64url")
        const decipher = createDecipheriv("aes-256-gcm", secret, raw.subarray(0, 12))
        decipher.setAuthTag(raw.subarray(12, 28))
        const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()])
        return JSON.parse(json.toString("utf8"), fromJson) as ItemRef
      } catch {
        throw new TypeError("Unknown item handle: the dev server restarted. Reload the page.")
      }
    },
  }
}

// Binary key values survive the round trip as { $b64 }.
function toJson(_key: string, value: unknown) {
  if (value instanceof Uint8Array) return { $b64: Buffer.from(value).toString("base64") }
  return value
}

function fromJson(_key: string, value: unknown) {
  if (value && typeof value === "object" && "$b64" in value) {
    return new Uint8Array(Buffer.from(String((value as { $b64: string }).$b64), "base64"))
  }
  return value
}
