// Starts the boot clock of bench/boot.ts, after loading what the setup file loads (authtable
// requires dynalite when it starts one): boot samples leave module loading out, as the
// in-process boot figures do.
import "@aws-sdk/client-dynamodb"
import "authtable/vitest"
import "dynalite"

Object.assign(globalThis, { benchBootStart: performance.now() })
