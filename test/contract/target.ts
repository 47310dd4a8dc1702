import { DynamoDBClient } from "@aws-sdk/client-dynamodb"
import { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"
import { afterAll, beforeAll } from "vitest"
import {
  type AuthTableAdapter,
  DynamoDBAdapter,
  type DynamoDBAdapterOptions,
  resolveTableKeys,
  type TableKeys,
} from "../../src/adapter/index.js"
import {
  ensureAuthTable,
  localCredentials,
  marshallOptions,
  startAuthTable,
} from "../../src/emulator/index.js"

/**
 * The one variable that points every adapter test at another DynamoDB endpoint (DynamoDB Local,
 * AWS) instead of an in-process startAuthTable(): `AUTHTABLE_TEST_ENDPOINT=http://host:port`.
 */
export const endpointVariable = "AUTHTABLE_TEST_ENDPOINT"

/** Where a test file's adapter writes: a table, a raw client on it and the adapter under test. */
export interface TestTarget {
  readonly endpoint: string
  /** `true` when {@link endpointVariable} is set: the table is shared, so ids must be unique. */
  readonly remote: boolean
  readonly keys: TableKeys
  readonly client: DynamoDBDocument
  readonly adapter: AuthTableAdapter
  /** Stops the emulator, or only closes the client of a remote endpoint. */
  stop(): Promise<void>
}

/**
 * Opens a table with the given key names: on a fresh startAuthTable() by default, or on the
 * endpoint in {@link endpointVariable}, creating the table there when it is missing.
 */
export async function openTarget(options: DynamoDBAdapterOptions = {}): Promise<TestTarget> {
  const keys = resolveTableKeys(options)
  const endpoint = process.env[endpointVariable]
  if (!endpoint) {
    const table = await startAuthTable(keys)
    return {
      endpoint: table.endpoint,
      remote: false,
      keys,
      client: table.client,
      adapter: table.adapter,
      stop: () => table.stop(),
    }
  }
  const client = remoteClient(endpoint)
  try {
    await ensureAuthTable(client, keys)
  } catch (error) {
    client.destroy()
    throw error
  }
  return {
    endpoint,
    remote: true,
    keys,
    client,
    adapter: DynamoDBAdapter(client, keys),
    async stop() {
      client.destroy()
    },
  }
}

/**
 * Opens a target around the calling describe block (or file) and returns a getter for it.
 *
 * @example
 * const target = useTarget({ tableName: "custom" })
 * test("…", async () => { await target().adapter.getUser("u1") })
 */
export function useTarget(options: DynamoDBAdapterOptions = {}): () => TestTarget {
  let target: TestTarget | undefined
  beforeAll(async () => {
    target = await openTarget(options)
  })
  afterAll(async () => {
    await target?.stop()
  })
  return () => {
    if (!target) throw new Error("The test target is not open yet: call it inside a test.")
    return target
  }
}

/**
 * A client for the endpoint in the variable. Credentials and region come from the usual AWS
 * variables when they are set (a real AWS account), dummy ones otherwise (DynamoDB Local).
 */
function remoteClient(endpoint: string): DynamoDBDocument {
  if (!URL.canParse(endpoint)) {
    throw new TypeError(
      `[authtable] Could not read ${endpointVariable}: "${endpoint}" is not a URL. Set it like ${endpointVariable}=http://127.0.0.1:8000, or unset it to test on startAuthTable().`,
    )
  }
  const { AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_REGION } = process.env
  const usesAwsCredentials = Boolean(AWS_ACCESS_KEY_ID || AWS_PROFILE)
  const { region, accessKeyId, secretAccessKey } = localCredentials
  const client = new DynamoDBClient({
    endpoint,
    region: AWS_REGION ?? region,
    // A fresh object: the SDK annotates the credentials it is given.
    ...(usesAwsCredentials ? {} : { credentials: { accessKeyId, secretAccessKey } }),
  })
  return DynamoDBDocument.from(client, { marshallOptions: { ...marshallOptions } })
}
