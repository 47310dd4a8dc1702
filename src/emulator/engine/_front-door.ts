/**
 * Who may talk to the engine. Apps and tests (the AWS SDK in Node) send no `Origin` and name a
 * loopback host, so they pass; a web page in the developer's browser sends its `Origin`, and a
 * DNS-rebinding page names its own host. Both are refused unless allowed, on every path: the
 * DynamoDB endpoint and the dev console alike.
 */

import { isIP } from "node:net"
import { type ApiResponse, apiError, coral, type RequestHead } from "./_protocol.js"

/** Options of {@link createFrontDoor}. */
export interface FrontDoorOptions {
  /** Browser origins allowed to call the endpoint (`http://localhost:3000`), exactly. */
  allowOrigins: readonly string[]
  /** A host name the server was started on (`--host`), served besides loopback names and IPs. */
  host?: string | undefined
}

/** The front door's verdict: go on, or answer with this (an error, or a CORS preflight). */
export type FrontDoorVerdict = { pass: true } | { pass: false; response: ApiResponse | "preflight" }

/** Where the front door puts the CORS headers of an allowed origin: a response, or a record. */
export interface HeaderSink {
  setHeader(name: string, value: string | number): unknown
}

/** Checks `Host` and `Origin`; for an allowed origin it sets the CORS headers on `res`. */
export type FrontDoor = (req: RequestHead, res: HeaderSink) => FrontDoorVerdict

const accessDenied = (message: string): ApiResponse =>
  apiError(`${coral}AccessDeniedException`, `[authtable] ${message}`, 403)

/** Host name of a `Host` header, lower-cased, without port or IPv6 brackets. */
export function hostName(header: string): string {
  const host = header.trim().toLowerCase()
  if (host.startsWith("["))
    return host.slice(1, host.indexOf("]") === -1 ? undefined : host.indexOf("]"))
  const colon = host.lastIndexOf(":")
  return colon === -1 ? host : host.slice(0, colon)
}

/** Names no DNS answer can point elsewhere: IP literals, `localhost` and `*.localhost`. */
export function isRebindingSafe(name: string): boolean {
  return isIP(name) !== 0 || name === "localhost" || name.endsWith(".localhost")
}

export function createFrontDoor(options: FrontDoorOptions): FrontDoor {
  const allowed = new Set(options.allowOrigins.map(normalizeOrigin))
  const extraHost = options.host ? hostName(options.host) : undefined
  return (req, res) => {
    const hostHeader = req.headers.host
    if (hostHeader !== undefined) {
      const name = hostName(hostHeader)
      if (!isRebindingSafe(name) && name !== extraHost) {
        return {
          pass: false,
          response: accessDenied(
            `Refused a request for host "${name}": only loopback names and IP addresses are served, so that no DNS-rebinding page can reach the table. Use http://localhost or http://127.0.0.1, or start with --host ${name} if this name is yours.`,
          ),
        }
      }
    }
    const origin = req.headers.origin
    const fetchSite = req.headers["sec-fetch-site"]
    if (origin === undefined) {
      // A cross-site no-cors GET carries no Origin, but a browser says where it comes from.
      if (fetchSite === "cross-site" || fetchSite === "same-site") {
        return { pass: false, response: refusedOrigin("a page of another site") }
      }
      return { pass: true }
    }
    const normalized = normalizeOrigin(origin)
    const sameOrigin =
      hostHeader !== undefined && normalized === `http://${hostHeader.toLowerCase()}`
    if (!sameOrigin && !allowed.has(normalized)) {
      return { pass: false, response: refusedOrigin(origin) }
    }
    if (!sameOrigin) {
      res.setHeader("Access-Control-Allow-Origin", origin)
      res.setHeader("Vary", "Origin")
      res.setHeader("Access-Control-Expose-Headers", "x-amzn-RequestId, x-amz-crc32")
    }
    if (req.method === "OPTIONS") {
      const headers = req.headers["access-control-request-headers"]
      const method = req.headers["access-control-request-method"]
      if (headers) res.setHeader("Access-Control-Allow-Headers", headers)
      if (method) res.setHeader("Access-Control-Allow-Methods", method)
      res.setHeader("Access-Control-Max-Age", 172800)
      return { pass: false, response: "preflight" }
    }
    return { pass: true }
  }
}

function refusedOrigin(origin: string): ApiResponse {
  const example = /^https?:\/\/[^/]+$/.test(origin) ? origin : "http://localhost:3000"
  return accessDenied(
    `Refused a request from the browser origin ${origin}: web pages may not read or change this table unless allowed. Pass --allow-origin ${example} (allowOrigins: ["${example}"] with startAuthTable) to allow one.`,
  )
}

/** `HTTP://LocalHost:3000/` → `http://localhost:3000`. */
export function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, "").toLowerCase()
}
