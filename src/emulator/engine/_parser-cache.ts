/**
 * dynalite's expression parsers are PEG parsers generated without result caching, so a syntax
 * error inside nested parentheses makes them backtrack exponentially: `(((((,)))))` takes a
 * second, and each further level four times longer. This recompiles each parser's source with
 * the per-parse cache that the generator's own `cache` option emits (each rule's result memoised
 * by its position), which makes a parse linear in the expression's length and gives the same
 * results and error messages. The parsers are replaced in place, so dynalite's validation uses
 * the cached ones.
 */
import { readFileSync } from "node:fs"
import Module, { createRequire } from "node:module"

const parserModules = ["conditionParser", "updateParser", "projectionParser"] as const

/** What a pegjs parser module exports. */
interface ParserModule {
  parse: (input: string, options?: object) => unknown
  SyntaxError: unknown
}

const ruleHeader = /^( {2}function peg\$parse(\w+)\(\) \{\n {4}var [^\n]*;\n)/gm

/** The generated source with each rule memoised per parse; throws if the shape is not pegjs's. */
export function withResultCache(source: string): string {
  const rules = [...source.matchAll(ruleHeader)].map((match) => match[2] as string)
  if (rules.length === 0 || !source.includes("function peg$parse(input, options) {")) {
    throw new Error(
      "[authtable] dynalite's expression parser is not the pegjs output the engine expects.",
    )
  }
  let index = 0
  let cached = source.replace(ruleHeader, (header: string) => {
    // Silent and reporting parses record different expectations: cache them apart.
    const key = `(peg$currPos * ${rules.length} + ${index++}) * 2 + (peg$silentFails > 0 ? 1 : 0)`
    return `${header}    var peg$key = ${key}, peg$cached = peg$resultsCache[peg$key];\n    if (peg$cached) { peg$currPos = peg$cached.nextPos; return peg$cached.result; }\n`
  })
  // Each rule function ends with `return s0;` followed by its closing brace.
  const returns = cached.match(/\n {4}return s0;\n {2}\}\n/g)?.length ?? 0
  if (returns !== rules.length) {
    throw new Error("[authtable] dynalite's expression parser has rules the engine cannot cache.")
  }
  cached = cached.replace(
    /\n {4}return s0;\n {2}\}\n/g,
    "\n    peg$resultsCache[peg$key] = { nextPos: peg$currPos, result: s0 };\n    return s0;\n  }\n",
  )
  return cached.replace(
    "function peg$parse(input, options) {",
    "function peg$parse(input, options) {\n  var peg$resultsCache = {};",
  )
}

/** The parser module at `path`, compiled from its source with {@link withResultCache}. */
function compileWithResultCache(path: string): ParserModule {
  const compiled = { exports: {} as ParserModule }
  const source = withResultCache(readFileSync(path, "utf8"))
  new Function("module", "exports", "require", source)(
    compiled,
    compiled.exports,
    createRequire(path),
  )
  return compiled.exports
}

const installed = Symbol.for("authtable.parser-cache")

/**
 * Replaces dynalite's three expression parsers with cached ones, once per process: dynalite's
 * modules are shared by every copy of this module (a test runner may evaluate it once per file),
 * and the engine's expression cache wraps what this installs.
 *
 * Each is compiled on its first parse: a test worker that sends no update expression never needs
 * the update parser. A parser module not loaded yet is never loaded: a module in its place goes
 * into the module cache, where dynalite's validations (and anything else) will find it, so the
 * original's 25–70 KB of generated code are not compiled only for its `parse` to be replaced
 * (for the three, 4.4–4.7 ms of a fresh process on Node 20 and 6.3–6.7 on Node 24). A parser
 * loaded before, by something else, keeps its module, whose `parse` is replaced.
 */
export function installParserCache(dynaliteRequire: NodeJS.Require): void {
  const global = globalThis as { [installed]?: boolean }
  if (global[installed]) return
  for (const name of parserModules) {
    const path = dynaliteRequire.resolve(`dynalite/db/${name}`)
    let compiled: ParserModule | undefined
    const cached = () => {
      compiled ??= compileWithResultCache(path)
      return compiled
    }
    const parse: ParserModule["parse"] = (input, options) => cached().parse(input, options)
    const loaded = dynaliteRequire.cache[path]
    if (loaded) {
      ;(loaded.exports as ParserModule).parse = parse
      continue
    }
    const module = new Module(path)
    module.filename = path
    module.loaded = true
    module.exports = Object.defineProperty({ parse }, "SyntaxError", {
      enumerable: true,
      get: () => cached().SyntaxError,
    })
    dynaliteRequire.cache[path] = module
  }
  global[installed] = true
}
