import { EXIT_FAILED, LabError } from '../../core/errors.js'
import type { Sink } from '../../core/events.js'
import { parse, type Command } from '../args.js'

export const command: Command = {
  summary: 'start a zoo of broken services on loopback and narrate every connection to them',
  help: `Usage: localhost-lab serve [--json] [--host <address>] [--for <ms>]

Start one deliberately broken service per failure, each on an ephemeral loopback port, print a table
(address, behaviour, the scenario that explains it) and narrate every connection that arrives. Point curl, a
browser or your own app at them and compare what your client prints:

  refused      nothing listens (a port found free a moment ago)
  hang         accepts, never answers
  close-early  reads the request, closes without a reply (empty reply / socket hang up)
  reset        reads the request, answers with a TCP reset (RST)
  drip         200 at once, then the body one byte per second
  malformed    HTTP with a header line that has no colon
  truncated    Content-Length 100, only 10 bytes, then close
  flaky        503 twice, then 200, per client address (for retry logic)
  ipv6-only    a healthy service on ::1 only (the same port on 127.0.0.1 refuses)
  ws-drop      a WebSocket that drops without a close frame (1006)
  ws-reject    a WebSocket handshake answered 404 (any path) or 400 (/ws)

Runs until Ctrl-C, then closes everything (exit 130).

Options:
  --host <address>  the IPv4 loopback address to bind (default: 127.0.0.1; any 127.x.y.z). Never a network address:
                    these services misbehave on purpose.
  --for <ms>        stop by itself after this long, exit 0 (default: run until Ctrl-C). Handy in scripts and tests.
  --json            one JSON event a line (NDJSON): the \`zoo\` fact carries the table, every connection is an
                    \`observe\` event with kind \`connection\` (phase arrived, request, ended) (default: off)

Exit codes: 0 stopped by --for, 1 could not start, 2 bad usage, 130 Ctrl-C, 143 terminated.

Examples:
  localhost-lab serve
  localhost-lab serve --json | jq -c 'select(.kind == "connection")'
  localhost-lab serve --for 60000 --host 127.0.0.2`,
  async run (args) {
    const { values, positionals } = parse('serve', args, { json: { type: 'boolean' }, host: { type: 'string' }, for: { type: 'string' } })
    if (positionals.length > 0) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', `'serve' takes no arguments (got '${positionals[0]}'). Run \`localhost-lab serve --help\`.`)
    }
    const { isLoopback } = await import('../../net/address.js')
    const host = values.host === undefined ? '127.0.0.1' : String(values.host)
    if (!isLoopback(host, 'IPv4')) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', `--host must be an IPv4 loopback address (127.0.0.1, 127.x.y.z), not '${host}': these services are broken on purpose and must not be reachable from the network.`)
    }
    let forMs: number | undefined
    if (values.for !== undefined) {
      const text = String(values.for)
      forMs = Number(text)
      if (!/^\d+$/.test(text) || forMs < 1 || forMs > 2_147_483_647) {
        throw new LabError('LAB_ERR_BAD_ARGUMENT', `--for wants milliseconds (a whole number from 1), not '${text}'. Run \`localhost-lab serve --help\`.`)
      }
    }
    const sink: Sink = values.json
      ? await (await import('../../render/json.js')).jsonRenderer()
      : (await import('../../render/serve.js')).serveConsoleRenderer()
    const { serveScenario } = await import('../../services/zoo-scenario.js')
    const { runScenario } = await import('../../core/run.js')
    const { interruptible } = await import('../signals.js')
    const opts: import('../../services/zoo-scenario.js').ServeOptions = { host }
    if (forMs !== undefined) opts.forMs = forMs
    return interruptible(async (signal) => {
      const done = await runScenario(serveScenario(opts), sink, { signal })
      return done.ok ? 0 : EXIT_FAILED
    })
  },
}
