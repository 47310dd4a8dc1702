import { randomBytes } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import type { DynamoBackend, RequestListener } from "./_dynalite.js"
import type { ApiResponse, TimeToLiveApi } from "./ttl-api.js"

const maxBodyBytes = 1024 * 1024

/**
 * The emulator's request listener, in front of dynalite: serves the TTL operations itself,
 * forgets a table's TTL setting when DeleteTable succeeds, and passes everything else through.
 *
 * It also counts requests in flight, which gives two guarantees: {@link exclusive} runs work
 * (a reset) only when no request is being served and holds new requests until it is done, so
 * no write can land half before and half after; {@link drain} lets stop() finish what started.
 */
export class RequestRouter {
  readonly listener: RequestListener
  readonly #backend: DynamoBackend
  readonly #ttl: TimeToLiveApi
  #inFlight = 0
  #idle: (() => void)[] = []
  #held: Promise<void> | undefined

  constructor(backend: DynamoBackend, ttl: TimeToLiveApi) {
    this.#backend = backend
    this.#ttl = ttl
    this.listener = (req, res) => void this.#accept(req, res)
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
    while (this.#held) await this.#held
    this.#inFlight++
    res.once("close", () => {
      this.#inFlight--
      if (this.#inFlight > 0) return
      for (const resolve of this.#idle.splice(0)) resolve()
    })
    const operation = String(req.headers["x-amz-target"] ?? "").split(".")[1]
    if (req.method === "POST" && operation === "UpdateTimeToLive") {
      this.#serve(req, res, (body) => this.#ttl.update(body))
    } else if (req.method === "POST" && operation === "DescribeTimeToLive") {
      this.#serve(req, res, (body) => this.#ttl.describe(body))
    } else {
      if (operation === "DeleteTable") this.#forgetTtlOnSuccess(res)
      this.#backend.handle(req, res)
    }
  }

  #serve(
    req: IncomingMessage,
    res: ServerResponse,
    answer: (body: unknown) => Promise<ApiResponse>,
  ) {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (chunk: Buffer) => {
      size += chunk.length
      if (size <= maxBodyBytes) chunks.push(chunk)
    })
    req.on("end", async () => {
      let response: ApiResponse
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8"))
        response = size > maxBodyBytes ? failure("RequestTooLarge") : await answer(body)
      } catch (error) {
        response =
          error instanceof SyntaxError
            ? { status: 400, body: { __type: "com.amazon.coral.service#SerializationException" } }
            : failure((error as Error).message)
      }
      send(req, res, response)
    })
  }

  /** Holds DeleteTable's successful answer until the table's TTL setting is gone. */
  #forgetTtlOnSuccess(res: ServerResponse) {
    const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse
    res.end = ((chunk?: unknown) => {
      if (res.statusCode !== 200 || typeof chunk !== "string") return end(chunk)
      const tableName = (JSON.parse(chunk) as { TableDescription?: { TableName?: string } })
        .TableDescription?.TableName
      if (!tableName) return end(chunk)
      this.#ttl.forget(tableName).then(
        () => end(chunk),
        () => end(chunk),
      )
      return res
    }) as ServerResponse["end"]
  }
}

const failure = (message: string): ApiResponse => ({
  status: 500,
  body: { __type: "com.amazonaws.dynamodb.v20120810#InternalServerError", message },
})

function send(req: IncomingMessage, res: ServerResponse, { status, body }: ApiResponse) {
  const json = JSON.stringify(body)
  const requested = String(req.headers["content-type"] ?? "")
    .split(";")[0]
    ?.trim()
  res.statusCode = status
  res.setHeader("x-amzn-RequestId", randomBytes(39).toString("base64url").toUpperCase())
  res.setHeader(
    "Content-Type",
    requested === "application/x-amz-json-1.0" ? requested : "application/json",
  )
  res.setHeader("Content-Length", Buffer.byteLength(json))
  res.end(json)
}
