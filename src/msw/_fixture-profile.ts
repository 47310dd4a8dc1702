import { createFixtures, type ProfileProvider, type ProviderPayloads } from "../fixtures/index.js"

/** The seed a mock's default person comes from when none is given. */
export const defaultProfileSeed = 1

/**
 * The provider payload `createFixtures({ seed }).providerProfile(provider).profile` returns,
 * so that a test building the same fixtures gets the same person the mock signs in.
 */
export function fixtureProfile<P extends ProfileProvider>(
  provider: P,
  seed: number = defaultProfileSeed,
): ProviderPayloads[P] {
  return createFixtures({ seed }).providerProfile(provider).profile
}
