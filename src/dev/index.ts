export type { Colour, Paint } from "./banner.js"
export { devFlagNames, devHelp, parseDevArgs } from "./flags.js"
export type { DevLog, DevServer, DevServerOptions } from "./server.js"
export { startDevServer } from "./server.js"
