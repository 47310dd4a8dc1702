/**
 * `isDate` of `@auth/core/adapters`, the test the official adapter uses to turn stored ISO
 * strings back into Dates. Kept here rather than imported because @auth/core ships ES modules
 * only, and authtable/adapter has a CommonJS build (for Jest) that must not `require` them.
 * A test compares the two on the same inputs.
 */
export function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && isoDate.test(value) && !Number.isNaN(Date.parse(value))
}

/** @auth/core's pattern: date, hours and minutes, optional seconds and fraction, then a zone. */
const isoDate =
  /(\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d\.\d+([+-][0-2]\d:[0-5]\d|Z))|(\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d:[0-5]\d([+-][0-2]\d:[0-5]\d|Z))|(\d{4}-[01]\d-[0-3]\dT[0-2]\d:[0-5]\d([+-][0-2]\d:[0-5]\d|Z))/
