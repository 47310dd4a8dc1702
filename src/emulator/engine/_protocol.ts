/**
 * DynamoDB's JSON protocol as dynalite speaks it (its HTTP handler, which the engine replaces so
 * that every request passes the front door): reading the body, the checks every operation gets
 * before its own validation (method, content type, JSON, `X-Amz-Target`, signature presence),
 * and the response shape (`x-amzn-RequestId`, `x-amz-crc32`, the content type asked for).
 * The texts and statuses are dynalite's, which it recorded from AWS.
 */
import { randomBytes } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { crc32 } from "node:zlib"

/** dynalite's (and DynamoDB's) limit on a request body. */
export const maxRequestBytes = 16 * 1024 * 1024

const validApis = new Set(["DynamoDB_20111205", "DynamoDB_20120810"])

/** Marks requests the in-process transport made: no wire, so no checksum to compute. */
export const inProcess = Symbol.for("authtable.in-process")

/** What the protocol reads of a request besides its body: an IncomingMessage, or the in-process one. */
export interface RequestHead {
  method?: string | undefined
  url?: string | undefined
  headers: IncomingMessage["headers"]
}

/** A response as bytes to send: status, headers and body. */
export interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

/** A JSON-protocol answer: HTTP status and body, `__type` set on errors. */
export interface ApiResponse {
  status: number
  body: Record<string, unknown>
}

export const coral = "com.amazon.coral.service#"
export const validationType = "com.amazon.coral.validate#ValidationException"

/** A 400 with `__type` and, when given, `message`. */
export const apiError = (type: string, message?: string, status = 400): ApiResponse => ({
  status,
  body: message === undefined ? { __type: type } : { __type: type, message },
})

/** An answer as an error to throw: the router answers thrown errors with their status and body. */
export const asThrown = ({
  status,
  body,
}: ApiResponse): Error & { statusCode: number; body: Record<string, unknown> } =>
  Object.assign(new Error(String(body.message ?? body.__type)), { statusCode: status, body })

/** `ValidationException` with `message`. */
export const validationError = (message: string): ApiResponse => apiError(validationType, message)

/**
 * Reads a request body up to {@link maxRequestBytes}. Resolves `undefined` when the client
 * aborted or the stream failed (the request is over: nobody is left to answer), `"too large"`
 * past the limit (the rest is not read).
 */
export function readBody(req: IncomingMessage): Promise<Buffer | "too large" | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (value: Buffer | "too large" | undefined) => {
      req.removeListener("data", onData)
      req.removeListener("end", onEnd)
      req.removeListener("aborted", onAbort)
      req.removeListener("close", onClose)
      // A late 'error' after we answered must not become an uncaught exception.
      req.on("error", () => {})
      resolve(value)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxRequestBytes) return finish("too large")
      chunks.push(chunk)
    }
    const onEnd = () => finish(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size))
    const onAbort = () => finish(undefined)
    const onClose = () => {
      if (!req.complete) finish(undefined)
    }
    req.on("data", onData)
    req.once("end", onEnd)
    req.once("error", onAbort)
    req.once("aborted", onAbort)
    req.once("close", onClose)
  })
}

/** An operation request that passed the protocol's checks. */
export interface ParsedRequest {
  operation: string
  data: Record<string, unknown>
}

/**
 * The checks dynalite's HTTP handler makes before an operation's own validation, in its order.
 * @returns the request, or the response to send (`raw`: a non-JSON answer dynalite gives).
 */
export function parseRequest(
  req: RequestHead,
  body: Buffer,
  operations: ReadonlySet<string>,
): ParsedRequest | ApiResponse | RawResponse {
  if (req.method === "GET") return healthy
  const contentType = contentTypeOf(req)
  if (
    req.method !== "POST" ||
    (body.length > 0 &&
      contentType !== "application/json" &&
      contentType !== "application/x-amz-json-1.0")
  ) {
    return unknownOperationXml
  }
  let data: unknown
  if (body.length > 0) {
    try {
      data = JSON.parse(body.toString("utf8"))
    } catch {
      return apiError(`${coral}SerializationException`)
    }
  }
  const target = String(req.headers["x-amz-target"] ?? "").split(".")
  const [api = "", operation = ""] = target
  if (target.length !== 2 || !validApis.has(api) || !operations.has(operation)) {
    return apiError(`${coral}UnknownOperationException`)
  }
  const signatureProblem = checkSignature(req)
  if (signatureProblem) return signatureProblem
  if (body.length === 0) return apiError(`${coral}SerializationException`)
  // A JSON null is the one body dynalite's type checks crash on.
  if (data === null) return apiError(`${coral}SerializationException`)
  return { operation, data: data as Record<string, unknown> }
}

/** A response that is not a JSON body: the health check and unknown-operation answers. */
export interface RawResponse {
  status: number
  raw: string
  crc: number
}

const healthy: RawResponse = {
  status: 200,
  raw: "healthy: dynamodb.us-east-1.amazonaws.com ",
  crc: 3128867991,
}
const unknownOperationXml: RawResponse = {
  status: 404,
  raw: "<UnknownOperationException/>\n",
  crc: 3552371480,
}

