import type { IncomingMessage, ServerResponse } from "node:http"
import type { DynamoBackend, RequestListener, ValidationRules } from "./_dynalite.js"
import type { FrontDoor } from "./_front-door.js"
import { guardRequest } from "./_guards.js"
import {
  type Answer,
  type ApiResponse,
  answer,
  apiError,
  maxRequestBytes,
  parseRequest,
  type RequestHead,
  rawAnswer,
  readBody,
  send,
  tooLarge,
  write,
} from "./_protocol.js"
import type { TimeToLiveApi } from "./ttl-api.js"

/** What the router lends an operation it serves. */
export interface OperationContext {
  /**
   * Runs `work` while no other request is in flight, holding new ones until it is done (this
   * request stops counting as in flight meanwhile): nothing else reads or writes in between.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>
}

/** An operation the engine answers itself: dynalite-style rules, then `run` on the checked body. */
export interface OwnOperation {
  rules?: ValidationRules | undefined
  run(data: Record<string, unknown>, context: OperationContext): Promise<ApiResponse>
}

/** UpdateTimeToLive's request, in dynalite's rule format (AWS's constraints). */
const updateTimeToLiveRules: ValidationRules = {
  types: {
    TableName: { type: "String", required: true, tableName: true, regex: "[a-zA-Z0-9_.-]+" },
    TimeToLiveSpecification: {
      type: "FieldStruct<TimeToLiveSpecification>",
      notNull: true,
      children: {
        AttributeName: {
          type: "String",
          notNull: true,
          lengthGreaterThanOrEqual: 1,
          lengthLessThanOrEqual: 255,
        },
        Enabled: { type: "Boolean", notNull: true },
      },
    },
  },
}

/**
 * The engine's request listener, the front door of every request (over HTTP or in-process):
 * the Host and Origin checks, the protocol's checks, input guards, then the operation —
 * the engine's own (the TTL API, transactions, dynalite's operations wrapped with what AWS
 * does and dynalite does not) or dynalite's. A route under a path prefix (the dev console)
 * is served after the front door, on the same server.
 *
 * It also counts requests in flight, which gives two guarantees: {@link exclusive} runs work
 * (a reset, a bulk write) only when no request is being served and holds new requests until it
 * is done, so no write can land half before and half after; {@link drain} lets stop() finish
 * what started. No error of one request reaches the process: it is answered, or (when the
 * client went away) dropped.
 */
export class RequestRouter {
  readonly listener: RequestListener
  readonly #backend: DynamoBackend
  readonly #frontDoor: FrontDoor
  readonly #own = new Map<string, OwnOperation>()
  readonly #operations: Set<string>
  readonly #routes = new Map<string, RequestListener>()
  #inFlight = 0
  #idle: (() => void)[] = []
  #held: Promise<void> | undefined

