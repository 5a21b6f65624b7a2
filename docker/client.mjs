/**
 * The client of docker/compose.yaml: one request to each URL given, one line each with what Node's fetch saw (the
 * status, or the error's code from fetch's cause). Node's own modules only.
 *   node docker/client.mjs http://localhost:8000/ http://app-all:8000/
 *   node docker/client.mjs --health http://127.0.0.1:8000/health    (quiet; exit 0 if it answered 2xx, else 1)
 */
const args = process.argv.slice(2)
const health = args[0] === '--health'
const urls = health ? args.slice(1) : args
if (urls.length === 0) {
  process.stderr.write('usage: node docker/client.mjs [--health] <url>...\n')
  process.exit(2)
}
let allOk = true
for (const url of urls) {
  let what
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) })
    allOk &&= res.ok
    what = `HTTP ${res.status} ${await res.text()}`
  } catch (err) {
    allOk = false
    const cause = err.cause ?? err
    what = `${cause.code ?? err.name} (${cause.message ?? err.message})`
  }
  if (!health) process.stdout.write(`${url} -> ${what}\n`)
}
process.exitCode = health && !allOk ? 1 : 0
