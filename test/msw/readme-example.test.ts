// The README's "msw" example, run as it is printed there; the last test keeps the two equal.
import { readFileSync } from "node:fs"
import { setupServer } from "msw/node"
import { afterAll, expect, test } from "vitest"
import { startAuthTable } from "../../src/emulator/index.js"
import {
  createInbox,
  dynamoDBFault,
  mockGitHub,
  mockResend,
  strictUnhandledRequests,
} from "../../src/msw/index.js"
import { codeBlock, doc, section } from "../_readme.js"

// readme:start
const github = mockGitHub({ clientId: "id", clientSecret: "secret" })
const inbox = createInbox()
const server = setupServer(...github.handlers, mockResend(inbox))
server.listen({ onUnhandledRequest: strictUnhandledRequests() }) // 1. msw first
const table = await startAuthTable() // 2. then the emulator

// Per test: the user denies consent, or DynamoDB throttles the next write.
server.use(github.deniedConsent({ once: true }))
const throttle = dynamoDBFault(table.endpoint, {
  operations: ["PutItem"],
  error: "ThrottlingException",
  times: 1,
})
server.use(throttle.handler)
await table.adapter.createUser({ id: "u1", email: "ada@example.com", emailVerified: null })
// readme:end

afterAll(async () => {
  await table.stop()
  server.close()
})

test("throttles the write once and the SDK's retry stores the user", async () => {
  expect(throttle.injected).toBe(1)
  expect(await table.adapter.getUser("u1")).toMatchObject({ email: "ada@example.com" })
})

test("denies consent once, then consents again", async () => {
  const authorize = `https://github.com/login/oauth/authorize?client_id=id&redirect_uri=${encodeURIComponent("http://localhost:3000/cb")}`
  const denied = await fetch(authorize, { redirect: "manual" })
  expect(denied.headers.get("location")).toContain("error=access_denied")
  const granted = await fetch(authorize, { redirect: "manual" })
  expect(granted.headers.get("location")).toContain("code=")
  expect(inbox.messages).toEqual([])
})

test("is the code the README prints", () => {
  const printed = codeBlock(section("msw", doc("msw")), "ts")
  const source = readFileSync(new URL(import.meta.url), "utf8")
  const ours = /\/\/ readme:start\n([\s\S]*?)\/\/ readme:end/.exec(source)?.[1]
  expect(printed).toBe(ours)
})
