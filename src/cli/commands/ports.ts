import { LabError } from '../../core/errors.js'
import { parse, type Command } from '../args.js'

const sources = ['auto', 'proc', 'ss', 'lsof', 'netstat'] as const

export const command: Command = {
  summary: 'list the listening TCP sockets: owner, exposure (loopback or network), ephemeral or fixed port',
  help: `Usage: localhost-lab ports [port] [--json] [--all] [--source <name>]

List this machine's listening TCP sockets: address, port, family, the process holding each (pid and command), how far
it reaches (loopback: this machine only; all-interfaces: 0.0.0.0 or ::, reachable from the network; interface: one
specific address), and whether the port lies in the OS ephemeral range (assigned by the OS, changes next run) or is a
fixed well-known (<1024) or registered one. Read-only: it reads the system's tables and connects to nothing.

Options:
  --all              print every row (default: the first 50, then a count)
  --json             print {platform, source, range, listeners[], notes[]} as one JSON object (always every row)
  --source <name>    where to read from (default: auto):
                       proc     Linux /proc/net/tcp{,6} and /proc/<pid>/fd (auto on Linux)
                       ss       Linux \`ss -ltnp\`
                       lsof     \`lsof -iTCP -sTCP:LISTEN -P -n\` (auto on macOS and BSD)
                       netstat  Windows \`netstat -ano\` and \`tasklist\` (auto on Windows)

Owners of other users' processes need root (sudo) to be seen.
Exit codes: 0 listed (even if empty), 1 the source could not be read, 2 bad usage.

Examples:
  localhost-lab ports
  localhost-lab ports 3000
  localhost-lab ports --json | jq '.listeners[] | select(.exposure == "all-interfaces")'`,
  async run (args) {
    const { values, positionals } = parse('ports', args, { json: { type: 'boolean' }, all: { type: 'boolean' }, source: { type: 'string' } })
    if (positionals.length > 1) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { command: 'ports', atMostOne: 'port', count: positionals.length })
    }
    let port: number | undefined
    if (positionals.length === 1) {
      const text = positionals[0]!.replace(/^:/, '')
      port = Number(text)
      if (!/^\d+$/.test(text) || port < 1 || port > 65535) {
        throw new LabError('LAB_ERR_BAD_PORT', { port: positionals[0]! })
      }
    }
    const source = (values.source ?? 'auto') as string
    if (!(sources as readonly string[]).includes(source)) {
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { command: 'ports', option: 'source', got: source, choices: sources })
    }
    const { listListeners } = await import('../../diagnose/ports/listeners.js')
    const report = await listListeners({ port, source: source as (typeof sources)[number] })
    if (values.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`)
      return 0
    }
    const { renderPorts } = await import('../../render/ports.js')
    const opts = values.all || port !== undefined ? {} : { limit: 50 }
    process.stdout.write(renderPorts(report, opts))
    return 0
  },
}
