import { EventEmitter } from "node:events"
import http, { type IncomingMessage, type ServerResponse } from "node:http"
import { NodeHttpHandler } from "@smithy/node-http-handler"
import { AuthTableError } from "../adapter/index.js"
import type { RequestListener } from "./_dynalite.js"

type HttpRequest = Parameters<NodeHttpHandler["handle"]>[0]
type HttpHandlerOptions = NonNullable<Parameters<NodeHttpHandler["handle"]>[1]>
type HttpResponse = Awaited<ReturnType<NodeHttpHandler["handle"]>>["response"]

/** What `http.request` was when this module loaded: a different one means someone patched it. */
const unpatchedRequest = http.request
/** Where @mswjs/interceptors (msw's `setupServer().listen()`) registers its http interceptor. */
const mswInterceptor = Symbol.for("client-request-interceptor")

/**
 * True while something intercepts Node's http client: msw's `setupServer()` is listening, or a
 * tool like nock patched `http.request` after authtable loaded. Requests must then go over HTTP,
 * or the interceptor would never see them (dynamoDBFault, onUnhandledRequest).
 */
export function isHttpIntercepted(): boolean {
  return http.request !== unpatchedRequest || Reflect.get(globalThis, mswInterceptor) !== undefined
}

/**
 * An AWS SDK request handler that serves requests in this process: it hands each one to the
 * emulator's request listener (the same one the HTTP server uses) as an in-memory request and
 * response, so there is no socket, no HTTP parsing and no connection pool. Responses are the
 * bytes the listener wrote, with its status and headers.
 *
 * While an HTTP interceptor is active ({@link isHttpIntercepted}), requests go over real HTTP
 * to `request.hostname:port` instead, so that msw handlers see and can fault them (so does a
 * request with a streamed body, which DynamoDB's JSON protocol never sends).
 */
export class InProcessHandler {
  readonly metadata = { handlerProtocol: "http/1.1" }
  readonly #listener: RequestListener
  readonly #pending = new Set<(error: Error) => void>()
  #http: NodeHttpHandler | undefined
  #closed = false

  constructor(listener: RequestListener) {
    this.#listener = listener
  }

  handle(
    request: HttpRequest,
    options: HttpHandlerOptions = {},
  ): Promise<{ response: HttpResponse }> {
    if (this.#closed) return Promise.reject(stopped(request))
    const { body } = request
    const inMemory = body == null || typeof body === "string" || body instanceof Uint8Array
    if (!inMemory || isHttpIntercepted()) {
      this.#http ??= new NodeHttpHandler()
      return this.#http.handle(request, options)
    }
    const { abortSignal } = options
    if (abortSignal?.aborted) return Promise.reject(aborted())
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        this.#pending.delete(fail)
        reject(error)
      }
      this.#pending.add(fail)
      if (abortSignal) onAbort(abortSignal, () => fail(aborted()))
      const res = new InMemoryResponse((response) => {
        this.#pending.delete(fail)
        resolve({ response })
      })
      this.#listener(toIncomingMessage(request), res as unknown as ServerResponse)
    })
  }

  /**
   * Refuses further requests and fails those still pending with `STOPPED` (the emulator's
   * `stop()` calls it once requests in flight have had their chance to finish).
   */
  close(): void {
    this.#closed = true
    for (const fail of [...this.#pending]) fail(new AuthTableError("STOPPED", stoppedMessage))
  }

  /** Frees the HTTP fallback's sockets; like any SDK handler, it still works afterwards. */
  destroy(): void {
    this.#http?.destroy()
    this.#http = undefined
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {}
  }
}

const stoppedMessage =
  "Could not send the request: this emulator was stopped. Start another with startAuthTable()."

function stopped(request: HttpRequest): AuthTableError {
  const operation = String(request.headers["x-amz-target"] ?? "").split(".")[1]
  return new AuthTableError(
    "STOPPED",
    operation ? stoppedMessage.replace("the request", operation) : stoppedMessage,
  )
}

function onAbort(signal: NonNullable<HttpHandlerOptions["abortSignal"]>, listener: () => void) {
  if ("addEventListener" in signal) signal.addEventListener("abort", listener, { once: true })
  else signal.onabort = listener
}

function aborted(): Error {
  return Object.assign(new Error("Request aborted"), { name: "AbortError" })
}

/** The SDK's request as the readable side of an IncomingMessage: method, url, headers, body. */
function toIncomingMessage(request: HttpRequest): IncomingMessage {
  const { body } = request
  // A view, not Buffer.from(body): the SDK's body is a Uint8Array whose valueOf() is a string.
  const bytes =
    typeof body === "string"
      ? Buffer.from(body)
      : body instanceof Uint8Array
        ? Buffer.from(body.buffer, body.byteOffset, body.byteLength)
        : undefined
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
  const req = Object.assign(new EventEmitter(), {
    method: request.method,
    url: withQuery(request.path, request.query),
    headers,
    httpVersion: "1.1",
  })
  // The body flows once the listener has subscribed to 'end': at once, or later when a reset()
  // holds the request. The emulator's listeners read no more of the stream than this.
  const subscribed = (event: string | symbol) => {
    if (event !== "end") return
    req.off("newListener", subscribed)
    process.nextTick(() => {
      if (bytes && bytes.length > 0) req.emit("data", bytes)
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
class InMemoryResponse extends EventEmitter {
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
