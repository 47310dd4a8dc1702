import type { IncomingMessage, ServerResponse } from "node:http"
import { AuthTableError } from "../../adapter/index.js"

/** Runs `run` and answers with its JSON, or with the error: 400 for what the request got wrong. */
export async function respond(res: ServerResponse, run: () => Promise<unknown>): Promise<void> {
  try {
    send(res, 200, await run())
  } catch (error) {
    send(res, statusOf(error), { error: messageOf(error) })
  }
}

function statusOf(error: unknown): number {
  if (error instanceof TypeError || error instanceof SyntaxError) return 400
  if (error instanceof AuthTableError && error.code === "NOT_FOUND") return 404
  if ((error as { $fault?: string }).$fault === "client") return 400
  return 500
}

/** DynamoDB's own errors keep their name, as the SDK would show them: `ValidationException: …`. */
function messageOf(error: unknown): string {
  const { name, message, $fault } = error as { name: string; message: string; $fault?: string }
  return $fault ? `${name}: ${message}` : message
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    ...headers,
  })
  res.end(JSON.stringify(body))
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = ""
  for await (const chunk of req) {
    raw += chunk
    if (raw.length > 512 * 1024) throw new TypeError("The request body is too large.")
  }
  const body: unknown = raw === "" ? {} : JSON.parse(raw)
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new TypeError("Send a JSON object.")
  }
  return body as Record<string, unknown>
}

export function text(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== "string" || value === "") throw new TypeError(`Send "${name}" as a string.`)
  return value
}

export function object(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = body[name]
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Send "${name}" as a JSON object.`)
  }
  return value as Record<string, unknown>
}

export function count(value: unknown): number {
  if (value === undefined) return 5
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 1000) {
    throw new TypeError('Send "users" as a whole number from 1 to 1000.')
  }
  return value as number
}
