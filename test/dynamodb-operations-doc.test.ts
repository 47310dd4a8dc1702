import { readdirSync, readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../src/emulator/index.js"

const require = createRequire(import.meta.url)
const doc = readFileSync(new URL("../docs/dynamodb-operations.md", import.meta.url), "utf8")

/** The operation names in the rows of the section headed `## <title> (<count>)`. */
function section(title: string): { count: number; operations: string[] } {
  const match = doc.match(new RegExp(`## ${title} \\((\\d+)\\)\\n([\\s\\S]*?)(?=\\n## |$)`))
  if (!match) throw new Error(`no section "${title}"`)
  const operations = [...(match[2] ?? "").matchAll(/^\| ([A-Z][A-Za-z]+) +\|/gm)].map(
    (m) => m[1] as string,
  )
  return { count: Number(match[1]), operations }
}

/** Every command of the installed @aws-sdk/client-dynamodb: the DynamoDB API's operations. */
const sdkOperations = readdirSync(
  join(dirname(require.resolve("@aws-sdk/client-dynamodb/package.json")), "dist-types/commands"),
)
  .filter((file) => file.endsWith("Command.d.ts"))
  .map((file) => file.replace(/Command\.d\.ts$/, ""))
  .sort()

let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table?.stop())

/** The error type the endpoint answers for an empty request of `operation`. */
async function answerTo(operation: string): Promise<string> {
  const response = await fetch(table.endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/x-amz-json-1.0",
      "x-amz-target": `DynamoDB_20120810.${operation}`,
      authorization:
        "AWS4-HMAC-SHA256 Credential=authtable/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0",
      "x-amz-date": "20260101T000000Z",
    },
    body: "{}",
  })
  const body = (await response.json()) as { __type?: string }
  return body.__type ?? "(answered)"
}

describe("docs/dynamodb-operations.md", () => {
  const served = section("Served")
  const notServed = section("Not served")

  test("lists every operation of the SDK once, with the counts its headings give", () => {
    expect([...served.operations, ...notServed.operations].sort()).toEqual(sdkOperations)
    expect(served.operations).toHaveLength(served.count)
    expect(notServed.operations).toHaveLength(notServed.count)
    expect(doc).toContain(`answers **${served.count}** of the **${sdkOperations.length}**`)
  })

  test("the README gives the same counts", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8").replace(
      /\s+/g,
      " ",
    )
    expect(readme).toContain(`serves ${served.count} of the ${sdkOperations.length} operations`)
    expect(readme).toContain(`The other ${notServed.count} `)
  })

  test("the operations it lists as served are served", async () => {
    for (const operation of served.operations) {
      expect(await answerTo(operation), operation).not.toMatch(/UnknownOperationException$/)
    }
  })

  test("the operations it lists as not served answer UnknownOperationException", async () => {
    for (const operation of notServed.operations) {
      expect(await answerTo(operation), operation).toMatch(/UnknownOperationException$/)
    }
  })
})
