import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { marshallOptions } from "./engine/index.js"
import { localCredentials } from "./env.js"

export { marshallOptions }

/** Options of {@link createLocalClient}. */
export interface LocalClientOptions {
  /** The SDK request handler. @default the SDK's own, over HTTP */
  requestHandler?: DynamoDBClientConfig["requestHandler"]
  /**
   * Skip the per-request work that only AWS looks at: SigV4 signing (a well-formed
   * Authorization header with a dummy signature is sent instead; the emulator checks that one
   * is there, never what it signs) and the user-agent and Lambda trace-id headers. About a
   * fifth of a request's cost in a cold test worker. @default false
   */
  lean?: boolean
}

/** A DynamoDBDocument for a local endpoint, with dummy credentials and {@link marshallOptions}. */
export function createLocalClient(
  endpoint: string,
  options: LocalClientOptions = {},
): DynamoDBDocument {
  const { region, accessKeyId, secretAccessKey } = localCredentials
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey },
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    // Lean clients send no user agent: no provider to build (it reads the platform at start).
    ...(options.lean
      ? { httpAuthSchemes: [unsignedScheme], defaultUserAgentProvider: async () => [] }
      : {}),
  })
  if (options.lean) {
    client.middlewareStack.remove("getUserAgentMiddleware")
    client.middlewareStack.remove("recursionDetectionMiddleware")
  }
  return DynamoDBDocument.from(client, { marshallOptions: { ...marshallOptions } })
}

type AuthScheme = NonNullable<DynamoDBClientConfig["httpAuthSchemes"]>[number]
type Signer = AuthScheme["signer"]

/** What SigV4 would add to a request, with a signature of zeros: enough for the emulator. */
const dummySigner: Signer = {
  async sign(request) {
    const now = new Date().toISOString() // 2026-11-28T11:03:31.123Z -> 20261128T110331Z
    const date = `${now.slice(0, 4)}${now.slice(5, 7)}${now.slice(8, 10)}`
    const time = `${now.slice(11, 13)}${now.slice(14, 16)}${now.slice(17, 19)}`
    request.headers["x-amz-date"] = `${date}T${time}Z`
    request.headers.authorization = `${dummyAuthorization[0]}${date}${dummyAuthorization[1]}`
    return request
  },
}

const dummyAuthorization = [
  `AWS4-HMAC-SHA256 Credential=${localCredentials.accessKeyId}/`,
  `/${localCredentials.region}/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=${"0".repeat(64)}`,
] as const

/** The client's own sigv4 scheme (same identity), with {@link dummySigner}. */
const unsignedScheme: AuthScheme = {
  schemeId: "aws.auth#sigv4",
  identityProvider: (config) => config.getIdentityProvider("aws.auth#sigv4"),
  signer: dummySigner,
}
