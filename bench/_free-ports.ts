/**
 * A block of free TCP ports, for a tool that numbers its ports from a base (vitest-dynamodb-lite
 * listens on its `basePort` + the vitest worker's id). A fixed base fails with EADDRINUSE as soon
 * as anything else on the machine holds one of those ports: another checkout running the same
 * bench, or a worker left over from an interrupted run.
 */
import { createServer } from "node:net"

/** Whether `port` can be listened on now, on every interface (as dynalite listens). */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once("error", () => resolve(false))
    server.listen(port, () => server.close(() => resolve(true)))
  })
}

/**
 * A base such that `base + 1` to `base + size` are all free at this moment, picked at random
 * between 10000 and 32000 (below Linux's ephemeral ports, which outgoing connections take) so
 * that concurrent runs rarely pick the same one.
 * @throws Error after 20 bases with a port in use.
 */
export async function freePortBlock(size: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = 10_000 + Math.floor(Math.random() * (22_000 - size))
    let free = true
    for (let port = base + 1; free && port <= base + size; port++) free = await isFree(port)
    if (free) return base
  }
  throw new Error(
    `[authtable] Could not find ${size} free ports in a row between 10000 and 32000 for the bench. Check what is listening (ss -ltnp).`,
  )
}
