// authtable's vitest integration as the README's "setup file" shows it.
import { setupAuthTable } from "authtable/vitest"

setupAuthTable()
