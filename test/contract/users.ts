import { describe, expect, test } from "vitest"
import { AuthTableError } from "../../src/adapter/index.js"
import { type ContractContext, unique, userData } from "./context.js"
import { expectNoStorageAttributes } from "./raw.js"

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** createUser, getUser, getUserByEmail and updateUser. */
export function describeUsers(ctx: ContractContext): void {
  describe("users", () => {
    if (ctx.configuration.createUserWithoutId) {
      test("createUser makes a UUID when next-auth 4 passes no id", async () => {
        const user = await ctx.createUser()
        expect(user.id).toMatch(uuid)
        expect(await ctx.adapter.getUser(user.id)).toEqual(user)
      })
    } else {
      test("createUser keeps the id Auth.js passes", async () => {
        const data = userData()
        const user = await ctx.adapter.createUser(data)
        expect(user).toEqual(data)
        expect(await ctx.adapter.getUser(data.id)).toEqual(data)
      })
    }

    test("createUser stores the user item with ISO dates and its email in the index", async () => {
      const user = await ctx.createUser()
      const { raw } = ctx
      expect(await raw.get(`USER#${user.id}`, `USER#${user.id}`)).toEqual({
        ...raw.keys(
          `USER#${user.id}`,
          `USER#${user.id}`,
          `USER#${user.email}`,
          `USER#${user.email}`,
        ),
        type: "USER",
        id: user.id,
        email: user.email,
        emailVerified: "2024-05-06T07:08:09.010Z",
        name: "Ada Lovelace",
        image: "https://example.com/ada.png",
      })
    })

    test("createUser stores a null emailVerified as null", async () => {
      const user = await ctx.createUser({ emailVerified: null })
      expect((await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`))?.emailVerified).toBeNull()
      expect((await ctx.adapter.getUser(user.id))?.emailVerified).toBeNull()
    })

    test("createUser keeps a user without an email out of the email index", async () => {
      const user = await ctx.createUser({ email: undefined } as never)
      const item = await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`)
      expect(item).toBeDefined()
      expect(item).not.toHaveProperty(ctx.keys.indexPartitionKey)
      expect(item).not.toHaveProperty(ctx.keys.indexSortKey)
      expect(await ctx.adapter.getUserByEmail("undefined")).toBeNull()
      expect(await ctx.adapter.getUser(user.id)).toEqual(user)
    })

    test("getUser returns the user with dates revived and no storage attributes", async () => {
      const user = await ctx.createUser()
      const found = await ctx.adapter.getUser(user.id)
      expect(found).toEqual(user)
      expect(found?.emailVerified).toBeInstanceOf(Date)
      expectNoStorageAttributes(found, ctx.keys)
    })

    test("getUser returns null for an unknown id", async () => {
      expect(await ctx.adapter.getUser(unique("nobody"))).toBeNull()
    })

    test("getUserByEmail finds the user by its email", async () => {
      const user = await ctx.createUser()
      await ctx.createUser() // another user, so the lookup has something to miss
      const found = await ctx.adapter.getUserByEmail(user.email)
      expect(found).toEqual(user)
      expectNoStorageAttributes(found, ctx.keys)
    })

    test("getUserByEmail returns null for an unknown email", async () => {
      expect(await ctx.adapter.getUserByEmail(`${unique("nobody")}@example.com`)).toBeNull()
    })

    test("updateUser sets the given fields, keeps the others and returns the whole user", async () => {
      const user = await ctx.createUser()
      const emailVerified = new Date("2025-01-02T03:04:05.006Z")
      const updated = await ctx.adapter.updateUser({ id: user.id, name: "Grace", emailVerified })
      expect(updated).toEqual({ ...user, name: "Grace", emailVerified })
      expectNoStorageAttributes(updated, ctx.keys)
      expect(await ctx.adapter.getUser(user.id)).toEqual(updated)
      const item = await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`)
      expect(item).toMatchObject({ name: "Grace", emailVerified: "2025-01-02T03:04:05.006Z" })
    })

    test("updateUser moves the email index when the email changes", async () => {
      const user = await ctx.createUser()
      const email = `${unique("moved")}@example.com`
      await ctx.adapter.updateUser({ id: user.id, email })
      expect(await ctx.adapter.getUserByEmail(email)).toEqual({ ...user, email })
      expect(await ctx.adapter.getUserByEmail(user.email)).toBeNull()
      expect(await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`)).toMatchObject(
        ctx.raw.keys(`USER#${user.id}`, `USER#${user.id}`, `USER#${email}`, `USER#${email}`),
      )
    })

    test("updateUser clearing the email takes the user out of the email index", async () => {
      const user = await ctx.createUser()
      const updated = await ctx.adapter.updateUser({ id: user.id, email: null } as never)
      expect(updated).toEqual({ ...user, email: null })
      expect(await ctx.adapter.getUserByEmail(user.email)).toBeNull()
      const item = await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`)
      expect(item).not.toHaveProperty(ctx.keys.indexPartitionKey)
      expect(item).not.toHaveProperty(ctx.keys.indexSortKey)
    })

    test("updateUser rejects with NOT_FOUND for an unknown id and creates nothing", async () => {
      const id = unique("nobody")
      const error = await Promise.resolve(ctx.adapter.updateUser({ id, name: "Ghost" })).catch(
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(AuthTableError)
      expect((error as AuthTableError).code).toBe("NOT_FOUND")
      expect((error as Error).message).toMatch(/^\[authtable\] Could not update user/)
      expect(await ctx.raw.get(`USER#${id}`, `USER#${id}`)).toBeUndefined()
    })

    test("updateUser skips undefined values", async () => {
      const user = await ctx.createUser()
      const updated = await ctx.adapter.updateUser({ id: user.id, name: undefined, image: "x.png" })
      expect(updated).toEqual({ ...user, image: "x.png" })
    })

    test("updateUser accepts attribute names that are not identifiers or are reserved", async () => {
      const user = await ctx.createUser()
      const fields = { "a-b": 1, "with space": "yes", status: "active", "#hash": true }
      const updated = await ctx.adapter.updateUser({ id: user.id, ...fields })
      expect(updated).toEqual({ ...user, ...fields })
      expect(await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`)).toMatchObject(fields)
    })

    test("updateUser with only an id returns the user unchanged", async () => {
      const user = await ctx.createUser()
      expect(await ctx.adapter.updateUser({ id: user.id })).toEqual(user)
    })

    test("updateUser never lets a field overwrite the key or index attributes", async () => {
      const user = await ctx.createUser()
      const { keys } = ctx
      const hostile = {
        id: user.id,
        [keys.partitionKey]: "USER#someone-else",
        [keys.sortKey]: "USER#someone-else",
        [keys.indexPartitionKey]: "USER#x@example.com",
        type: "SESSION",
      }
      await ctx.adapter.updateUser(hostile)
      expect(await ctx.raw.get(`USER#${user.id}`, `USER#${user.id}`)).toMatchObject({
        ...ctx.raw.keys(
          `USER#${user.id}`,
          `USER#${user.id}`,
          `USER#${user.email}`,
          `USER#${user.email}`,
        ),
        type: "USER",
      })
      expect(await ctx.adapter.getUserByEmail(user.email)).toEqual(user)
    })
  })
}
