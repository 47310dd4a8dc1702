/**
 * The SDK floor: a request handler that answers from memory with responses recorded from the
 * emulator, so a client using it pays for the AWS SDK alone (middleware, signing, JSON
 * (de)serialisation), not for a socket or a server.
 */
import { readFileSync, writeFileSync } from "node:fs"
import type { Readable } from "node:stream"
import { NodeHttpHandler } from "@smithy/node-http-handler"

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0]
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"]

export interface Recorded {
  statusCode: number
  headers: Record<string, string>
  body: Uint8Array
}

/** Recorded answers: under each operation (the last one wins) and under operation and body. */
export type Recordings = ReadonlyMap<string, Recorded>

const operationOf = (request: HttpRequest) =>
  String(request.headers["x-amz-target"] ?? "").split(".")[1] ?? ""
const requestOf = (request: HttpRequest) => `${operationOf(request)} ${bodyText(request.body)}`
// The SDK's JSON bodies are strings, or bytes (newer versions): never String() those, which warns.
const bodyText = (body: unknown) =>
  body instanceof Uint8Array
    ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8")
    : String(body)

/** Records the emulator's answer to each request, over real HTTP. */
export class RecordingHandler {
  readonly recorded = new Map<string, Recorded>()
  readonly #http = new NodeHttpHandler()

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const { response } = await this.#http.handle(request)
    const chunks: Buffer[] = []
    for await (const chunk of response.body as Readable) chunks.push(chunk as Buffer)
    const recorded = {
      statusCode: response.statusCode,
      headers: response.headers,
      body: Buffer.concat(chunks),
    }
    this.recorded.set(operationOf(request), recorded)
    this.recorded.set(requestOf(request), recorded)
    return { response: { ...recorded, body: recorded.body } }
  }

  destroy(): void {
    this.#http.destroy()
  }
}

/**
 * Answers every request without I/O: with the answer recorded for the same operation and body,
 * else with the last one recorded for its operation (a PutItem's `{}`, whatever it wrote).
 */
export class CannedHandler {
  readonly #recorded: Recordings

  constructor(recorded: Recordings) {
    this.#recorded = recorded
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const recorded =
      this.#recorded.get(requestOf(request)) ?? this.#recorded.get(operationOf(request))
    if (!recorded) throw new Error(`bench: no recorded response for ${operationOf(request)}`)
    return { response: { ...recorded, headers: { ...recorded.headers } } }
  }

  destroy(): void {}
}

/** Writes recordings to `file` (JSON, bodies in base64) for a child process to load. */
export function saveRecordings(file: string, recorded: Recordings): void {
  const saved = [...recorded].map(([key, r]) => [
    key,
    { ...r, body: Buffer.from(r.body).toString("base64") },
  ])
  writeFileSync(file, JSON.stringify(saved))
}

/** Reads what {@link saveRecordings} wrote. */
export function loadRecordings(file: string): Recordings {
  const saved = JSON.parse(readFileSync(file, "utf8")) as [string, Recorded & { body: string }][]
  return new Map(saved.map(([key, r]) => [key, { ...r, body: Buffer.from(r.body, "base64") }]))
}
