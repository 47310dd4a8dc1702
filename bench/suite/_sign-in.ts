// The requests of one test of the bench's suites (bench/suite.ts), shared by authtable's
// (suite/authtable/_tests.ts) and vitest-dynamodb-lite's (vitest-dynamodb-lite/_tests.ts), and
// apart from their assertions so that the bench can record their answers outside vitest for
// the SDK-floor files. Each caller passes the command classes of its own copy of the SDK.
import type * as DynamoDB from "@aws-sdk/client-dynamodb"

const TableName = "next-auth"

/** A client whose `send` takes the low-level commands: table.client, or a plain DynamoDBClient. */
export type Sender = Pick<DynamoDB.DynamoDBClient, "send">

/** The command classes of the caller's @aws-sdk/client-dynamodb. */
export type Commands = Pick<
  typeof DynamoDB,
  "GetItemCommand" | "PutItemCommand" | "QueryCommand" | "ScanCommand"
>

/**
 * Test `i`'s requests, on an empty table: writes a user and a session, then reads the session
 * through GSI1, the user by key and the user by email through GSI1.
 * @returns the answers the test checks.
 */
export async function signIn(db: Sender, i: number, sdk: Commands) {
  const { GetItemCommand, PutItemCommand, QueryCommand, ScanCommand } = sdk
  const id = `user-${i}`
  const email = `${id}@example.com`
  const token = `token-${i}`
  const expires = String(Math.floor(Date.now() / 1000) + 86_400)
  const empty = await db.send(new ScanCommand({ TableName, Select: "COUNT" }))
  await db.send(
    new PutItemCommand({
      TableName,
      Item: {
        pk: { S: `USER#${id}` },
        sk: { S: `USER#${id}` },
        GSI1PK: { S: `USER#${email}` },
        GSI1SK: { S: `USER#${email}` },
        type: { S: "USER" },
        id: { S: id },
        email: { S: email },
      },
    }),
  )
  await db.send(
    new PutItemCommand({
      TableName,
      Item: {
        pk: { S: `USER#${id}` },
        sk: { S: `SESSION#${token}` },
        GSI1PK: { S: `SESSION#${token}` },
        GSI1SK: { S: `SESSION#${token}` },
        type: { S: "SESSION" },
        sessionToken: { S: token },
        userId: { S: id },
        expires: { N: expires },
      },
    }),
  )
  const byIndex = (key: string) =>
    new QueryCommand({
      TableName,
      IndexName: "GSI1",
      KeyConditionExpression: "GSI1PK = :pk AND GSI1SK = :sk",
      ExpressionAttributeValues: { ":pk": { S: key }, ":sk": { S: key } },
    })
  const session = await db.send(byIndex(`SESSION#${token}`))
  const user = await db.send(
    new GetItemCommand({ TableName, Key: { pk: { S: `USER#${id}` }, sk: { S: `USER#${id}` } } }),
  )
  const byEmail = await db.send(byIndex(`USER#${email}`))
  return { id, email, empty, session, user, byEmail }
}
