/**
 * The fast half of writing document-client items straight into the store: converts an item as
 * `marshall(item, marshallOptions)` would and normalises it as dynalite's BatchWriteItem checks
 * would, in one pass, measuring its size as dynalite does. It takes only the plain shapes
 * seeding produces (strings, safe numbers, booleans, null, arrays, plain objects) and answers
 * `undefined` for anything else (sets, binaries, bigints, class instances, NaN, …): the caller
 * then marshalls the item and lets dynalite's own validation judge it.
 */

import { createRequire } from "node:module"

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

/** An item converted and normalised, with its size as dynalite counts it. */
export interface ConvertedItem {
  item: WireItem
  size: number
}

// Size of the value being converted, in dynalite's units (db.itemSize, uncompressed).
let size = 0

/** dynalite's size of a number with `digits` significant digits and exponent `e`. */
function numberSize(digits: number, e: number, negative: boolean, zero: boolean): number {
  if (zero) return 1
  return 1 + Math.ceil(digits / 2) + (digits % 2 || e % 2 ? 0 : 1) + (negative ? 1 : 0)
}

function convertNumber(value: number): { N: string } | undefined {
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
    return { N: text }
  }
  // As dynalite's checkNum does: parse, check the range, keep toFixed(); size from the result.
  const parsed = new Big(text)
  if (parsed.e > 125 || parsed.e < -130 || parsed.c.length > 38) return undefined
  const normalised = parsed.toFixed()
  const stored = new Big(normalised)
  size += numberSize(stored.c.length, stored.e, stored.s === -1, stored.c[0] === 0)
  return { N: normalised }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  // marshall maps an object by its enumerable properties when its constructor is named "Object"
  // or it has none; anything else (Set, Map, Date, binaries, class instances) is left to it, and
  // so are objects with an inherited prototype (for-in would walk it).
  const proto: unknown = Object.getPrototypeOf(value)
  const maker = (value as { constructor?: unknown }).constructor
  return proto === Object.prototype ? maker === Object : proto === null && maker === undefined
}

function convertValue(value: unknown): object | undefined {
  switch (typeof value) {
    case "string":
      size += value === "" ? 1 : value.length
      // convertEmptyValues: an empty string is stored as NULL.
      return value === "" ? { NULL: true } : { S: value }
    case "number":
      return convertNumber(value)
    case "boolean":
      size += 1
      return { BOOL: value }
    case "object": {
      if (value === null) {
        size += 1
        return { NULL: true }
      }
      if (Array.isArray(value)) {
        const list: object[] = []
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
      const map = convertMap(value)
      if (map === undefined) return undefined
      size += Object.keys(map).length
      return { M: map }
    }
    default:
      return undefined
  }
}

function convertMap(value: Record<string, unknown>): WireItem | undefined {
  const map: WireItem = {}
  for (const name in value) {
    const attribute = value[name]
    if (attribute === undefined || typeof attribute === "function") continue
    size += name.length
    const converted = convertValue(attribute)
    if (converted === undefined) return undefined
    map[name] = converted
  }
  return map
}

/**
 * `item` as `marshall(item, marshallOptions)` and then dynalite's BatchWriteItem checks would
 * leave it, with dynalite's size of it; or `undefined` when it holds anything but the plain
 * shapes (then marshall it and let dynalite judge).
 */
export function convertItem(item: unknown): ConvertedItem | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item) || !isPlainObject(item)) {
    return undefined
  }
  size = 0
  const converted = convertMap(item)
  return converted === undefined ? undefined : { item: converted, size }
}
