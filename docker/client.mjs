/**
 * The client of docker/compose.yaml: one request to each URL given, one line each with what Node's fetch saw.
 *   node docker/client.mjs http://localhost:8000/ http://app-all:8000/
 *   node docker/client.mjs --health http://127.0.0.1:8000/health    (quiet; exit 0 if it answered 2xx, else 1)
 */
import { httpRequest } from 'localhost-lab'

const args = process.argv.slice(2)
const health = args[0] === '--health'
const urls = health ? args.slice(1) : args
if (urls.length === 0) {
  process.stderr.write('usage: node docker/client.mjs [--health] <url>...\n')
  process.exit(2)
}
let allOk = true
for (const url of urls) {
  const o = await httpRequest(url, { timeoutMs: 3000 })
  allOk &&= o.ok
  if (health) continue
  const what = o.ok
    ? `HTTP ${o.status} ${o.body ?? ''}`
    : `${o.code ?? `HTTP ${o.status}`} (${o.causes?.at(-1)?.message ?? o.message})`
  process.stdout.write(`${url} -> ${what}\n`)
}
process.exitCode = health && !allOk ? 1 : 0
