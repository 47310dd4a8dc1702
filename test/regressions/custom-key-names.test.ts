import { describe, expect, test } from "vitest"
import { customKeys } from "../_custom-keys.js"
import {
  accountData,
  authenticatorData,
  sessionData,
  userData,
  verificationTokenData,
} from "../contract/context.js"
import { officialAdapter } from "../contract/official.js"
import { expectNoStorageAttributes, rawTable } from "../contract/raw.js"
import { useTarget } from "../contract/target.js"

// @auth/dynamodb-adapter 2.11.3 filters only the default names (pk, sk, GSI1PK, GSI1SK) out of
// what it returns, and its deleteUser reads `item.sk`/`item.pk` whatever the key names are.

describe("custom key and index names", () => {
  const target = useTarget(customKeys)

  test("work in every method, and no returned object carries a key or index attribute", async () => {
    const { adapter, keys } = target()
    const clean = (object: unknown) => {
      expectNoStorageAttributes(object, keys)
      return object
    }
    const user = await adapter.createUser(userData())
    const account = accountData(user.id)
    const session = sessionData(user.id)
    const token = verificationTokenData()
    const authenticator = authenticatorData(user.id)
    await adapter.linkAccount(account)
    await adapter.createSession(session)
    await adapter.createVerificationToken(token)
    await adapter.createAuthenticator(authenticator)

    expect(clean(await adapter.getUser(user.id))).toEqual(user)
    expect(clean(await adapter.getUserByEmail(user.email))).toEqual(user)
    expect(clean(await adapter.getUserByAccount(account))).toEqual(user)
    expect(clean(await adapter.updateUser({ id: user.id, name: "New" }))).toMatchObject({
      name: "New",
    })
    expect(clean(await adapter.getAccount(account.providerAccountId, account.provider))).toEqual({
      ...account,
      id: expect.any(String),
    })
    const found = await adapter.getSessionAndUser(session.sessionToken)
    clean(found?.session)
    clean(found?.user)
    expect(found?.session).toEqual(session)
    const expires = new Date(session.expires.getTime() + 1000)
    clean(await adapter.updateSession({ sessionToken: session.sessionToken, expires }))
    clean(await adapter.getAuthenticator(authenticator.credentialID))
    for (const listed of await adapter.listAuthenticatorsByUserId(user.id)) clean(listed)
    clean(await adapter.updateAuthenticatorCounter(authenticator.credentialID, 3))
    expect(clean(await adapter.useVerificationToken(token))).toEqual(token)
    expect(clean(await adapter.unlinkAccount(account))).toMatchObject(account)
    expect(clean(await adapter.deleteSession(session.sessionToken))).toMatchObject({
      sessionToken: session.sessionToken,
    })
    expect(clean(await adapter.deleteUser(user.id))).toMatchObject({ id: user.id, name: "New" })
    expect(await rawTable(target().client, keys).partition(`USER#${user.id}`)).toEqual([])
  })

  test("the official adapter leaks the custom attributes and its deleteUser throws", async () => {
    const official = officialAdapter(target().client, customKeys)
    const user = await official.createUser(userData())
    const leaked = await official.getUser(user.id)
    expect(leaked).toMatchObject({ PK: `USER#${user.id}`, gsi1pk: `USER#${user.email}` })
    await expect(official.deleteUser(user.id)).rejects.toThrow(
      /key element does not match the schema/,
    )

    // Ours reads what the official wrote, cleanly, and deletes it.
    const ours = target().adapter
    expectNoStorageAttributes(await ours.getUser(user.id), target().keys)
    expect(await ours.deleteUser(user.id)).toEqual(user)
  })
})
