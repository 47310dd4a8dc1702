/**
 * Node's `http` module, taken as the CommonJS object it is rather than imported as an ES module.
 *
 * On Node 22 and 24, `import … from "node:http"` builds the module's ES facade, which reads every
 * export once, and three of them (`WebSocket`, `CloseEvent`, `MessageEvent`) are getters that load
 * Node's bundled undici: about 60 ms of every fresh process or vitest worker that loads the
 * emulator on Node 24, where `getBuiltinModule` takes 7 (nodejs/node#57649). Nothing else of a
 * worker's usual load (vitest, the AWS SDK, dynalite, all CommonJS) loads undici.
 *
 * It is the same object a `require("node:http")` returns, so patches to it (msw's interceptors,
 * nock) are seen here as they are made.
 */
export const http = process.getBuiltinModule("node:http")
