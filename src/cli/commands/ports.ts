import { LabError } from '../../core/errors.js'
import { defineCommand } from '../define-command.js'
import { colorsEnabled, createColors } from '../../render/colors.js'
import { stdout, writeJson } from '../output.js'

export const command = defineCommand({
  name: 'ports',
  summary: 'list the listening TCP sockets: owner, exposure (loopback or network), ephemeral or fixed port',
  positionals: { usage: '[port]', max: 1, noun: 'port' },
  description: `List this machine's listening TCP sockets: address, port, family, the process holding each (pid, command,
user), how far it reaches (loopback: this machine only; all-interfaces: 0.0.0.0 or ::, reachable from the network;
interface: one specific address), and whether the port lies in the OS ephemeral range (assigned by the OS, changes
next run) or is a fixed well-known (<1024) or registered one. Read-only: it reads the system's tables and connects to
nothing. Command lines (--wide, --json) show passwords, tokens and keys as ***.`,
  args: {
    json: { type: 'boolean', description: 'print {platform, source, range, listeners[], notes[]} as one JSON object, always every row', defaultHelp: 'a table' },
    all: { type: 'boolean', description: 'print every row', defaultHelp: 'the first 50, then a count' },
    wide: { type: 'boolean', description: "add each owner's whole command line (passwords and tokens shown as ***)", defaultHelp: 'the short command name' },
    source: {
      type: 'enum',
      placeholder: 'name',
      choices: ['auto', 'proc', 'ss', 'lsof', 'netstat'],
      default: 'auto',
      description: 'where to read from',
      explain: {
        proc: 'Linux /proc/net/tcp{,6} and /proc/<pid>/fd (auto on Linux)',
        ss: 'Linux `ss -ltnp`',
        lsof: '`lsof -iTCP -sTCP:LISTEN -P -n` (auto on macOS and BSD)',
        netstat: 'Windows `netstat -ano` and `tasklist` (auto on Windows)',
      },
    },
  },
  notes: `Owners of other users' processes need root (sudo) to be seen.
Exit codes: 0 listed (even if empty), 1 the source could not be read, 2 bad usage.`,
  examples: [
    'localhost-lab ports',
    'localhost-lab ports 3000',
    `localhost-lab ports --json | jq '.listeners[] | select(.exposure == "all-interfaces")'`,
  ],
  check ({ values, positionals }) {
    if (positionals.length === 0) return { ...values, port: undefined }
    const text = positionals[0]!.replace(/^:/, '')
    const port = Number(text)
    if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new LabError('LAB_ERR_BAD_PORT', { port: positionals[0]! })
    return { ...values, port }
  },
  async run ({ json, all, wide, source, port }) {
    const { listListeners } = await import('../../diagnose/ports/listeners.js')
    const report = await listListeners({ port, source })
    if (json) {
      writeJson(report)
      return 0
    }
    const { renderPorts } = await import('../../render/ports.js')
    // Colours as our stdout decides them: render/ports.ts's default would build process.stdout (output.ts).
    const opts = { wide, colors: createColors(colorsEnabled(stdout)), ...(all || port !== undefined ? {} : { limit: 50 }) }
    stdout.write(renderPorts(report, opts))
    return 0
  },
})
