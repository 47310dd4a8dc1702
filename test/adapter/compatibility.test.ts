import { describe, expect, test } from "vitest"
import {
  accountData,
  sessionData,
  unique,
  userData,
  verificationTokenData,
} from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { rawTable } from "../contract/raw.js"
import { useTarget } from "../contract/target.js"

// authtable is a drop-in for @auth/dynamodb-adapter 2.11.3: on one table (default keys), each
// reads what the other wrote. The official createUser ignores the given id, so users it creates
// are looked up by the id it returns.
describe("compatibility with @auth/dynamodb-adapter", () => {
  const target = useTarget()
  const ours = () => target().adapter
  const official = () => officialAdapter(target().client)
  const raw = () => rawTable(target().client, target().keys)

  describe("users", () => {
    test("ours reads a user the official adapter wrote", async () => {
      const user = await official().createUser(userData())
      expect(await ours().getUser(user.id)).toEqual(user)
      expect(await ours().getUserByEmail(user.email)).toEqual(user)
    })

    test("the official adapter reads a user ours wrote", async () => {
      const user = await ours().createUser(userData())
      expect(await official().getUser(user.id)).toEqual(user)
      expect(await official().getUserByEmail(user.email)).toEqual(user)
    })

    test("both store the same user item", async () => {
      const user = await official().createUser(userData())
      const theirs = await raw().get(`USER#${user.id}`, `USER#${user.id}`)
      await ours().createUser(user)
      expect(await raw().get(`USER#${user.id}`, `USER#${user.id}`)).toEqual(theirs)
    })

    test("each deletes a user the other wrote, with its account and session", async () => {
      for (const [writer, deleter] of [
        [official(), ours()],
        [ours(), official()],
      ] as const) {
        const user = await writer.createUser(userData())
        await writer.linkAccount(accountData(user.id))
        await writer.createSession(sessionData(user.id))
        expect(await deleter.deleteUser(user.id)).toEqual(user)
        expect(await raw().partition(`USER#${user.id}`)).toEqual([])
      }
    })
  })

  describe("accounts", () => {
    test("ours reads an account the official adapter linked", async () => {
      const user = await official().createUser(userData())
      const account = accountData(user.id)
      await official().linkAccount(account)
      expect(await ours().getUserByAccount(account)).toEqual(user)
      expect(await ours().getAccount(account.providerAccountId, account.provider)).toEqual({
        ...account,
        id: expect.any(String),
      })
      expect(await ours().unlinkAccount(account)).toMatchObject(account)
      expect(await official().getUserByAccount(account)).toBeNull()
    })

    test("the official adapter reads an account ours linked", async () => {
      const user = await ours().createUser(userData())
      const account = accountData(user.id)
      await ours().linkAccount(account)
      expect(await official().getUserByAccount(account)).toEqual(user)
      expect(await official().unlinkAccount(account)).toEqual({
        ...account,
        id: expect.any(String),
      })
      expect(await ours().getUserByAccount(account)).toBeNull()
    })

    test("both store the same account item, up to its random id", async () => {
      const user = await ours().createUser(userData())
      const account = accountData(user.id)
      const key = [`USER#${user.id}`, `ACCOUNT#github#${account.providerAccountId}`] as const
      await official().linkAccount(account)
      const { id: _theirId, ...theirs } = (await raw().get(...key)) ?? {}
      await ours().linkAccount(account)
      const { id: _ourId, ...mine } = (await raw().get(...key)) ?? {}
      expect(mine).toEqual(theirs)
    })
  })

  describe("sessions", () => {
    test("ours reads, updates and deletes a session the official adapter created", async () => {
      const user = await official().createUser(userData())
      const session = sessionData(user.id)
      await official().createSession(session)
      expect(await ours().getSessionAndUser(session.sessionToken)).toEqual({ session, user })
      const expires = new Date(session.expires.getTime() + 60_000)
      await ours().updateSession({ sessionToken: session.sessionToken, expires })
      expect((await official().getSessionAndUser(session.sessionToken))?.session.expires).toEqual(
        expires,
      )
      expect(await ours().deleteSession(session.sessionToken)).toEqual({ ...session, expires })
    })

    test("the official adapter reads, updates and deletes a session ours created", async () => {
      const user = await ours().createUser(userData())
      const session = sessionData(user.id)
      await ours().createSession(session)
      expect(await official().getSessionAndUser(session.sessionToken)).toEqual({ session, user })
      const expires = new Date(session.expires.getTime() + 60_000)
      await official().updateSession({ sessionToken: session.sessionToken, expires })
      expect((await ours().getSessionAndUser(session.sessionToken))?.session.expires).toEqual(
        expires,
      )
      expect(await official().deleteSession(session.sessionToken)).toEqual({ ...session, expires })
    })

    test("both store the same session item", async () => {
      const session = sessionData(unique("user"))
      const key = [`USER#${session.userId}`, `SESSION#${session.sessionToken}`] as const
      await official().createSession(session)
      const theirs = await raw().get(...key)
      await ours().createSession(session)
      expect(await raw().get(...key)).toEqual(theirs)
    })
  })

  describe("verification tokens", () => {
    test("ours uses a token the official adapter created", async () => {
      const token = verificationTokenData()
      await official().createVerificationToken(token)
      expect(await ours().useVerificationToken(token)).toEqual(token)
      expect(await official().useVerificationToken(token)).toBeNull()
    })

    test("the official adapter uses a token ours created", async () => {
      const token = verificationTokenData()
      await ours().createVerificationToken(token)
      expect(await official().useVerificationToken(token)).toEqual(token)
      expect(await ours().useVerificationToken(token)).toBeNull()
    })

    test("both store the same token item", async () => {
      const token = verificationTokenData()
      const key = [`VT#${token.identifier}`, `VT#${token.token}`] as const
      await official().createVerificationToken(token)
      const theirs = await raw().get(...key)
      await ours().createVerificationToken(token)
      expect(await raw().get(...key)).toEqual(theirs)
    })
  })
})