  constructor(backend: DynamoBackend, ttl: TimeToLiveApi, frontDoor: FrontDoor) {
    this.#backend = backend
    this.#frontDoor = frontDoor
    this.#own.set("UpdateTimeToLive", {
      rules: updateTimeToLiveRules,
      run: (data) => ttl.update(data),
    })
    this.#own.set("DescribeTimeToLive", {
      rules: backend.rulesOf("DescribeTimeToLive"),
      run: (data) => ttl.describe(data),
    })
    this.#operations = new Set([...backend.operations, ...this.#own.keys()])
    this.listener = (req, res) => {
      this.#accept(req, res).catch((error: unknown) => this.#fail(req, res, error))
    }
  }

  /** Adds (or replaces) an operation the engine answers itself. */
  serveOperation(name: string, operation: OwnOperation): void {
    this.#own.set(name, operation)
    this.#operations.add(name)
  }

  /** Serves requests whose path starts with `prefix` with `listener`, after the front door. */
  route(prefix: string, listener: RequestListener): void {
    this.#routes.set(prefix, listener)
  }

  /** Runs `work` while no request is in flight; requests that arrive meanwhile wait for it. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.#held) await this.#held
    let release = () => {}
    this.#held = new Promise((resolve) => {
      release = resolve
    })
    try {
      await this.drain()
      return await work()
    } finally {
      this.#held = undefined
      release()
    }
  }

  /** Resolves once no request is in flight. */
  drain(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve()
    return new Promise((resolve) => this.#idle.push(resolve))
  }

  async #accept(req: IncomingMessage, res: ServerResponse) {
    const verdict = this.#frontDoor(req, res)
    if (!verdict.pass) {
      req.resume?.()
      if (verdict.response === "preflight") {
        res.setHeader("Content-Length", 0)
        res.end()
      } else send(req, res, verdict.response)
      return
    }
    const route = this.#routeFor(req.url)
    if (route) return route(req, res)

    while (this.#held) await this.#held
    // A client that went away while its request was held will never see an answer, and its
    // 'close' has fired already: counting it now would leave it in flight for good.
    if (isGone(res)) return
    const slot: Slot = { counted: true, gone: () => isGone(res) }
    this.#enter()
    res.once("close", () => this.#exit(slot))
    const body = await readBody(req)
    if (body === undefined) return void res.destroy()
    if (body === "too large") return write(res, tooLarge())
    write(res, await this.#respond(req, body, slot, true))
  }

  /**
   * Serves a request made in this process (the in-process transport) as {@link listener} serves
   * one over HTTP — the front door, the hold, the count, the protocol's checks, the operation —
   * with the body at hand and the answer returned, without streams or a CRC32. A request for a
   * route resolves `undefined`: serve it through {@link listener}.
   */
  async serveInProcess(head: RequestHead, body: Buffer): Promise<Answer | undefined> {
    const cors: Record<string, string> = {}
    const verdict = this.#frontDoor(head, { setHeader: (name, value) => (cors[name] = `${value}`) })
    if (!verdict.pass) {
      if (verdict.response !== "preflight")
        return withHeaders(answer(head, verdict.response, false), cors)
      return { status: 200, headers: { ...cors, "Content-Length": "0" }, body: "" }
    }
    if (this.#routeFor(head.url)) return undefined

    while (this.#held) await this.#held
    const slot: Slot = { counted: true, gone: () => false }
    this.#enter()
    try {
      if (body.length > maxRequestBytes) return tooLarge()
      return withHeaders(await this.#respond(head, body, slot, false), cors)
    } catch (error) {
      return answer(head, toResponse(error), false)
    } finally {
      this.#exit(slot)
    }
  }

  /**
   * Runs one operation on a request the engine makes itself (already JSON, with no headers to
   * check): the same guards, hold and in-flight count as a request from a client.
   */
  async call(operation: string, data: Record<string, unknown>): Promise<ApiResponse> {
    while (this.#held) await this.#held
    const slot: Slot = { counted: true, gone: () => false }
    this.#enter()
    try {
      return await this.#serve(operation, data, slot)
    } finally {
      this.#exit(slot)
    }
  }

  /** The protocol's checks, then the operation: the answer to a whole request body. */
  async #respond(head: RequestHead, body: Buffer, slot: Slot, crc: boolean): Promise<Answer> {
    const parsed = parseRequest(head, body, this.#operations)
    if ("raw" in parsed) return rawAnswer(parsed)
    if ("status" in parsed) return answer(head, parsed, crc)
    return answer(head, await this.#serve(parsed.operation, parsed.data, slot), crc)
  }

  #enter() {
    this.#inFlight++
    this.#backend.touched()
  }

  /** A request is over (answered, or its client left): it stops counting, once. */
  #exit(slot: Slot) {
    this.#backend.touched()
    if (!slot.counted) return
    slot.counted = false
    this.#leave()
  }

  #leave() {
    this.#inFlight--
    if (this.#inFlight > 0) return
    for (const resolve of this.#idle.splice(0)) resolve()
  }

  async #serve(operation: string, data: Record<string, unknown>, slot: Slot): Promise<ApiResponse> {
    const problem = guardRequest(data)
    if (problem) return problem
    const own = this.#own.get(operation)
    if (!own) return this.#runDynalite(operation, data)
    try {
      return await own.run(own.rules ? this.#backend.validate(own.rules, data) : data, {
        exclusive: (work) => this.#exclusiveFromRequest(work, slot),
      })
    } catch (error) {
      return toResponse(error)
    }
  }

  /** {@link exclusive} for a request being served: it steps out of the count while it waits. */
  async #exclusiveFromRequest<T>(work: () => Promise<T>, slot: Slot): Promise<T> {
    if (slot.counted) {
      slot.counted = false
      this.#leave()
    }
    try {
      return await this.exclusive(work)
    } finally {
      // Counted again until its answer is sent, unless its client left meanwhile.
      if (!slot.gone()) {
        slot.counted = true
        this.#inFlight++
      }
    }
  }

  async #runDynalite(operation: string, data: Record<string, unknown>): Promise<ApiResponse> {
    try {
      return { status: 200, body: await this.#backend.run(operation, data) }
    } catch (error) {
      return toResponse(error)
    }
  }

  #routeFor(url: string | undefined): RequestListener | undefined {
    if (!url || this.#routes.size === 0) return undefined
    for (const [prefix, listener] of this.#routes) {
      if (url === prefix.replace(/\/$/, "") || url.startsWith(prefix)) return listener
    }
    return undefined
  }

  #fail(req: IncomingMessage, res: ServerResponse, error: unknown) {
    if (res.headersSent) return void res.destroy()
    send(req, res, toResponse(error))
  }
}

/** A request in flight: whether it is in the count, and whether its client went away. */
interface Slot {
  counted: boolean
  gone(): boolean
}

/** `answer` with `extra` headers (the CORS headers of an allowed origin) added. */
function withHeaders(answer: Answer, extra: Record<string, string>): Answer {
  for (const name in extra) answer.headers[name] = extra[name] as string
  return answer
}

/** Whether the connection of an HTTP response is closed (an in-memory response never is). */
function isGone(res: ServerResponse): boolean {
  return res.destroyed || res.socket?.destroyed === true
}

/** dynalite's errors carry their answer; anything else is the engine's fault, answered as a 500. */
function toResponse(error: unknown): ApiResponse {
  const { statusCode, body } = (error ?? {}) as { statusCode?: number; body?: object }
  if (typeof statusCode === "number" && body && typeof body === "object") {
    return { status: statusCode, body: body as Record<string, unknown> }
  }
  return apiError(
    "com.amazonaws.dynamodb.v20120810#InternalServerError",
    `[authtable] Internal error: ${(error as Error)?.message ?? String(error)}`,
    500,
  )
}
