import { EXIT_FAILED, LabError } from '../../core/errors.js'
import type { Sink } from '../../core/events.js'
import { defineCommand } from '../define-command.js'
import { jsonLines, stdout } from '../output.js'

export const command = defineCommand({
  name: 'serve',
  summary: 'start a zoo of broken services on loopback and narrate every connection to them',
  description: `Start one deliberately broken service per failure, each on an ephemeral loopback port, print a table
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

Runs until Ctrl-C, then closes everything (exit 130).`,
  args: {
    json: {
      type: 'boolean',
      description: 'one JSON event a line (NDJSON): the `zoo` fact carries the table, every connection is an `observe` event with kind `connection` (phase arrived, request, ended)',
    },
    host: {
      type: 'string',
      placeholder: 'address',
      default: '127.0.0.1',
      description: 'the IPv4 loopback address to bind, any 127.x.y.z; never a network address: these services misbehave on purpose',
    },
    for: {
      type: 'number',
      placeholder: 'ms',
      unit: 'milliseconds',
      min: 1,
      description: 'stop by itself after this long, exit 0; handy in scripts and tests',
      defaultHelp: 'run until Ctrl-C',
    },
  },
  notes: 'Exit codes: 0 stopped by --for, 1 could not start, 2 bad usage, 130 Ctrl-C, 143 terminated.',
  examples: [
    'localhost-lab serve',
    "localhost-lab serve --json | jq -c 'select(.kind == \"connection\")'",
    'localhost-lab serve --for 60000 --host 127.0.0.2',
  ],
  async run ({ values }) {
    const { isLoopback } = await import('../../net/address.js')
    const host = values.host
    if (!isLoopback(host, 'IPv4')) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { notLoopbackV4: host })
    }
    const sink: Sink = values.json
      ? await (await import('../../render/json.js')).jsonRenderer(jsonLines())
      : (await import('../../render/serve.js')).serveConsoleRenderer({ stream: stdout })
    const { serveScenario } = await import('../../services/zoo-scenario.js')
    const { runScenario } = await import('../../core/run.js')
    const { interruptible } = await import('../signals.js')
    const opts: import('../../services/zoo-scenario.js').ServeOptions = { host }
    if (values.for !== undefined) opts.forMs = values.for
    return interruptible(async (signal) => {
      const done = await runScenario(serveScenario(opts), sink, { signal })
      return done.ok ? 0 : EXIT_FAILED
    })
  },
})
