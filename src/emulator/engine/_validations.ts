/**
 * dynalite's value checks of a request (validations/index.js, checkValidations), without their
 * cost when they pass. dynalite walks the request against its operation's validations, testing
 * list and map types by regex at every level and building a new RegExp for every pattern it
 * checks (a table name, each time), 4–5 µs of a warm request's time in the engine.
 *
 * Here each operation's validations are compiled once into a test that answers only whether
 * dynalite's walk would find nothing wrong. When it would, the engine skips the walk and runs the
 * operation's own custom check (the part of checkValidations that reads the table and the
 * expressions) as dynalite would. When the test fails, or meets anything it does not know,
 * dynalite's checkValidations runs as before, so every error (its text, its order, the first ten
 * of them) stays dynalite's own. The test may fail a request dynalite passes (then dynalite
 * passes it), never the other way round.
 */

type Json = Record<string, unknown>

/** dynalite's checkValidations. */
export type CheckValidations = (
  data: object,
  validations: object,
  custom: Custom | undefined,
  store: unknown,
) => void
/** An operation's custom check: an error message, or nothing. */
export type Custom = (data: Json, store: unknown) => string | undefined | null
type Test = (data: unknown) => boolean

const fail: Test = () => false
const pass: Test = () => true

/** How dynalite measures a length: keys of an object, else `.length`. */
const lengthOf = (data: unknown) =>
  typeof data === "object" && !Array.isArray(data)
    ? Object.keys(data as object).length
    : (data as { length?: number }).length

/** Each of dynalite's validateFns as a test of `data` (not null, as dynalite calls them). */
const checks: Record<string, (bound: unknown) => Test> = {
  notNull: () => (data) => data != null,
  greaterThanOrEqual: (bound) => (data) => (data as number) >= (bound as number),
  lessThanOrEqual: (bound) => (data) => (data as number) <= (bound as number),
  regex: (pattern) => {
    const regex = RegExp(`^${pattern}$`)
    return (data) => regex.test(data as string)
  },
  lengthGreaterThanOrEqual: (bound) => (data) => (lengthOf(data) as number) >= (bound as number),
  lengthLessThanOrEqual: (bound) => (data) => (lengthOf(data) as number) <= (bound as number),
  // indexOf, as dynalite: strict equality (includes would take NaN for NaN).
  enum: (values) => (data) => (values as unknown[]).indexOf(data) !== -1,
  // A map's keys and values: dynalite reports a key or value that fails any constraint.
  keys: (constraints) => {
    const test = constraintsTest(constraints)
    return (data) => Object.keys(data as object).every(test)
  },
  values: (constraints) => {
    const test = constraintsTest(constraints)
    return (data) => Object.values(data as object).every((value) => value != null && test(value))
  },
}

/** All of a map's key or value constraints (`{ lengthLessThanOrEqual: 255, … }`) as one test. */
function constraintsTest(constraints: unknown): Test {
  if (typeof constraints !== "object" || constraints === null) return fail
  const tests = Object.entries(constraints).map(([name, bound]) =>
    name === "keys" || name === "values" ? fail : (checks[name]?.(bound) ?? fail),
  )
  return (data) => tests.every((test) => test(data))
}

/** Tests compiled so far, by validations object (dynalite's live as long as it does). */
const compiled = new WeakMap<object, Test>()

/** The test of one field's validations: dynalite's checkNonRequired for it. */
function compile(validations: unknown): Test {
  if (validations == null || typeof validations !== "object") return pass
  let test = compiled.get(validations)
  if (!test) {
    test = compileField(validations as Json)
    compiled.set(validations, test)
  }
  return test
}

function compileField(validations: Json): Test {
  const tests: Test[] = []
  let notNull = false
  for (const name in validations) {
    if (name === "type" || name === "required" || name === "tableName") continue
    if (name === "notNull") {
      notNull = true
      continue
    }
    if (name === "children") {
      const type = String(validations.type)
      const child = compile(validations.children)
      if (/List$/.test(type)) {
        // By index, as dynalite walks it (every() would skip a hole).
        tests.push((data) => {
          const list = data as unknown[]
          for (let i = 0; i < list.length; i++) if (!child(list[i])) return false
          return true
        })
      } else if (/Map/.test(type)) {
        tests.push((data) => Object.values(data as object).every((member) => child(member)))
      } else {
        tests.push(compileStruct(validations.children))
      }
      continue
    }
    const check = checks[name]
    // A validation dynalite has no function for throws there: let it.
    tests.push(check ? check(validations[name]) : fail)
  }
  return (data) => (data == null ? !notNull : tests.every((test) => test(data)))
}

/** dynalite's checkNonRequireds over a structure's fields. */
function compileStruct(fields: unknown): Test {
  if (fields == null || typeof fields !== "object") return pass
  const tests = Object.keys(fields).map((name) => {
    const test = compile((fields as Json)[name])
    return (data: unknown) => test((data as Json)[name])
  })
  return (data) => tests.every((test) => test(data))
}

/** An operation's test: required fields and table names, then every field's validations. */
const operationTests = new WeakMap<object, Test>()

function operationTest(validations: Json): Test {
  let test = operationTests.get(validations)
  if (!test) {
    const fields = compileStruct(validations)
    const required = Object.keys(validations).filter(
      (name) => (validations[name] as Json | null)?.required,
    )
    const tableNames = Object.keys(validations).filter(
      (name) => (validations[name] as Json | null)?.tableName,
    )
    test = (data) => {
      const request = data as Json
      for (const name of required) if (request[name] == null) return false
      for (const name of tableNames) {
        const value = request[name] as { length: number } | null | undefined
        if (value != null && (value.length < 3 || value.length > 255)) return false
      }
      return fields(data)
    }
    operationTests.set(validations, test)
  }
  return test
}

/**
 * `checkValidations(data, validations, custom, store)`: the same errors, the same custom check.
 * @param validationError dynalite's db.validationError, for the custom check's message.
 */
export function checkValidationsFaster(
  data: Json,
  validations: object,
  custom: Custom | undefined,
  store: unknown,
  checkValidations: CheckValidations,
  validationError: (message: string) => Error,
): void {
  let passes: boolean
  try {
    passes = operationTest(validations as Json)(data)
  } catch {
    // A shape the test did not expect: dynalite judges it.
    passes = false
  }
  if (!passes) {
    checkValidations(data, validations, custom, store)
    return
  }
  const message = custom?.(data, store)
  if (message) throw validationError(message)
}
