/**
 * An app's module as it would be written against DynamoDB: a unique username per user, claimed
 * with one transaction — a claim item per lower-cased name (created only if absent), the name on
 * the user item (only if the user exists), and the user's previous claim released (only if it is
 * theirs). Which reason cancelled the transaction tells the caller what went wrong.
 */
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb"
import type { DynamoDBDocument } from "@aws-sdk/lib-dynamodb"

export type ClaimResult = { ok: true } | { ok: false; reason: "taken" | "no-user" }

const claimKey = (username: string) => {
  const id = `USERNAME#${username.toLowerCase()}`
  return { pk: id, sk: id }
}
const userKey = (userId: string) => ({ pk: `USER#${userId}`, sk: `USER#${userId}` })

export async function claimUsername(
  client: DynamoDBDocument,
  TableName: string,
  userId: string,
  username: string,
): Promise<ClaimResult> {
  const { Item: user } = await client.get({ TableName, Key: userKey(userId), ConsistentRead: true })
  const previous = user?.username as string | undefined
  if (previous?.toLowerCase() === username.toLowerCase()) return { ok: true }
  try {
    await client.transactWrite({
      TransactItems: [
        {
          Put: {
            TableName,
            Item: { ...claimKey(username), type: "USERNAME", userId, username },
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Update: {
            TableName,
            Key: userKey(userId),
            UpdateExpression: "SET username = :username",
            ConditionExpression: previous
              ? "attribute_exists(pk) AND username = :previous"
              : "attribute_exists(pk) AND attribute_not_exists(username)",
            ExpressionAttributeValues: {
              ":username": username,
              ...(previous ? { ":previous": previous } : {}),
            },
          },
        },
        ...(previous
          ? [
              {
                Delete: {
                  TableName,
                  Key: claimKey(previous),
                  ConditionExpression: "userId = :userId",
                  ExpressionAttributeValues: { ":userId": userId },
                },
              },
            ]
          : []),
      ],
    })
    return { ok: true }
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error
    const [claim, update] = error.CancellationReasons ?? []
    if (claim?.Code === "ConditionalCheckFailed") return { ok: false, reason: "taken" }
    if (update?.Code === "ConditionalCheckFailed" && !user) return { ok: false, reason: "no-user" }
    // The user's name changed since it was read: try again against the new one.
    return claimUsername(client, TableName, userId, username)
  }
}

/** Who holds a username, or `undefined`. */
export async function usernameOwner(
  client: DynamoDBDocument,
  TableName: string,
  username: string,
): Promise<string | undefined> {
  const { Item } = await client.get({ TableName, Key: claimKey(username), ConsistentRead: true })
  return Item?.userId as string | undefined
}
