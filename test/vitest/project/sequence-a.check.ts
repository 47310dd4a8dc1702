import { sequenceChecks } from "./_sequence-checks.js"

sequenceChecks("a")
