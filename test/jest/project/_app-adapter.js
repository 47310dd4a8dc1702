// What an app's auth config builds: a client from the SDK's own environment variables (no
// endpoint in code) and the adapter, both loaded with require() in Jest's CommonJS runtime.
const { DynamoDBClient } = require("@aws-sdk/client-dynamodb")
const { DynamoDBDocument } = require("@aws-sdk/lib-dynamodb")
const { DynamoDBAdapter } = require("authtable/adapter")

const client = DynamoDBDocument.from(new DynamoDBClient({}), {
  marshallOptions: {
    convertEmptyValues: true,
    removeUndefinedValues: true,
    convertClassInstanceToMap: true,
  },
})

module.exports = { client, adapter: DynamoDBAdapter(client) }
