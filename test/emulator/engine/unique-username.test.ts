import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest"
import { type AuthTable, startAuthTable } from "../../../src/emulator/index.js"
import { claimUsername, usernameOwner } from "./_unique-username.js"

let table: AuthTable
beforeAll(async () => {
  table = await startAuthTable()
})
afterAll(() => table?.stop())
beforeEach(() => table.reset())

const TableName = "next-auth"
const claim = (userId: string, username: string) =>
  claimUsername(table.client, TableName, userId, username)
/** The username on the user item, as the app stores it beside the adapter's attributes. */
const usernameOf = async (id: string) =>
  ((await table.adapter.getUser(id)) as { username?: string } | null)?.username
const newUser = async (id: string) => {
  await table.adapter.createUser({ id, email: `${id}@example.com`, emailVerified: null })
  return id
}

describe("a unique-username claim with a transaction, end to end", () => {
  test("the first claim wins; the same name in another case is taken", async () => {
    const alice = await newUser("alice")
    const bob = await newUser("bob")
    expect(await claim(alice, "Ace")).toEqual({ ok: true })
    expect(await claim(bob, "ace")).toEqual({ ok: false, reason: "taken" })
    expect(await usernameOwner(table.client, TableName, "ACE")).toBe(alice)
    expect(await usernameOf(bob)).toBeUndefined()
  })

  test("renaming releases the old name atomically", async () => {
    const alice = await newUser("alice")
    const bob = await newUser("bob")
    await claim(alice, "ace")
    expect(await claim(alice, "queen")).toEqual({ ok: true })
    expect(await usernameOwner(table.client, TableName, "ace")).toBeUndefined()
    expect(await claim(bob, "ace")).toEqual({ ok: true })
    expect(await usernameOf(alice)).toBe("queen")
  })

  test("an unknown user claims nothing: no claim item is left behind", async () => {
    expect(await claim("ghost", "boo")).toEqual({ ok: false, reason: "no-user" })
    expect(await usernameOwner(table.client, TableName, "boo")).toBeUndefined()
  })

  test("ten users racing for one name: exactly one gets it", async () => {
    const users = await Promise.all(Array.from({ length: 10 }, (_, i) => newUser(`racer${i}`)))
    const results = await Promise.all(users.map((user) => claim(user, "fastest")))
    expect(results.filter((result) => result.ok)).toHaveLength(1)
    const winner = users[results.findIndex((result) => result.ok)]
    expect(await usernameOwner(table.client, TableName, "fastest")).toBe(winner)
    const names = await Promise.all(users.map(usernameOf))
    expect(names.filter((name) => name === "fastest")).toHaveLength(1)
  })
})
