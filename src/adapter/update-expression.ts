import type { Item } from "./layout.js"

/** The parts of an UpdateItem call that set (and remove) attributes. */
export interface SetExpression {
  UpdateExpression: string
  ExpressionAttributeNames: Record<string, string>
  ExpressionAttributeValues?: Record<string, unknown>
}

/**
 * `SET` for every attribute given, then `REMOVE` for every name in `remove`. Names and values go
 * through numbered placeholders, so any attribute name works (`a-b`, reserved words);
 * `undefined` values must already be dropped. Returns `undefined` when there is nothing to do.
 */
export function setExpression(
  attributes: Item,
  remove: readonly string[] = [],
): SetExpression | undefined {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const assignments: string[] = []
  Object.entries(attributes).forEach(([name, value], i) => {
    names[`#a${i}`] = name
    values[`:v${i}`] = value
    assignments.push(`#a${i} = :v${i}`)
  })
  const removals = remove.map((name, i) => {
    names[`#r${i}`] = name
    return `#r${i}`
  })
  const clauses = [
    assignments.length > 0 ? `SET ${assignments.join(", ")}` : "",
    removals.length > 0 ? `REMOVE ${removals.join(", ")}` : "",
  ].filter(Boolean)
  if (clauses.length === 0) return undefined
  return {
    UpdateExpression: clauses.join(" "),
    ExpressionAttributeNames: names,
    // DynamoDB rejects an empty ExpressionAttributeValues map.
    ...(assignments.length > 0 ? { ExpressionAttributeValues: values } : {}),
  }
}
