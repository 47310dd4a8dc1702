import { type HttpHandler, http, passthrough, type UnhandledRequestCallback } from "msw"

/** The `X-Amz-Target` prefix of every DynamoDB (JSON 1.0 protocol) request. */
const targetPrefix = "DynamoDB_20120810."
const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"])

/**
 * The DynamoDB operation a request calls, read from its `X-Amz-Target` header
 * (`"DynamoDB_20120810.PutItem"` → `"PutItem"`), or `undefined` for any other request.
 */
export function dynamoDBOperation(request: Request): string | undefined {
  const target = request.headers.get("x-amz-target")
  return target?.startsWith(targetPrefix) ? target.slice(targetPrefix.length) : undefined
}

/**
 * Whether a request goes to a local DynamoDB emulator. With `endpoint` (e.g. `table.endpoint`)
 * only requests to that origin count; without it, any DynamoDB request to a loopback host does,
 * which also covers the requests `startAuthTable()` makes before its endpoint is known.
 */
export function isEmulatorRequest(request: Request, endpoint?: string | URL): boolean {
  const url = new URL(request.url)
  if (endpoint !== undefined) return url.origin === new URL(endpoint).origin
  return loopbackHosts.has(url.hostname) && dynamoDBOperation(request) !== undefined
}

/**
 * A handler that lets every request to the emulator through to the real server, so that
 * `onUnhandledRequest: "error"` does not fail them. Put it last: handlers added with
 * `server.use()` (such as {@link dynamoDBFault}) still see the requests first.
 *
 * @example
 * const server = setupServer(...github.handlers, emulatorPassthrough())
 * server.listen({ onUnhandledRequest: "error" })
 */
export function emulatorPassthrough(endpoint?: string | URL): HttpHandler {
  return http.post(
    ({ request }) => isEmulatorRequest(request, endpoint),
    () => passthrough(),
  )
}

/** Options of {@link strictUnhandledRequests}. */
export interface StrictUnhandledRequestsOptions {
  /** The emulator's endpoint; default: any DynamoDB request to a loopback host. */
  endpoint?: string | URL
  /** Further origins that may go unhandled, such as a local app server's. @default [] */
  allow?: ReadonlyArray<string | URL>
}

/**
 * An `onUnhandledRequest` strategy that is `"error"` for everything but the emulator (and the
 * `allow`ed origins): a test fails when it would reach a real provider, while its own DynamoDB
 * requests go through untouched.
 *
 * @example
 * server.listen({ onUnhandledRequest: strictUnhandledRequests({ allow: [app.origin] }) })
 */
export function strictUnhandledRequests(
  options: StrictUnhandledRequestsOptions = {},
): UnhandledRequestCallback {
  const allowed = new Set((options.allow ?? []).map((origin) => new URL(origin).origin))
  return (request, print) => {
    if (isEmulatorRequest(request, options.endpoint)) return
    if (allowed.has(new URL(request.url).origin)) return
    print.error()
  }
}
