import { EXIT_FAILED, LabError } from '../../core/errors.js'
import { defineCommand } from '../define-command.js'
import { colorsEnabled, createColors } from '../../render/colors.js'
import { stdout, writeJson } from '../output.js'

export const command = defineCommand({
  name: 'probe',
  summary: 'connect to one port on each address a name resolves to, and say who answers',
  positionals: { usage: '<target>' },
  description: `Resolve the host the way Node does (dns.lookup, all addresses, in Node's default order), then try the one port on
every address separately (127.0.0.1 and ::1 for localhost): open, refused, timed out or unreachable, with the time
each took and, for an address of this machine, the process that holds the listener. Then say what it means.
It connects only to the port you name, on the addresses of the host you name; it never scans.

Target forms:
  3000 or :3000            localhost, port 3000
  localhost:3000           a name and a port
  127.0.0.1:62893          an IPv4 address and a port
  [::1]:3000               an IPv6 address (in brackets) and a port
  http://localhost:3000/x  a URL (http 80, https 443, postgres 5432, redis 6379 ... when it has no port)`,
  args: {
    json: { type: 'boolean', description: 'print the whole report as one JSON object', defaultHelp: 'a short table and the verdict' },
    timeout: { type: 'number', placeholder: 'ms', unit: 'milliseconds', min: 1, max: 600_000, default: 1000, description: 'give up on an address after this long' },
  },
  notes: 'Exit codes: 0 something answered, 1 nothing answered, 2 bad target or option.',
  examples: [
    'localhost-lab probe 3000',
    'localhost-lab probe 127.0.0.1:62893',
    "localhost-lab probe http://localhost:5173/ --json | jq '.results[] | {address, state}'",
  ],
  async check ({ values, positionals }) {
    const { parseTarget, ACCEPTED_FORMS } = await import('../../diagnose/probe/target.js')
    if (positionals.length !== 1) throw new LabError('LAB_ERR_BAD_TARGET', { count: positionals.length, accepted: ACCEPTED_FORMS })
    const target = parseTarget(positionals[0]!)
    if (target instanceof LabError) throw target
    return { ...values, target }
  },
  async run ({ json, timeout, target }) {
    const { probeTarget } = await import('../../diagnose/probe/probe.js')
    const report = await probeTarget(target, { timeoutMs: timeout })
    if (json) {
      writeJson(report)
    } else {
      const { renderProbe } = await import('../../render/probe.js')
      // Colours as our stdout decides them: render/probe.ts's default would build process.stdout (output.ts).
      stdout.write(renderProbe(report, createColors(colorsEnabled(stdout))))
    }
    return report.answered ? 0 : EXIT_FAILED
  },
})
