/** Raw requests to an emulator endpoint: headers and bodies no SDK would send. */
import { request } from "node:http"
import { connect } from "node:net"

export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A signature the emulator accepts (it checks presence and shape, never the signature). */
export const signedHeaders = {
  "content-type": "application/x-amz-json-1.0",
  authorization:
    "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
  "x-amz-date": "20260101T000000Z",
}

/** One HTTP request; `body` objects are sent as JSON. */
export function rawRequest(
  endpoint: string,
  options: {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer | object
    /** Fails the request with "no answer in N ms" instead of waiting for ever. */
    timeoutMs?: number
  } = {},
): Promise<RawResponse> {
  const url = new URL(options.path ?? "/", endpoint)
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string" || Buffer.isBuffer(options.body)
        ? options.body
        : JSON.stringify(options.body)
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "POST", headers: options.headers, agent: false },
      (res) => {
        let text = ""
        res.setEncoding("utf8").on("data", (chunk: string) => {
          text += chunk
        })
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }),
        )
        res.on("error", reject)
      },
    )
    req.on("error", reject)
    if (options.timeoutMs !== undefined) {
      req.setTimeout(options.timeoutMs, () =>
        req.destroy(new Error(`no answer in ${options.timeoutMs} ms`)),
      )
    }
    req.end(body)
  })
}

/** A DynamoDB operation request with a valid-looking signature. */
export function operation(
  endpoint: string,
  name: string,
  body: object | string,
  headers: Record<string, string> = {},
  timeoutMs?: number,
): Promise<RawResponse> {
  return rawRequest(endpoint, {
    headers: { ...signedHeaders, "x-amz-target": `DynamoDB_20120810.${name}`, ...headers },
    body,
    timeoutMs,
  })
}

/** Sends headers and part of a body, then closes the socket: an aborted upload. */
export function abortedUpload(endpoint: string): Promise<void> {
  const { hostname, port } = new URL(endpoint)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST / HTTP/1.1\r\nHost: ${hostname}:${port}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: 5000\r\n\r\n{"TableName":"next-auth","Item":{`,
      )
      setTimeout(() => {
        socket.destroy()
        resolve()
      }, 50)
    })
    socket.on("error", reject)
  })
}