function contentTypeOf(req: RequestHead): string {
  const header = req.headers["content-type"]
  // The SDK's, every time: no parameters to strip.
  if (header === "application/x-amz-json-1.0") return header
  return (
    String(header ?? "")
      .split(";")[0]
      ?.trim() ?? ""
  )
}

const noQuery = new URLSearchParams()
let lastCompleteHeader: string | undefined

function checkSignature(req: RequestHead): ApiResponse | undefined {
  const authHeader = req.headers.authorization
  const url = req.url ?? "/"
  // The SDK's requests have no query string: parse a URL only when there is one.
  const query = url.includes("?") ? new URL(url, "http://localhost").searchParams : noQuery
  const authQuery = query.has("X-Amz-Algorithm")
  if (authHeader && authQuery) {
    return apiError(
      `${coral}InvalidSignatureException`,
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    )
  }
  if ((!authHeader && !authQuery) || (authHeader && authHeader.trim().slice(0, 5) !== "AWS4-")) {
    return apiError(
      `${coral}MissingAuthenticationTokenException`,
      "Request is missing Authentication Token",
    )
  }
  const dated = Boolean(req.headers["x-amz-date"] || req.headers.date)
  // A client sends the same header again and again (table.client's all day): the last one found
  // complete is complete again.
  if (authHeader && authHeader === lastCompleteHeader && dated) return undefined
  let message = ""
  if (authHeader) {
    const params: Record<string, string | undefined> = {}
    for (const pair of authHeader.split(/,| /).slice(1).filter(Boolean)) {
      const [key = "", value] = pair.trim().split("=")
      params[key] = value
    }
    for (const param of ["Credential", "Signature", "SignedHeaders"]) {
      if (!params[param]) message += `Authorization header requires '${param}' parameter. `
    }
    if (!dated) {
      message +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
    }
    if (message) message += `Authorization=${authHeader}`
    else lastCompleteHeader = authHeader
  } else {
    for (const param of [
      "X-Amz-Algorithm",
      "X-Amz-Credential",
      "X-Amz-Signature",
      "X-Amz-SignedHeaders",
      "X-Amz-Date",
    ]) {
      if (!query.get(param)) message += `AWS query-string parameters must include '${param}'. `
    }
    if (message) message += "Re-examine the query-string parameters."
  }
  return message ? apiError(`${coral}IncompleteSignatureException`, message) : undefined
}

// Request ids as dynalite makes them (39 random bytes in base64, upper-cased, + and / as 0),
// drawn 256 at a time: one random draw and one encoding, then a slice per request.
const idLength = 52 // 39 bytes in base64
let idPool = ""
let idOffset = 0
const requestId = () => {
  if (idOffset >= idPool.length) {
    idPool = randomBytes(39 * 256)
      .toString("base64")
      .toUpperCase()
      .replace(/\+|\//g, "0")
    idOffset = 0
  }
  idOffset += idLength
  return idPool.slice(idOffset - idLength, idOffset)
}

/**
 * A JSON-protocol answer as dynalite sends it: a request id, the content type asked for, and on
 * the wire (`crc`) the body's CRC32, which only an HTTP client checks.
 */
export function answer(req: RequestHead, response: ApiResponse, crc: boolean): Answer {
  const body = JSON.stringify(response.body)
  const headers: Record<string, string> = { "x-amzn-RequestId": requestId() }
  if (crc) headers["x-amz-crc32"] = String(crc32(body))
  const requested = contentTypeOf(req)
  headers["Content-Type"] =
    requested === "application/x-amz-json-1.0" ? requested : "application/json"
  headers["Content-Length"] = String(Buffer.byteLength(body))
  return { status: response.status, headers, body }
}

/** One of dynalite's non-JSON answers (health check, unknown operation). */
export function rawAnswer(response: RawResponse, withRequestId = true): Answer {
  const headers: Record<string, string> = {}
  if (withRequestId) headers["x-amzn-RequestId"] = requestId()
  headers["x-amz-crc32"] = String(response.crc)
  headers["Content-Length"] = String(Buffer.byteLength(response.raw))
  return { status: response.status, headers, body: response.raw }
}

/** dynalite's answer to a body over the limit: 413, chunked, empty. */
export const tooLarge = (): Answer => ({
  status: 413,
  headers: { "Transfer-Encoding": "chunked" },
  body: "",
})

/** Writes an {@link Answer} to an HTTP response (unless it is over already). */
export function write(res: ServerResponse, { status, headers, body }: Answer): void {
  if (res.writableEnded || res.destroyed) return
  res.statusCode = status
  for (const name in headers) res.setHeader(name, headers[name] as string)
  res.end(body)
}

/** Sends a JSON-protocol answer as dynalite does, with a request id and (on the wire) a CRC32. */
export function send(req: IncomingMessage, res: ServerResponse, response: ApiResponse): void {
  write(res, answer(req, response, !(inProcess in req)))
}
