// Starts the boot clock of bench/boot.ts, after loading what vitest-dynamodb-lite's setup file
// loads: boot samples leave module loading out, as the in-process boot figures do.
import "@aws-sdk/client-dynamodb"
import "dynalite"

Object.assign(globalThis, { benchBootStart: performance.now() })
