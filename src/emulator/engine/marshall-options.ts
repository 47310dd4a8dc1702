/**
 * The marshalling options authtable's clients use, the ones the Auth.js docs recommend:
 * empty strings and binaries are kept, `undefined` attributes are dropped, class instances
 * become maps. Bulk writes marshall with them too, so seeded items are what the client writes.
 */
export const marshallOptions = Object.freeze({
  convertEmptyValues: true,
  removeUndefinedValues: true,
  convertClassInstanceToMap: true,
})
