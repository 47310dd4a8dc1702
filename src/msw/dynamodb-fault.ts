import { randomUUID } from "node:crypto"
import { delay, type HttpHandler, HttpResponse, http, passthrough } from "msw"
import { seededRandom } from "./_random.js"
import { dynamoDBOperation, isEmulatorRequest } from "./emulator-requests.js"

/** DynamoDB operations by their `X-Amz-Target` name; any other name is accepted too. */
export type DynamoDBOperation =
  | "GetItem"
  | "PutItem"
  | "UpdateItem"
  | "DeleteItem"
  | "Query"
  | "Scan"
  | "BatchGetItem"
  | "BatchWriteItem"
  | "TransactGetItems"
  | "TransactWriteItems"
  | (string & {})

/** An error DynamoDB answers with: a known one by name, or any status and `__type`. */
export type DynamoDBFaultError =
  | "ProvisionedThroughputExceededException"
  | "ThrottlingException"
  | "InternalServerError"
  | { status: number; type: string; message?: string }

/** Options of {@link dynamoDBFault}: which requests, what answer, how often. */
export interface DynamoDBFaultOptions {
  /** Operations to fault. @default every operation */
  operations?: readonly DynamoDBOperation[]
  /** The error to answer with; without it the fault only delays, then passes the request on. */
  error?: DynamoDBFaultError
  /** Milliseconds to wait before answering (or before passing the request on). @default 0 */
  delayMs?: number
  /** How many matching requests get the fault; later ones pass through. @default Infinity */
  times?: number
  /** The chance that a matching request gets the fault, drawn from `seed`. @default 1 */
  probability?: number
  /** Seed of the draws for `probability`: the same seed faults the same requests. @default 1 */
  seed?: number
  /**
   * Narrows the fault to some requests of those operations, by their JSON body (DynamoDB's
   * wire format: `{ Item: { sk: { S: "ACCOUNT#…" } } }`).
   * @example match: ({ body }) => JSON.stringify(body.Item).includes('"ACCOUNT#')
   */
  match?: (request: { operation: string; body: Record<string, unknown> }) => boolean
}

/** A fault handler and what it has done so far. */
export interface DynamoDBFault {
  /** Add it with `server.use(fault.handler)`; remove it with `server.resetHandlers()`. */
  readonly handler: HttpHandler
  /** Matching requests answered with the fault (or delayed) so far. */
  readonly injected: number
  /** Matching requests seen so far, faulted or passed through. */
  readonly seen: number
}

const knownErrors = {
  ProvisionedThroughputExceededException: {
    status: 400,
    type: "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
    message:
      "The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.",
  },
  ThrottlingException: {
    status: 400,
    type: "com.amazon.coral.availability#ThrottlingException",
    message: "Rate of requests exceeds the allowed throughput.",
  },
  InternalServerError: {
    status: 500,
    type: "com.amazonaws.dynamodb.v20120810#InternalServerError",
    message: "Internal server error",
  },
} as const

/**
 * Answers chosen DynamoDB operations on the emulator's endpoint with an error or a delay,
 * `times` times or with a seeded `probability`, and passes them through to the emulator
 * afterwards. Requests for other operations are not matched: they go on to the next handler
 * (add {@link emulatorPassthrough} or use {@link strictUnhandledRequests}).
 *
 * Register it after `server.listen()` but before the client's first request: see docs/msw.md
 * for why.
 *
 * @param endpoint the emulator's endpoint, `table.endpoint`.
 * @example
 * const fault = dynamoDBFault(table.endpoint, { operations: ["PutItem"], error: "ThrottlingException", times: 3 })
 * server.use(fault.handler)
 * await table.adapter.createUser(user) // the DynamoDB client's 4th (default last) attempt succeeds
 * expect(fault.injected).toBe(3)
 */
export function dynamoDBFault(
  endpoint: string | URL,
  options: DynamoDBFaultOptions,
): DynamoDBFault {
  const { operations, error, delayMs = 0, times = Number.POSITIVE_INFINITY } = options
  const { probability = 1, seed = 1 } = options
  validate(options, delayMs, times, probability)
  const answer = typeof error === "string" ? knownErrors[error] : error
  const selected = operations && new Set<string>(operations)
  const random = seededRandom(seed)
  let injected = 0
  let seen = 0

  const handler = http.post(
    async ({ request }) => {
      const operation = dynamoDBOperation(request)
      if (operation === undefined || !isEmulatorRequest(request, endpoint)) return false
      if (selected && !selected.has(operation)) return false
      if (!options.match) return true
      const body = (await request.clone().json()) as Record<string, unknown>
      return options.match({ operation, body })
    },
    async () => {
      seen += 1
      // Draw for every request, so that one seed gives one pattern whatever `times` is.
      const fires = random() < probability && injected < times
      if (!fires) return passthrough()
      injected += 1
      if (delayMs > 0) await delay(delayMs)
      if (!answer) return passthrough()
      return HttpResponse.json(
        { __type: answer.type, message: answer.message ?? answer.type.split("#").pop() },
        {
          status: answer.status,
          headers: {
            "content-type": "application/x-amz-json-1.0",
            "x-amzn-requestid": randomUUID(),
          },
        },
      )
    },
  )

  return {
    handler,
    get injected() {
      return injected
    },
    get seen() {
      return seen
    },
  }
}

function validate(
  options: DynamoDBFaultOptions,
  delayMs: number,
  times: number,
  probability: number,
): void {
  const fail = (reason: string) => {
    throw new TypeError(`[authtable] Could not create the DynamoDB fault: ${reason}.`)
  }
  if (options.error === undefined && delayMs <= 0) {
    fail('pass an error (e.g. error: "ThrottlingException") or a delayMs above 0')
  }
  if (typeof options.error === "string" && !(options.error in knownErrors)) {
    fail(
      `unknown error "${options.error}"; use ${Object.keys(knownErrors).join(", ")} or { status, type }`,
    )
  }
  if (!(delayMs >= 0) || !Number.isFinite(delayMs)) fail(`delayMs must be >= 0, got ${delayMs}`)
  if (!(times >= 0) || (Number.isFinite(times) && !Number.isInteger(times))) {
    fail(`times must be a whole number >= 0 or Infinity, got ${times}`)
  }
  if (!(probability >= 0 && probability <= 1)) {
    fail(`probability must be between 0 and 1, got ${probability}`)
  }
}
