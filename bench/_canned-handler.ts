/**
 * The SDK floor: a request handler that answers from memory with responses recorded from the
 * emulator, so a client using it pays for the AWS SDK alone (middleware, signing, JSON
 * (de)serialisation), not for a socket or a server.
 */
import type { Readable } from "node:stream"
import { NodeHttpHandler } from "@smithy/node-http-handler"

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0]
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"]

export interface Recorded {
  statusCode: number
  headers: Record<string, string>
  body: Uint8Array
}

const operationOf = (request: HttpRequest) =>
  String(request.headers["x-amz-target"] ?? "").split(".")[1] ?? ""

/** Records the emulator's answer to each operation (the last one wins), over real HTTP. */
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
    return { response: { ...recorded, body: recorded.body } }
  }

  destroy(): void {
    this.#http.destroy()
  }
}

/** Answers every request with the recorded response of its operation, without I/O. */
export class CannedHandler {
  readonly #recorded: ReadonlyMap<string, Recorded>

  constructor(recorded: ReadonlyMap<string, Recorded>) {
    this.#recorded = recorded
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const recorded = this.#recorded.get(operationOf(request))
    if (!recorded) throw new Error(`bench: no recorded response for ${operationOf(request)}`)
    return { response: { ...recorded, headers: { ...recorded.headers } } }
  }

  destroy(): void {}
}
