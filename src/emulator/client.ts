import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { localCredentials } from "./env.js"

/**
 * The marshalling options authtable's clients use, the ones the Auth.js docs recommend:
 * empty strings and binaries are kept, `undefined` attributes are dropped, class instances
 * become maps.
 */
export const marshallOptions = Object.freeze({
  convertEmptyValues: true,
  removeUndefinedValues: true,
  convertClassInstanceToMap: true,
})

/** Options of {@link createLocalClient}. */
export interface LocalClientOptions {
  /** The SDK request handler. @default the SDK's own, over HTTP */
  requestHandler?: DynamoDBClientConfig["requestHandler"]
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
  })
  return DynamoDBDocument.from(client, { marshallOptions: { ...marshallOptions } })
}
