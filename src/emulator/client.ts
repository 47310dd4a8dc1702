import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
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

/** A DynamoDBDocument for a local endpoint, with dummy credentials and {@link marshallOptions}. */
export function createLocalClient(endpoint: string): DynamoDBDocument {
  const { region, accessKeyId, secretAccessKey } = localCredentials
  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId, secretAccessKey },
  })
  return DynamoDBDocument.from(client, { marshallOptions: { ...marshallOptions } })
}
