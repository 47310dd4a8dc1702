import { isDate } from "@auth/core/adapters"
import { describe, expect, test } from "vitest"
import { isIsoDate } from "../../src/adapter/_iso-date.js"

const samples: unknown[] = [
  "2026-11-28T11:03:31.123Z",
  "2026-11-28T11:03:31Z",
  "2026-11-28T11:03Z",
  "2026-11-28T11:03:31.123+02:00",
  "2026-11-28T11:03:31-05:30",
  "2026-11-28",
  "2026-11-28T11:03:31",
  "2026-13-45T11:03:31Z",
  "2026-02-30T11:03:31Z",
  "on 2026-11-28T11:03:31Z, said the log",
  "USER#2026-11-28T11:03:31Z",
  "hello",
  "",
  1_764_327_811,
  null,
  undefined,
  new Date(0),
  { toString: () => "2026-11-28T11:03:31Z" },
]

describe("isIsoDate", () => {
  test("agrees with @auth/core's isDate on every sample", () => {
    expect(samples.map(isIsoDate)).toEqual(samples.map((value) => isDate(value)))
  })

  test("accepts what toISOString() writes", () => {
    expect(isIsoDate(new Date(1_764_327_811_123).toISOString())).toBe(true)
  })
})
