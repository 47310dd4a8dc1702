import { NodeHttpHandler } from "@smithy/node-http-handler"
import { AuthTableError } from "../../adapter/index.js"
import type { RequestListener } from "./_dynalite.js"
import {
  bodyBytes,
  type HttpHandlerOptions,
  type HttpRequest,
  type HttpResponse,
  InMemoryResponse,
  requestHead,
  toIncomingMessage,
} from "./_in-memory-http.js"
import { http } from "./_node-http.js"
import type { Answer, RequestHead } from "./_protocol.js"

/** The router's two doors: the in-process one, and its HTTP listener for routes (the console). */
export interface InProcessRouter {
  serveInProcess(head: RequestHead, body: Buffer): Promise<Answer | undefined>
  listener: RequestListener
}

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
 * emulator's router (the one the HTTP server uses, through the same front door and checks) with
 * its body at hand, so there is no socket, no HTTP parsing, no stream and no connection pool.
 * Responses are the router's answer: status, headers and body bytes.
 *
 * While an HTTP interceptor is active ({@link isHttpIntercepted}), requests go over real HTTP
 * to `request.hostname:port` instead, so that msw handlers see and can fault them (so does a
 * request with a streamed body, which DynamoDB's JSON protocol never sends).
 */
export class InProcessHandler {
  readonly metadata = { handlerProtocol: "http/1.1" }
  readonly #router: InProcessRouter
  readonly #pending = new Set<(error: Error) => void>()
  #http: NodeHttpHandler | undefined
  #closed = false

  constructor(router: InProcessRouter) {
    this.#router = router
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
      let forget = () => {}
      const fail = (error: Error) => {
        this.#pending.delete(fail)
        forget()
        reject(error)
      }
      this.#pending.add(fail)
      if (abortSignal) forget = onAbort(abortSignal, () => fail(aborted()))
      const done = (response: HttpResponse) => {
        this.#pending.delete(fail)
        forget()
        resolve({ response })
      }
      const head = requestHead(request)
      this.#router.serveInProcess(head, bodyBytes(body)).then((answer) => {
        if (answer) return done(toHttpResponse(answer))
        // A route (the dev console): served as over HTTP, by the listener.
        this.#router.listener(toIncomingMessage(request), new InMemoryResponse(done) as never)
      }, fail)
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

/** Calls `listener` when `signal` aborts; returns what stops listening. */
function onAbort(
  signal: NonNullable<HttpHandlerOptions["abortSignal"]>,
  listener: () => void,
): () => void {
  if (!("addEventListener" in signal)) {
    signal.onabort = listener
    return () => {
      if (signal.onabort === listener) signal.onabort = null
    }
  }
  signal.addEventListener("abort", listener, { once: true })
  return () => signal.removeEventListener("abort", listener)
}

/** The router's answer as the SDK's response, with header names lower-cased as Node's are. */
function toHttpResponse({ status, headers, body }: Answer): HttpResponse {
  const lower: Record<string, string> = {}
  for (const name in headers) lower[name.toLowerCase()] = headers[name] as string
  return { statusCode: status, headers: lower, body: Buffer.from(body) }
}

function aborted(): Error {
  return Object.assign(new Error("Request aborted"), { name: "AbortError" })
}
