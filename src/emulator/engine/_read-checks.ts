/**
 * Query's and Scan's checks that AWS makes and dynalite does not. Where AWS's text is not in its
 * documentation, the text follows AWS's wording of the same rule for the legacy parameters.
 */
import { type ApiResponse, validationError } from "./_protocol.js"
import type { DynaliteTable } from "./store/types.js"

type Attributes = Record<string, unknown>

/** Select's combinations with a projection and an index. */
export function checkSelect(
  checked: Attributes,
  verb: "Querying" | "Scanning",
): ApiResponse | undefined {
  const select = checked.Select as string | undefined
  if (select === undefined) return undefined
  const projection =
    checked.ProjectionExpression !== undefined
      ? "ProjectionExpression"
      : checked.AttributesToGet !== undefined
        ? "AttributesToGet"
        : undefined
  if (select === "SPECIFIC_ATTRIBUTES" && !projection) {
    return validationError(
      "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES",
    )
  }
  if (select !== "SPECIFIC_ATTRIBUTES" && projection) {
    const what = select === "COUNT" ? "only the Count" : select
    return validationError(`Cannot specify the ${projection} when choosing to get ${what}`)
  }
  if (select === "ALL_PROJECTED_ATTRIBUTES" && checked.IndexName === undefined) {
    return validationError(
      `ALL_PROJECTED_ATTRIBUTES can be used only when ${verb} using an IndexName`,
    )
  }
  return undefined
}

/** Segment 0 without TotalSegments (dynalite only notices a non-zero Segment). */
export function checkScan(checked: Attributes): ApiResponse | undefined {
  if (checked.Segment !== undefined && checked.TotalSegments === undefined) {
    return validationError(
      "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
    )
  }
  return undefined
}

/** A Query whose partition key condition is an empty string (or binary). */
export async function checkQueryKey(
  checked: Attributes,
  tableOf: (name: unknown) => Promise<DynaliteTable | undefined>,
): Promise<ApiResponse | undefined> {
  const conditions = (checked.KeyConditions ?? {}) as Record<
    string,
    { AttributeValueList?: Attributes[] }
  >
  const empty = Object.entries(conditions).filter(([, condition]) =>
    (condition.AttributeValueList ?? []).some((value) => value.S === "" || value.B === ""),
  )
  if (empty.length === 0) return undefined
  const table = await tableOf(checked.TableName)
  if (!table) return undefined
  const indexName = checked.IndexName as string | undefined
  const index = [
    ...(table.GlobalSecondaryIndexes ?? []),
    ...(table.LocalSecondaryIndexes ?? []),
  ].find((found) => found.IndexName === indexName)
  const schema = indexName === undefined ? table.KeySchema : index?.KeySchema
  const partitionKey = schema?.[0]?.AttributeName
  const found = empty.find(([attribute]) => attribute === partitionKey)
  if (!found) return undefined
  const kind = found[1].AttributeValueList?.some((value) => value.B === "") ? "binary" : "string"
  if (indexName === undefined) {
    // dynalite's text for an empty key value.
    return validationError(
      `One or more parameter values were invalid: The AttributeValue for a key attribute cannot contain an empty ${kind} value. Key: ${partitionKey}`,
    )
  }
  return validationError(
    `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${kind} value. IndexName: ${indexName}, IndexKey: ${partitionKey}`,
  )
}
