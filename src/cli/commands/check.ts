import { EXIT_FAILED, LabError } from '../../core/errors.js'
import { defineCommand } from '../define-command.js'
import { colorsEnabled, createColors } from '../../render/colors.js'
import { stdout, writeJson } from '../output.js'

export const command = defineCommand({
  name: 'check',
  summary: 'what is on this port (or every port), which program holds it, and is it dangerous?',
  positionals: { usage: '[target]', max: 1, noun: 'target' },
  description: `For one port of this machine, or with no target every listening TCP socket: the address explained (loopback,
all interfaces, one interface; ephemeral or fixed port), the owner (pid, user, command line with passwords as ***,
executable, parent, start time), what it speaks (small read-only probes: a greeting, TLS, HTTP, WebSocket, Redis,
PostgreSQL, the Node and Chrome debuggers ...), the program it is, the risks with their evidence and fix, and a
verdict: danger, review or ok.

A port nothing listens on may be the client end of a connection (a log's 127.0.0.1:62893 often is): check then
names the programs at both ends, or says the connection closed a moment ago.

Target forms:
  62893 or :62893          every listener on that port
  127.0.0.1:62893          the listener that accepts connections to that address
  [::1]:9229               an IPv6 address (in brackets) and a port
  http://localhost:5173/   a URL`,
  args: {
    json: {
      type: 'boolean',
      description: 'print {listeners:[{address,port,family,exposure,pid,user,command,commandLine,program,service:{protocol,product,version,evidence},risks:[{id,severity,evidence,fix}],verdict}],notes}',
      defaultHelp: 'plain words, then the details',
    },
    'no-probe': { type: 'boolean', description: 'do not connect: show address and owner only (the verdict then weighs the address alone)', defaultHelp: 'probe each listener' },
    source: {
      type: 'enum', placeholder: 'name', choices: ['auto', 'proc', 'ss', 'lsof', 'netstat'] as const, default: 'auto',
      description: 'where to read the listeners from', defaultHelp: 'auto: /proc on Linux, lsof on macOS, netstat on Windows',
    },
  },
  notes: `Only this machine's listeners are ever probed: a target that is not an address of this machine is refused. Probes
send nothing with effects (no password, no write), at most 4 at a time, each with a deadline.
Exit codes: 0 no danger found, 1 a danger found or nothing listens on the port, 2 bad usage.`,
  examples: [
    'localhost-lab check 62893',
    'localhost-lab check',
    'localhost-lab check [::1]:9229 --json',
    `localhost-lab check --json | jq '.listeners[] | select(.verdict == "danger")'`,
  ],
  // Parsed here, resolved in run: deciding what a command line asks for opens no socket, and a DNS lookup would.
  async check ({ values, positionals }) {
    if (positionals.length === 0) return { ...values, target: undefined }
    const { parseTarget } = await import('../../diagnose/probe/target.js')
    const target = parseTarget(positionals[0]!)
    if (target instanceof LabError) throw target
    return { ...values, target }
  },
  async run ({ json, 'no-probe': noProbe, source, target }) {
    const { check, checkJson, localTarget } = await import('../../diagnose/check/check.js')
    const { interruptible } = await import('../signals.js')
    // A target that is not this machine's is bad usage (exit 2), refused before anything connects.
    const local = target === undefined ? undefined : await localTarget(target)
    return interruptible(async (signal) => {
      const report = await check({ probe: !noProbe, source, signal, ...(local !== undefined && { target: local }) })
      if (json) {
        writeJson(checkJson(report))
      } else {
        const { renderCheck } = await import('../../render/check.js')
        // Colours as our stdout decides them: render/check.ts's default would build process.stdout (output.ts).
        stdout.write(renderCheck(report, createColors(colorsEnabled(stdout))))
      }
      const nothing = local !== undefined && report.listeners.length === 0
      return nothing || report.listeners.some((l) => l.verdict === 'danger') ? EXIT_FAILED : 0
    })
  },
})
