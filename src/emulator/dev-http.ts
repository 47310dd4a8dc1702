import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http"
import type { AddressInfo } from "node:net"
import { AuthTableError } from "../adapter/index.js"

/** Answers a request, or returns `false` to let the next handler have it. */
export type DevRoute = (req: IncomingMessage, res: ServerResponse) => boolean

/**
 * The dev server's public listener. It answers the inspector's paths itself and forwards every
 * other request to the emulator, so the DynamoDB endpoint and the inspector share one port
 * (dynalite answers every path, so the inspector cannot be a listener on dynalite's server).
 */
export interface DevHttp {
  readonly address: AddressInfo
  /** Starts forwarding to `upstream` (`http://127.0.0.1:PORT`); requests wait until then. */
  forwardTo(upstream: string): void
  /** Stops accepting connections and resolves once every request in flight has its response. */
  close(): Promise<void>
}

function unavailable(res: ServerResponse) {
  res.writeHead(503, { "content-type": "text/plain" })
  res.end("[authtable] Could not answer: the dev server is stopping.")
}

/**
 * Binds `host:port` before anything else starts, so a busy port fails fast and leaves the data
 * dir alone.
 * @throws AuthTableError `PORT_IN_USE` naming the next port to try.
 */
export async function listenDevHttp(options: {
  port: number
  host: string
  route: DevRoute
}): Promise<DevHttp> {
  const agent = new Agent({ keepAlive: true })
  let upstream: URL | undefined
  let ready: () => void = () => {}
  const upstreamReady = new Promise<void>((resolve) => {
    ready = resolve
  })
  let inFlight = 0
  let drained: (() => void) | undefined

  const forward = (req: IncomingMessage, res: ServerResponse, target: URL) => {
    const headers = { ...req.headers }
    delete headers.connection
    delete headers["keep-alive"]
    const outgoing = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (incoming) => {
        res.writeHead(incoming.statusCode ?? 502, incoming.headers)
        incoming.pipe(res)
      },
    )
    outgoing.on("error", (error) => {
      if (res.headersSent) return void res.destroy(error)
      res.writeHead(502, { "content-type": "text/plain" })
      res.end(`[authtable] Could not reach the emulator: ${error.message}.`)
    })
    req.pipe(outgoing)
  }

  const server: Server = createServer((req, res) => {
    inFlight++
    res.on("close", () => {
      inFlight--
      if (inFlight === 0) drained?.()
    })
    if (options.route(req, res)) return
    if (upstream) forward(req, res, upstream)
    else void upstreamReady.then(() => (upstream ? forward(req, res, upstream) : unavailable(res)))
  })

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => {
      server.off("error", reject)
      resolve()
    })
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") {
      throw new AuthTableError(
        "PORT_IN_USE",
        `Could not start: port ${options.port} is in use. Pass --port ${options.port + 1} or stop the other process.`,
        { cause: error },
      )
    }
    throw new AuthTableError(
      "START_FAILED",
      `Could not start on ${options.host}:${options.port}: ${error.message}. Check --host and --port.`,
      { cause: error },
    )
  })

  let closing: Promise<void> | undefined
  return {
    address: server.address() as AddressInfo,
    forwardTo(target) {
      upstream = new URL(target)
      ready()
    },
    close() {
      closing ??= (async () => {
        ready() // requests still waiting for a start that failed get a 503
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        // Idle keep-alive connections (an app's SDK client keeps some) would hold close() open.
        server.closeIdleConnections()
        if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve))
        server.closeAllConnections()
        await closed
        agent.destroy()
      })()
      return closing
    },
  }
}
