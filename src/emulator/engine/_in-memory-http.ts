/**
 * The in-memory request and response the in-process transport hands to the emulator's request
 * listener: only what dynalite and the router use of IncomingMessage and ServerResponse.
 */
import { EventEmitter } from "node:events"
import type { IncomingMessage } from "node:http"
import type { NodeHttpHandler } from "@smithy/node-http-handler"
import { inProcess, type RequestHead } from "./_protocol.js"

/** The SDK's request, options and response types, as its own HTTP handler has them. */
export type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0]
export type HttpHandlerOptions = NonNullable<Parameters<NodeHttpHandler["handle"]>[1]>
export type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"]

/** What the router reads of the SDK's request besides its body, header names lower-cased. */
export function requestHead(request: HttpRequest): RequestHead {
  const headers: Record<string, string> = {}
  for (const name in request.headers) headers[name.toLowerCase()] = request.headers[name] as string
  return { method: request.method, url: withQuery(request.path, request.query), headers }
}

/** The SDK's body as bytes: a view, not a copy (its Uint8Array's valueOf() is a string). */
export function bodyBytes(body: HttpRequest["body"]): Buffer {
  if (typeof body === "string") return Buffer.from(body)
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength)
  return Buffer.alloc(0)
}

/** The SDK's request as the readable side of an IncomingMessage: method, url, headers, body. */
export function toIncomingMessage(request: HttpRequest): IncomingMessage {
  const bytes = bodyBytes(request.body)
  const req = Object.assign(new EventEmitter(), {
    ...requestHead(request),
    httpVersion: "1.1",
    complete: true,
    [inProcess]: true,
  })
  // The body flows once the listener has subscribed to 'end': at once, or later when a reset()
  // holds the request. The emulator's listeners read no more of the stream than this.
  const subscribed = (event: string | symbol) => {
    if (event !== "end") return
    req.off("newListener", subscribed)
    process.nextTick(() => {
      if (bytes.length > 0) req.emit("data", bytes)
      req.emit("end")
    })
  }
  req.on("newListener", subscribed)
  return req as unknown as IncomingMessage
}

function withQuery(path: string, query: HttpRequest["query"]): string {
  const pairs = Object.entries(query ?? {}).flatMap(([key, value]) =>
    Array.isArray(value) ? value.map((v) => [key, v]) : value == null ? [] : [[key, value]],
  )
  return pairs.length === 0 ? path : `${path}?${new URLSearchParams(pairs).toString()}`
}

/**
 * The part of ServerResponse the emulator's listeners use: status, headers, `end()` (and
 * `write()`), and the `close` event the router counts requests in flight by.
 */
export class InMemoryResponse extends EventEmitter {
  statusCode = 200
  statusMessage = ""
  headersSent = false
  writableEnded = false
  readonly #headers = new Map<string, string>()
  readonly #chunks: Buffer[] = []
  readonly #done: (response: HttpResponse) => void

  constructor(done: (response: HttpResponse) => void) {
    super()
    this.#done = done
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    this.#headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(", ") : String(value))
    return this
  }

  getHeader(name: string): string | undefined {
    return this.#headers.get(name.toLowerCase())
  }

  hasHeader(name: string): boolean {
    return this.#headers.has(name.toLowerCase())
  }

  removeHeader(name: string): void {
    this.#headers.delete(name.toLowerCase())
  }

  write(chunk: string | Uint8Array): boolean {
    this.headersSent = true
    this.#chunks.push(Buffer.from(chunk))
    return true
  }

  end(chunk?: string | Uint8Array | (() => void)): this {
    if (this.writableEnded) return this
    if (chunk !== undefined && typeof chunk !== "function") this.write(chunk)
    this.headersSent = true
    this.writableEnded = true
    this.#done({
      statusCode: this.statusCode,
      reason: this.statusMessage,
      headers: Object.fromEntries(this.#headers),
      body: this.#chunks.length === 1 ? this.#chunks[0] : Buffer.concat(this.#chunks),
    })
    this.emit("finish")
    this.emit("close")
    return this
  }
}
