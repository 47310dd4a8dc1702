import { createServer } from "node:net"
import { describe, expect, test } from "vitest"
import { isLoopbackAddress, unreachableLocalEndpoint } from "../../src/adapter/_unreachable.js"
import { AuthTableError, DynamoDBAdapter } from "../../src/adapter/index.js"
import { createLocalClient } from "../../src/emulator/client.js"

/** A loopback port nothing listens on: bound a moment ago, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

describe("an endpoint with nothing listening", () => {
  test.each(["127.0.0.1", "localhost"])(
    "on %s is an AuthTableError that says to start authtable dev",
    async (host) => {
      const port = await closedPort()
      const client = createLocalClient(`http://${host}:${port}`)
      try {
        const error = await Promise.resolve(DynamoDBAdapter(client).getUser("u1")).then(
          () => undefined,
          (rejected: unknown) => rejected,
        )
        expect(error).toBeInstanceOf(AuthTableError)
        expect(error).toMatchObject({
          code: "UNREACHABLE",
          message: `[authtable] Could not reach the local DynamoDB at http://127.0.0.1:${port}: nothing is listening. Start it with npx authtable dev (or npm run dev:ddb).`,
        })
        expect((error as AuthTableError).cause).toMatchObject({ code: "ECONNREFUSED" })
      } finally {
        client.destroy()
      }
    },
  )

  test("elsewhere keeps the SDK's own error", () => {
    const remote = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:8000"), {
      code: "ECONNREFUSED",
      address: "10.0.0.5",
      port: 8000,
    })
    expect(unreachableLocalEndpoint(remote)).toBeUndefined()
    const reset = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
    expect(unreachableLocalEndpoint(reset)).toBeUndefined()
  })

  test("counts 127.0.0.0/8, ::1 and IPv4-mapped loopback as loopback", () => {
    expect(["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"].map(isLoopbackAddress)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(["10.0.0.1", "0.0.0.0", "::", "192.168.1.2"].some(isLoopbackAddress)).toBe(false)
  })
})
