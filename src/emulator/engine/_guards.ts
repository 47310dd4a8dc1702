/**
 * Input guards: what would crash dynalite (deep recursion, `null` where an attribute value
 * belongs) or what AWS refuses before parsing (expressions over 4 KB) is answered here with the
 * error AWS gives, before dynalite sees it.
 */
import { type ApiResponse, validationError } from "./_protocol.js"

/** AWS's limit on nested attribute values (maps and lists). */
export const maxAttributeDepth = 32
/** AWS's limit on an expression string, in bytes. */
export const maxExpressionBytes = 4096
/**
 * Beyond this JSON depth no valid request exists (a request's own structure is a few levels,
 * plus two per attribute level), so deeper bodies are refused before anything recurses into them.
 */
const maxJsonDepth = 2 * maxAttributeDepth + 16

const expressionFields = [
  "ConditionExpression",
  "KeyConditionExpression",
  "FilterExpression",
  "ProjectionExpression",
  "UpdateExpression",
]
/** Fields holding a map of attribute values, wherever they appear in a request. */
const attributeMapFields = new Set([
  "Item",
  "Key",
  "ExpressionAttributeValues",
  "ExclusiveStartKey",
])
/** Fields holding a list of attribute maps or of attribute values. */
const attributeMapListFields = new Set(["Keys"])
const attributeListFields = new Set(["AttributeValueList"])
const attributeValueFields = new Set(["Value"])

const nestingError = () => validationError("Nesting Levels have exceeded supported limits")

/**
 * Checks a parsed request: JSON depth, attribute nesting (a `null` attribute value becomes `{}`,
 * which dynalite then refuses with AWS's text for an empty value) and expression sizes.
 * @returns the error to answer with, or `undefined` when the request may go on.
 */
export function guardRequest(data: Record<string, unknown>): ApiResponse | undefined {
  if (jsonDepthExceeds(data, maxJsonDepth)) return nestingError()
  return walkStructure(data)
}

/** Iterative, so an absurdly deep body cannot overflow the stack here either. */
function jsonDepthExceeds(root: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[root, 1]]
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number]
    if (typeof value !== "object" || value === null) continue
    if (depth > limit) return true
    for (const child of Object.values(value)) {
      if (typeof child === "object" && child !== null) stack.push([child, depth + 1])
    }
  }
  return false
}

/** Walks the request's own structure; attribute values are measured where they stand. */
function walkStructure(node: unknown): ApiResponse | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const problem = walkStructure(child)
      if (problem) return problem
    }
    return undefined
  }
  if (typeof node !== "object" || node === null) return undefined
  const record = node as Record<string, unknown>
  for (const [field, value] of Object.entries(record)) {
    let problem: ApiResponse | undefined
    if (attributeMapFields.has(field)) problem = checkAttributeMap(value)
    else if (attributeMapListFields.has(field) && Array.isArray(value)) {
      for (const map of value) problem ??= checkAttributeMap(map)
    } else if (attributeListFields.has(field) && Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) problem ??= checkAttributeValue(value, i, 1)
    } else if (attributeValueFields.has(field)) problem = checkAttributeValue(record, field, 1)
    else if (expressionFields.includes(field) && typeof value === "string") {
      problem = checkExpression(field, value)
    } else problem = walkStructure(value)
    if (problem) return problem
  }
  return undefined
}

function checkAttributeMap(map: unknown): ApiResponse | undefined {
  if (typeof map !== "object" || map === null || Array.isArray(map)) return undefined
  const record = map as Record<string, unknown>
  for (const name of Object.keys(record)) {
    const problem = checkAttributeValue(record, name, 1)
    if (problem) return problem
  }
  return undefined
}

/** Checks `holder[key]`, an attribute value at nesting `depth` (1 for a top-level attribute). */
function checkAttributeValue(
  holder: Record<string | number, unknown> | unknown[],
  key: string | number,
  depth: number,
): ApiResponse | undefined {
  const value = (holder as Record<string | number, unknown>)[key]
  if (value === null) {
    ;(holder as Record<string | number, unknown>)[key] = {}
    return undefined
  }
  if (typeof value !== "object" || Array.isArray(value)) return undefined
  const { M, L } = value as { M?: unknown; L?: unknown }
  const nested = (typeof M === "object" && M !== null) || Array.isArray(L)
  if (!nested) return undefined
  if (depth >= maxAttributeDepth) return nestingError()
  if (Array.isArray(L)) {
    for (let i = 0; i < L.length; i++) {
      const problem = checkAttributeValue(L, i, depth + 1)
      if (problem) return problem
    }
  }
  if (typeof M === "object" && M !== null && !Array.isArray(M)) {
    const map = M as Record<string, unknown>
    for (const name of Object.keys(map)) {
      const problem = checkAttributeValue(map, name, depth + 1)
      if (problem) return problem
    }
  }
  return undefined
}

/** AWS's size limit. (Deep parentheses are safe: the engine's parsers cache their results.) */
function checkExpression(field: string, expression: string): ApiResponse | undefined {
  const size = Buffer.byteLength(expression)
  if (size > maxExpressionBytes) {
    return validationError(
      `Invalid ${field}: Expression size has exceeded the maximum allowed size; expression size: ${size}`,
    )
  }
  return undefined
}
