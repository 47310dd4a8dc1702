/**
 * A cache of dynalite's expression parses. The same code sends the same expressions thousands of
 * times with other values; dynalite's PEG parsers parse each one again. A parse depends on the
 * expression, the name map and only the *types* of the values (its checks ask getType), except
 * where BETWEEN compares its bounds or attribute_type reads its argument: those are never cached.
 * So a successful parse is kept under (parser, expression, names, value keys and types) as a
 * template with the values left out, and a later request gets a copy with its own values bound,
 * and the same marks on the context (names and values used) as a parse would leave. A parse that
 * fails is never cached: it runs again against the request's own context, so error texts (which
 * may quote values) are dynalite's own.
 *
 * The parsers are shared modules: the cache is used only while {@link ExpressionCache.run} runs
 * the engine's (synchronous) validation, so any other dynalite in the process parses as it would.
 *
 * A hit is on a request's path, twice for an UpdateItem with a condition: it is found by the
 * expression, then by comparing the name map and the value types in place (no key is built),
 * and bound by a plain copy of the few nodes of a parse (a map of nodes seen only for a tree that
 * shares a node).
 */

import { createRequire } from "node:module"

const require = createRequire(import.meta.url)

/** What dynalite's validations pass to a parser (validations/index.js, parse()). */
interface ParseContext {
  attrNames?: Record<string, string>
  attrVals?: Record<string, Record<string, unknown>>
  unusedAttrNames: Record<string, boolean>
  unusedAttrVals: Record<string, boolean>
  [other: string]: unknown
}
interface ParserModule {
  parse(input: string, options: { context: ParseContext }): unknown
}

/** A parse with the values taken out: where each value went is a {@link Slot}. */
interface Template {
  tree: unknown
  usedNames: string[]
  usedValues: string[]
  /** Whether a node of the tree is reached twice (a copy must keep it one node). */
  shares: boolean
  /** The name map it was learnt with, as [placeholder, name] in order; undefined for none. */
  names: [string, string][] | undefined
  /** The values' placeholders and the type keys of each, in order. */
  types: [string, string[]][]
}
class Slot {
  constructor(readonly name: string) {}
}

/** Expressions whose parse reads the values themselves, not only their types. */
const readsValues = /between|attribute_type/i
/** Beyond this many templates, start again (a test suite sends a few dozen). */
const maxTemplates = 1000

export interface ExpressionCache {
  /** Runs `validate` (dynalite's checkValidations) with cached parses. */
  run<T>(validate: () => T): T
}

/**
 * Installs the cache on dynalite's three expression parsers, once per process: dynalite's
 * modules are shared by every copy of this module (a test runner may evaluate it once per file).
 */
export function expressionCache(): ExpressionCache {
  const global = globalThis as { [installed]?: ExpressionCache }
  global[installed] ??= install()
  return global[installed]
}
const installed = Symbol.for("authtable.expression-cache")

function install(): ExpressionCache {
  let active = false
  let size = 0
  const byParser: Map<string, Template[]>[] = []
  for (const name of ["conditionParser", "updateParser", "projectionParser"]) {
    const parser = require(`dynalite/db/${name}`) as ParserModule
    const parse = parser.parse
    /** This parser's templates by expression; an expression has one per name map and types. */
    const templates = new Map<string, Template[]>()
    byParser.push(templates)
    parser.parse = (input, options) =>
      active ? cachedParse(input, options.context) : parse(input, options)

    function cachedParse(input: string, context: ParseContext): unknown {
      if (readsValues.test(input)) return parse(input, { context })
      const values = context.attrVals
      const learnt = templates.get(input)
      let template = learnt?.find((t) => fits(t, context.attrNames, values))
      if (!template) {
        template = learn(input, context)
        if (!template) return parse(input, { context })
        if (size >= maxTemplates) {
          for (const other of byParser) other.clear()
          size = 0
        }
        const same = templates.get(input)
        if (same) same.push(template)
        else templates.set(input, [template])
        size++
      }
      for (const name of template.usedNames) delete context.unusedAttrNames[name]
      for (const name of template.usedValues) delete context.unusedAttrVals[name]
      return template.shares
        ? bindShared(template.tree, values ?? {}, new Map())
        : bind(template.tree, values ?? {})
    }

    /** Parses against a copy of the context to learn what the expression uses; no side effects. */
    function learn(input: string, context: ParseContext): Template | undefined {
      const names = context.attrNames ?? {}
      const values = context.attrVals ?? {}
      const probe: ParseContext = {
        ...context,
        unusedAttrNames: Object.fromEntries(Object.keys(names).map((n) => [n, true])),
        unusedAttrVals: Object.fromEntries(Object.keys(values).map((n) => [n, true])),
      }
      let tree: unknown
      try {
        tree = parse(input, { context: probe })
      } catch {
        return undefined
      }
      if (typeof tree !== "object" || tree === null) return undefined
      const usedValues = Object.keys(values).filter((n) => !(n in probe.unusedAttrVals))
      const slots = new Map<unknown, Slot>()
      for (const name of usedValues) slots.set(values[name], new Slot(name))
      // Two names holding one object (never so after JSON.parse): the slots would be ambiguous.
      if (slots.size !== usedValues.length) return undefined
      const templateTree = template(tree, slots, new Map())
      return {
        tree: templateTree,
        usedNames: Object.keys(names).filter((n) => !(n in probe.unusedAttrNames)),
        usedValues,
        shares: sharesNodes(templateTree, new Set()),
        names: context.attrNames && Object.entries(context.attrNames),
        types: Object.entries(values).map(([name, value]) => [name, Object.keys(value)]),
      }
    }
  }
  return {
    run(validate) {
      active = true
      try {
        return validate()
      } finally {
        active = false
      }
    },
  }
}

