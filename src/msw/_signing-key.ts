import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto"

/** A JWK as published under `jwks_uri`. */
export type PublicJwk = Record<string, unknown> & { kid: string; kty: string }

/** An RS256 key pair: signs id_tokens, publishes its public half as a JWK. */
export interface SigningKey {
  readonly kid: string
  readonly publicJwk: PublicJwk
  /** A compact JWS (RS256) of `claims`, with this key's `kid` in the header. */
  sign(claims: Record<string, unknown>): string
}

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url")

/** Generates a fresh 2048-bit RSA key: what Google and most OIDC providers sign with. */
export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 })
  const exported = publicKey.export({ format: "jwk" })
  const kid = createHash("sha256").update(String(exported.n)).digest("base64url").slice(0, 16)
  const publicJwk: PublicJwk = { ...exported, kty: "RSA", kid, alg: "RS256", use: "sig" }
  return {
    kid,
    publicJwk,
    sign: (claims) => signJwt(privateKey, kid, claims),
  }
}

function signJwt(privateKey: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const input = `${encode({ alg: "RS256", kid, typ: "JWT" })}.${encode(claims)}`
  return `${input}.${sign("sha256", Buffer.from(input), privateKey).toString("base64url")}`
}

/** OIDC `at_hash`: the left half of the SHA-256 of the access token, base64url. */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash("sha256").update(accessToken).digest()
  return digest.subarray(0, digest.length / 2).toString("base64url")
}
