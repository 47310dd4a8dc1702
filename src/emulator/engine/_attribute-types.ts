/**
 * dynalite's type checks of a request (validations/index.js, checkTypes), without their cost:
 * dynalite walks each request against its operation's type descriptions, matching every type's
 * name against a regex and, for every attribute value, building a new type description with ten
 * children. That was about a tenth of a warm PutItem's time in the engine, and 15 µs of a
 * one-item BatchWriteItem's, whose items sit three levels down (RequestItems → a list of write
 * requests → PutRequest → Item).
 *
 * Here each type description is compiled once into a check, and a request's fields are checked
 * by those. A check takes only values whose result is plain, the same as dynalite's and with
 * nothing of the request changed: strings, booleans and numbers where they belong; lists; maps
 * without null values; structures whose every field is known and not null; attribute values of
 * one type key (S, N, BOOL, NULL, SS, NS, L or M) with a value of the right JSON type. It
 * declines anything else (a B or BS, which dynalite checks as base64; a string where a boolean
 * belongs, which dynalite converts; a null or an unknown field, which dynalite drops from the
 * request; any wrong type), and the top-level field that holds it goes to dynalite's checkTypes,
 * so every error and every conversion stays dynalite's own.
 */

/** A check of the request's types: dynalite's checkTypes. */
export type CheckTypes = (data: object, types: object) => object

type Json = Record<string, unknown>

/** Marks a value dynalite must check itself. Every check declines null and undefined. */
const declined = Symbol("declined")
type Check = (value: unknown) => unknown

const decline: Check = () => declined

/** A type description as dynalite writes them: a name, or a name with children. */
type Description = string | { type?: string; children?: unknown }

/** Compiled checks of a type name without children (dynalite's leaf cases), by name. */
const leaves: Record<string, Check> = {
  String: (value) => (typeof value === "string" ? value : declined),
  Boolean: (value) => (typeof value === "boolean" ? value : declined),
  Double: (value) => (typeof value === "number" ? value : declined),
  Integer: (value) => (typeof value === "number" ? Math.floor(value) : declined),
  Long: (value) => (typeof value === "number" ? Math.floor(value) : declined),
  Short: (value) => (typeof value === "number" ? Math.floor(value) : declined),
}

const isMap = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** Checks compiled so far, by description object (dynalite's `types` live as long as it does). */
const compiled = new WeakMap<object, Check>()

/** The check of a type description, read as dynalite's checkType reads it. */
function compile(description: Description): Check {
  if (typeof description === "string") return compileNamed(description, undefined)
  let check = compiled.get(description)
  if (!check) {
    const children =
      typeof description.children === "string"
        ? { type: description.children }
        : description.children
    check = compileNamed(description.type ?? "", children)
    compiled.set(description, check)
  }
  return check
}

function compileNamed(name: string, children: unknown): Check {
  const [, base = name, subtype] = /(.+?)<(.+)>$/.exec(name) ?? []
  switch (base) {
    case "AttrStruct":
      return subtype === "ValueStruct" ? attributeValue : decline
    case "List":
    case "ParameterizedList":
      return listOf(compile(children as Description))
    case "Map":
    case "ParameterizedMap":
      return mapOf(compile(children as Description))
    case "ValueStruct":
    case "FieldStruct": {
      if (!isMap(children)) return decline
      const fields = Object.keys(children).map(
        (field) => [field, compile(children[field] as Description)] as const,
      )
      return (value) => {
        if (!isMap(value)) return declined
        // dynalite drops unknown and null fields from the request itself: let it.
        for (const key in value)
          if (!Object.hasOwn(children, key) || value[key] == null) return declined
        const struct: Json = {}
        for (const [field, check] of fields) {
          if (value[field] === undefined) continue
          const checked = check(value[field])
          if (checked === declined) return declined
          struct[field] = checked
        }
        return struct
      }
    }
    default:
      return children === undefined ? (leaves[base] ?? decline) : decline
  }
}

/** The check of a list whose members `child` checks. */
function listOf(child: Check): Check {
  return (value) => {
    if (!Array.isArray(value)) return declined
    const list: unknown[] = new Array(value.length)
    for (let i = 0; i < value.length; i++) {
      const checked = child(value[i])
      if (checked === declined) return declined
      list[i] = checked
    }
    return list
  }
}

/** The check of a map whose values `child` checks. */
function mapOf(child: Check): Check {
  return (value) => {
    if (!isMap(value)) return declined
    const map: Json = {}
    for (const key of Object.keys(value)) {
      const checked = child(value[key])
      if (checked === declined) return declined
      // As dynalite assigns it: a key named __proto__ sets the copy's prototype there too.
      map[key] = checked
    }
    return map
  }
}

const attributeList = listOf(attributeValue)
const attributeMap = mapOf(attributeValue)

/** One attribute value (`AttrStruct<ValueStruct>`), or `declined`. */
function attributeValue(value: unknown): unknown {
  if (!isMap(value)) return declined
  const keys = Object.keys(value)
  if (keys.length !== 1) return declined
  const type = keys[0] as string
  const inner = value[type]
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
      const list = attributeList(inner)
      return list === declined ? declined : { L: list }
    }
    case "M": {
      const map = attributeMap(inner)
      return map === declined ? declined : { M: map }
    }
    default:
      return declined
  }
}

/** An operation's fields with their checks, in the order dynalite checks them, by types object. */
const fieldsOf = new WeakMap<object, readonly (readonly [string, Check])[]>()

function fieldChecks(types: Record<string, Description>) {
  let fields = fieldsOf.get(types)
  if (!fields) {
    fields = Object.keys(types).map(
      (field) => [field, compile(types[field] as Description)] as const,
    )
    fieldsOf.set(types, fields)
  }
  return fields
}

/**
 * `checkTypes(data, types)`: the same result (its fields in the same order), the same errors and
 * the same change to `data` (dynalite deletes the fields it does not know, and null ones).
 */
export function checkTypesFaster(data: Json, types: object, checkTypes: CheckTypes): Json {
  const described = types as Record<string, Description>
  // dynalite's own first step, the one change it makes to the request.
  for (const key in data) if (!described[key] || data[key] == null) delete data[key]
  const fields = fieldChecks(described)
  const checked: Json = {}
  let theirs: Json | undefined
  for (const [field, check] of fields) {
    const value = data[field]
    if (value == null) continue
    const result = check(value)
    if (result !== declined) {
      checked[field] = result
    } else {
      theirs ??= {}
      theirs[field] = value
    }
  }
  if (!theirs) return checked
  // Fields checked here cannot fail, so dynalite's first error among the rest is its first error.
  const fromDynalite = checkTypes(theirs, types) as Json
  const result: Json = {}
  for (const [field] of fields) {
    if (field in checked) result[field] = checked[field]
    else if (field in fromDynalite) result[field] = fromDynalite[field]
  }
  return result
}
