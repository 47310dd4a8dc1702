import type { Item } from "./layout.js"

/** The parts of an UpdateItem call that set attributes. */
export interface SetExpression {
  UpdateExpression: string
  ExpressionAttributeNames: Record<string, string>
  ExpressionAttributeValues: Record<string, unknown>
}

/**
 * `SET` for every attribute given. Names and values go through numbered placeholders, so any
 * attribute name works (`a-b`, reserved words); `undefined` values must already be dropped.
 * Returns `undefined` when there is nothing to set.
 */
export function setExpression(attributes: Item): SetExpression | undefined {
  const names: Record<string, string> = {}
  const values: Record<string, unknown> = {}
  const assignments: string[] = []
  Object.entries(attributes).forEach(([name, value], i) => {
    names[`#a${i}`] = name
    values[`:v${i}`] = value
    assignments.push(`#a${i} = :v${i}`)
  })
  if (assignments.length === 0) return undefined
  return {
    UpdateExpression: `SET ${assignments.join(", ")}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  }
}
