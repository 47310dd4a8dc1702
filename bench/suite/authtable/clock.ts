// Starts the boot clock of bench/boot.ts once what the setup file imports is loaded: boot samples
// leave that out, as the in-process boot figures leave module loading out. Not dynalite: the
// engine loads it when it starts an emulator, its store module changed (engine/_store-module.ts),
// which it cannot do once dynalite is loaded (it then runs on memory-level, as users never do).
import "@aws-sdk/client-dynamodb"
import "authtable/vitest"

Object.assign(globalThis, { benchBootStart: performance.now() })
