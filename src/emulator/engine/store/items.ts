/**
 * The fast half of writing document-client items straight into the store: converts an item as
 * `marshall(item, marshallOptions)` would, normalised as dynalite's BatchWriteItem checks would
 * leave it, in one pass: the item in DynamoDB JSON and the text the store keeps of it, its key
 * attributes, and its size as dynalite counts it. It takes only the plain shapes
 * seeding produces (strings, safe numbers, booleans, null, arrays, plain objects) and answers
 * `undefined` for anything else (sets, binaries, bigints, class instances, NaN, …): the caller
 * then marshalls the item and lets dynalite's own validation judge it.
 */

import { createRequire } from "node:module"
import { flat } from "./memory-store.js"

const require = createRequire(import.meta.url)

/** The parts of big.js (dynalite's own copy) that dynalite's number checks use. */
interface BigNumber {
  /** Digits, without leading or trailing zeros. */
  c: number[]
  /** Exponent of the first digit. */
  e: number
  /** Sign: 1 or -1. */
  s: number
  toFixed(): string
}
const Big = createRequire(require.resolve("dynalite"))("big.js") as new (value: string) => BigNumber

/** An item in DynamoDB JSON, as dynalite stores it. */
export type WireItem = Record<string, unknown>

/** An item converted and normalised; see {@link convertItem}. */
export interface ConvertedItem {
  /** The item in DynamoDB JSON. */
  item: WireItem
  /** `JSON.stringify(item)`: the text the store keeps. */
  json: string
  /** The attributes named in `keyNames`, in DynamoDB JSON (the item's own values). */
  keys: WireItem
  /** Its size as dynalite counts it (db.itemSize). */
  size: number
}

// Size of the value being converted, in dynalite's units (db.itemSize, uncompressed).
let size = 0

/** dynalite's size of a number with `digits` significant digits and exponent `e`. */
function numberSize(digits: number, e: number, negative: boolean, zero: boolean): number {
  if (zero) return 1
  return 1 + Math.ceil(digits / 2) + (digits % 2 || e % 2 ? 0 : 1) + (negative ? 1 : 0)
}

/** The stored text of a number as dynalite's checkNum leaves it, or undefined to bail. */
function numberText(value: number): string | undefined {
  // marshall throws for these (and dynalite could not store them exactly): let it.
  if (!Number.isFinite(value) || !Number.isSafeInteger(Math.trunc(value))) return undefined
  const text = value.toString()
  if (Number.isInteger(value)) {
    // A safe integer prints as canonical digits, which dynalite's normalisation keeps as they are.
    const negative = text.charCodeAt(0) === 45
    const digits = negative ? text.slice(1) : text
    let end = digits.length
    while (end > 1 && digits.charCodeAt(end - 1) === 48) end--
    size += numberSize(end, digits.length - 1, negative, digits === "0")
    return text
  }
  // As dynalite's checkNum does: parse, check the range, keep toFixed(); size from the result.
  const parsed = new Big(text)
  if (parsed.e > 125 || parsed.e < -130 || parsed.c.length > 38) return undefined
  const normalised = parsed.toFixed()
  const stored = new Big(normalised)
  size += numberSize(stored.c.length, stored.e, stored.s === -1, stored.c[0] === 0)
  return normalised
}

function isPlainObject(value: object): value is Record<string, unknown> {
  // marshall maps an object by its enumerable properties when its constructor is named "Object"
  // or it has none; anything else (Set, Map, Date, binaries, class instances) is left to it, and
  // so are objects with an inherited prototype (for-in would walk it).
  const proto: unknown = Object.getPrototypeOf(value)
  const maker = (value as { constructor?: unknown }).constructor
  return proto === Object.prototype ? maker === Object : proto === null && maker === undefined
}

/** Sets an own attribute, as JSON.parse would: `__proto__` too, as a field and not the prototype. */
function setAttribute(map: WireItem, name: string, value: unknown): void {
  if (name === "__proto__") {
    Object.defineProperty(map, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else {
    map[name] = value
  }
}

/** A value's attribute value ({ S: … }, { N: … }, …), or undefined to bail. */
function convertValue(value: unknown): unknown {
  switch (typeof value) {
    case "string":
      // convertEmptyValues: an empty string is stored as NULL.
      if (value === "") {
        size += 1
        return { NULL: true }
      }
      size += value.length
      return { S: value }
    case "number": {
      const text = numberText(value)
      return text === undefined ? undefined : { N: text }
    }
    case "boolean":
      size += 1
      return { BOOL: value }
    case "object": {
      if (value === null) {
        size += 1
        return { NULL: true }
      }
      if (Array.isArray(value)) {
        const list: unknown[] = []
        size += 3
        for (const element of value) {
          // removeUndefinedValues; functions are always left out.
          if (element === undefined || typeof element === "function") continue
          size += 1
          const converted = convertValue(element)
          if (converted === undefined) return undefined
          list.push(converted)
        }
        return { L: list }
      }
      if (!isPlainObject(value)) return undefined
      size += 3
      const map = convertMap(value, true)
      return map === undefined ? undefined : { M: map }
    }
    default:
      return undefined
  }
}

/**
 * A map's attributes in DynamoDB JSON (`nested`: of an M value, whose size counts its
 * attributes; else of an item). Those named in `keyNames` are also put in `keys`.
 */
function convertMap(
  value: Record<string, unknown>,
  nested: boolean,
  keyNames?: ReadonlySet<string>,
  keys?: WireItem,
): WireItem | undefined {
  const map: WireItem = {}
  let count = 0
  for (const name in value) {
    const attribute = value[name]
    if (attribute === undefined || typeof attribute === "function") continue
    size += name.length
    const converted = convertValue(attribute)
    if (converted === undefined) return undefined
    setAttribute(map, name, converted)
    count++
    if (keys && keyNames?.has(name)) setAttribute(keys, name, converted)
  }
  if (nested) size += count
  return map
}

/**
 * `item` as `marshall(item, marshallOptions)` and then dynalite's BatchWriteItem checks would
 * leave it, with its JSON text, the attributes named in `keyNames` and dynalite's size of it; or
 * `undefined` when it holds anything but the plain shapes (then marshall it and let dynalite
 * judge). The text is `JSON.stringify`'s (text built by concatenation would be a tree of its pieces,
 * which takes a second copy to flatten), flattened at once as the store would flatten it: a bulk
 * write's values wait for their whole batch, and a string flattened only then, once older, keeps
 * its tree's top alive (100,000 items on Node 20: 3 MB more live heap and 50 MB more RSS).
 */
export function convertItem(
  item: unknown,
  keyNames: ReadonlySet<string>,
): ConvertedItem | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item) || !isPlainObject(item)) {
    return undefined
  }
  size = 0
  const keys: WireItem = {}
  const converted = convertMap(item, false, keyNames, keys)
  return converted === undefined
    ? undefined
    : { item: converted, json: flat(JSON.stringify(converted)), keys, size }
}