/**
 * Whether `template` was learnt with this name map and values of these types: the same
 * placeholders in the same order, the same names, and for each value the same type keys.
 */
function fits(
  template: Template,
  names: Record<string, string> | undefined,
  values: Record<string, Record<string, unknown>> | undefined,
): boolean {
  const learnt = template.names
  if ((names === undefined) !== (learnt === undefined)) return false
  if (names !== undefined && learnt !== undefined) {
    let i = 0
    for (const placeholder in names) {
      const pair = learnt[i++]
      if (pair?.[0] !== placeholder || pair[1] !== names[placeholder]) return false
    }
    if (i !== learnt.length) return false
  }
  const types = template.types
  let i = 0
  for (const placeholder in values) {
    const pair = types[i++]
    if (pair?.[0] !== placeholder) return false
    const keys = pair[1]
    let k = 0
    for (const type in values[placeholder]) if (keys[k++] !== type) return false
    if (k !== keys.length) return false
  }
  return i === types.length
}

/** Whether a node of `node`'s tree is reached twice. */
function sharesNodes(node: unknown, seen: Set<object>): boolean {
  if (typeof node !== "object" || node === null || node instanceof Slot) return false
  if (seen.has(node)) return true
  seen.add(node)
  for (const child of Object.values(node)) if (sharesNodes(child, seen)) return true
  return false
}

/** A copy of a parse tree with the value objects replaced by slots (shared nodes stay shared). */
function template(node: unknown, slots: Map<unknown, Slot>, seen: Map<object, unknown>): unknown {
  if (typeof node !== "object" || node === null) return node
  const slot = slots.get(node)
  if (slot) return slot
  return copy(node, seen, (child) => template(child, slots, seen))
}

/**
 * A copy of a template with each slot replaced by the request's value (by reference, as a
 * parse), for a tree that shares no node: arrays and plain objects copied as they are, in order.
 */
function bind(node: unknown, values: Record<string, unknown>): unknown {
  if (typeof node !== "object" || node === null) return node
  if (node instanceof Slot) return values[node.name]
  if (Array.isArray(node)) {
    const result = new Array<unknown>(node.length)
    for (let i = 0; i < node.length; i++) result[i] = bind(node[i], values)
    return result
  }
  if (Object.getPrototypeOf(node) !== Object.prototype) {
    return copy(node, new Map(), (child) => bind(child, values))
  }
  const result: Record<string, unknown> = { ...node }
  for (const name in result) {
    const child = result[name]
    if (typeof child === "object" && child !== null) result[name] = bind(child, values)
  }
  return result
}

/** {@link bind} for a tree that shares nodes: each shared node is copied once. */
function bindShared(
  node: unknown,
  values: Record<string, unknown>,
  seen: Map<object, unknown>,
): unknown {
  if (typeof node !== "object" || node === null) return node
  if (node instanceof Slot) return values[node.name]
  return copy(node, seen, (child) => bindShared(child, values, seen))
}

/** Copies an array or object (keeping its prototype, e.g. `Object.create(null)`), once per node. */
function copy(node: object, seen: Map<object, unknown>, each: (child: unknown) => unknown) {
  const done = seen.get(node)
  if (done !== undefined) return done
  if (Array.isArray(node)) {
    const result: unknown[] = []
    seen.set(node, result)
    for (const child of node) result.push(each(child))
    return result
  }
  const result = Object.create(Object.getPrototypeOf(node)) as Record<string, unknown>
  seen.set(node, result)
  for (const name of Object.keys(node)) result[name] = each((node as Record<string, unknown>)[name])
  return result
}
