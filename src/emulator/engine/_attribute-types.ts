/**
 * dynalite's type checks (validations/index.js, checkTypes) of a request's attribute value maps
 * (`Item`, `Key`, `ExpressionAttributeValues`, …), without their cost: for each attribute value
 * dynalite matches its type names against a regex three times and builds a new type description
 * with ten children, about a tenth of a warm PutItem's time in the engine.
 *
 * Only values whose result is plain are checked here: one type key of S, N, BOOL, NULL, SS, NS,
 * L or M with a value of the right JSON type. Anything else (B and BS, which dynalite checks as
 * base64; a string where a boolean belongs, which it converts; nulls; extra keys; wrong types) is
 * left to dynalite's checkTypes, so every error and every conversion stays dynalite's own. For
 * the values checked here the result is what dynalite's would be: new objects and arrays with the
 * same keys in the same order.
 */

/** A check of the request's types: dynalite's checkTypes. */
export type CheckTypes = (data: object, types: object) => object

type Json = Record<string, unknown>

/** The type description dynalite gives every map of attribute values. */
const isAttributeMapType = (type: unknown): boolean =>
  typeof type === "object" &&
  type !== null &&
  (type as Json).type === "Map<AttributeValue>" &&
  (type as Json).children === "AttrStruct<ValueStruct>"

/** The fields of an operation's types that are maps of attribute values, by types object. */
const attributeMapFieldsOf = new WeakMap<object, readonly string[]>()

function attributeMapFields(types: object): readonly string[] {
  let fields = attributeMapFieldsOf.get(types)
  if (!fields) {
    fields = Object.keys(types).filter((field) => isAttributeMapType((types as Json)[field]))
    attributeMapFieldsOf.set(types, fields)
  }
  return fields
}

/** Marks a value dynalite must check itself. */
const declined = Symbol("declined")
type Checked = Json | typeof declined

/**
 * `checkTypes(data, types)`, with the attribute value maps among `types`' top-level fields
 * checked here when every value in them is plain. Same result, same errors, same changes to
 * `data` (dynalite deletes the fields it does not know).
 */
export function checkTypesFaster(data: Json, types: object, checkTypes: CheckTypes): Json {
  const fields = attributeMapFields(types)
  const maps: [string, Json][] = []
  for (const field of fields) {
    const value = data[field]
    if (value == null) continue
    const checked = attributeMap(value)
    if (checked === declined) return checkTypes(data, types) as Json
    maps.push([field, checked])
  }
  // A field named __proto__ would set the copy's prototype below: dynalite checks such a request.
  if (maps.length === 0 || Object.hasOwn(data, "__proto__")) return checkTypes(data, types) as Json
  // dynalite would keep these fields (known, not null) and cannot fail on them: it checks the
  // rest, as a copy, and what it deletes from the copy is deleted from the request too.
  const isChecked = (key: string) => maps.some(([field]) => field === key)
  const rest: Json = {}
  for (const key in data) if (!isChecked(key)) rest[key] = data[key]
  let result: Json
  try {
    result = checkTypes(rest, types) as Json
  } finally {
    // Also when it throws: it deletes unknown fields before checking any.
    for (const key of Object.keys(data)) {
      if (!Object.hasOwn(rest, key) && !isChecked(key)) delete data[key]
    }
  }
  for (const [field, checked] of maps) result[field] = checked
  return result
}

/** A map of attribute values (`Map<AttributeValue>`), or `declined`. */
function attributeMap(map: unknown): Checked {
  if (typeof map !== "object" || map === null || Array.isArray(map)) return declined
  const result: Json = {}
  for (const name of Object.keys(map)) {
    const checked = attributeValue((map as Json)[name])
    if (checked === declined) return declined
    result[name] = checked
  }
  return result
}

/** One attribute value (`AttrStruct<ValueStruct>`), or `declined`. */
function attributeValue(value: unknown): Checked {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return declined
  const keys = Object.keys(value)
  if (keys.length !== 1) return declined
  const type = keys[0] as string
  const inner = (value as Json)[type]
  switch (type) {
    case "S":
      return typeof inner === "string" ? { S: inner } : declined
    case "N":
      return typeof inner === "string" ? { N: inner } : declined
    case "BOOL":
      return typeof inner === "boolean" ? { BOOL: inner } : declined
    case "NULL":
      return typeof inner === "boolean" ? { NULL: inner } : declined
    case "SS":
    case "NS": {
      if (!Array.isArray(inner) || !inner.every((member) => typeof member === "string")) {
        return declined
      }
      return type === "SS" ? { SS: [...inner] } : { NS: [...inner] }
    }
    case "L": {
      if (!Array.isArray(inner)) return declined
      const list: Json[] = new Array(inner.length)
      for (let i = 0; i < inner.length; i++) {
        const checked = attributeValue(inner[i])
        if (checked === declined) return declined
        list[i] = checked
      }
      return { L: list }
    }
    case "M": {
      const checked = attributeMap(inner)
      return checked === declined ? declined : { M: checked }
    }
    default:
      return declined
  }
}
