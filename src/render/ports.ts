/** The human view of the listeners table, with the seed's answer to "is it dangerous?" as a footer. */
import type { Listener, ListenersReport } from '../diagnose/ports/listeners.js'
import { hostPort } from '../net/address.js'
import { colorsEnabled, createColors, type Colors } from './colors.js'
import { oneLine } from './escape.js'
import { escapeStrings } from './escape.js'
import { ms } from './format.js'

export interface PortsRenderOptions {
  /** Show at most this many rows (the footer still counts them all). Default: all. */
  limit?: number
  /** Add the owner's whole command line (secrets already redacted) as the last column. Default false. */
  wide?: boolean
  colors?: Colors
}

function rangeText (l: Listener): string {
  // In the range is all we know: a program may have chosen the number itself (`--port 40000`), so only "probably".
  if (l.ephemeral) return 'ephemeral (probably OS-assigned; then it changes next run)'
  if (l.portClass === 'well-known') return 'well-known (<1024)'
  return l.portClass
}

function who (l: Listener): string {
  return l.pid === null ? 'an unknown program' : `${l.command} (pid ${l.pid})`
}

function some (items: string[], max = 5): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}

export function renderPorts (listed: ListenersReport, opts: PortsRenderOptions = {}): string {
  // Process names and command lines are whatever a process called itself (`/proc/<pid>/comm`, process.title).
  const report = escapeStrings(listed)
  const c = opts.colors ?? createColors(colorsEnabled(process.stdout))
  const all = report.listeners
  const shown = opts.limit !== undefined ? all.slice(0, opts.limit) : all
  const out: string[] = []
  // USER after COMMAND, as lsof orders them; the command line last, unpadded, because it is as long as it is.
  const head = ['PROTO', 'ADDRESS', 'PORT', 'FAMILY', 'EXPOSURE', 'PID', 'COMMAND', 'USER', 'PORT RANGE', ...(opts.wide ? ['COMMAND LINE'] : [])]
  const rows = shown.map((l) => [
    l.protocol,
    l.address + (l.dualStack ? ' (+IPv4)' : ''),
    String(l.port),
    l.family,
    l.exposure === 'all-interfaces' ? 'all-interfaces !' : l.exposure,
    l.pid === null ? '?' : String(l.pid) + (l.owners.length > 1 ? `+${l.owners.length - 1}` : ''),
    l.command ?? '?',
    l.user === null ? '?' : oneLine(l.user, 32),
    rangeText(l),
    ...(opts.wide ? [l.commandLine === null ? '?' : oneLine(l.commandLine, Number.POSITIVE_INFINITY)] : []),
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]): string => cells.map((v, i) => i === cells.length - 1 ? v : v.padEnd(widths[i]!)).join('  ')
  if (all.length === 0) {
    out.push(report.port !== undefined ? `Nothing listens on TCP port ${report.port}.` : 'No TCP socket is listening.')
  } else {
    out.push(c.bold(line(head)))
    for (const [i, r] of rows.entries()) {
      const l = shown[i]!
      const text = line(r)
      out.push(l.exposure === 'all-interfaces' ? c.yellow(text) : text)
    }
    if (shown.length < all.length) out.push(c.dim(`... and ${all.length - shown.length} more (--all shows every one, --json prints them all)`))
  }
  const range = report.range.known ? `${report.range.first}-${report.range.last}` : 'unknown'
  out.push(c.dim(`${all.length} listening socket${all.length === 1 ? '' : 's'}, read from ${report.source} in ${ms(report.elapsedMs)}; ephemeral range ${range}.`))
  for (const n of report.notes) out.push(c.dim(n))
  if (all.length === 0) return `${out.join('\n')}\n`

  out.push('')
  out.push(c.bold('Is it dangerous?') + ' An address like 127.0.0.1:62893 is not: it is this machine talking to itself, and the number is only')
  out.push('the door one program was given. What matters is which program holds the port (do you know the command above?)')
  out.push('and whether it listens beyond loopback.')
  const wide = all.filter((l) => l.exposure === 'all-interfaces')
  const iface = all.filter((l) => l.exposure === 'interface')
  if (wide.length > 0) {
    out.push(c.yellow(`! ${wide.length} listen${wide.length === 1 ? 's' : ''} on all interfaces (0.0.0.0 or ::), reachable from other computers unless a firewall stops them:`))
    out.push(c.yellow(`  ${some(wide.map((l) => `${hostPort(l.address, l.port)} ${who(l)}`))}. If only this machine needs it, bind 127.0.0.1.`))
  }
  if (iface.length > 0) {
    out.push(`${iface.length} listen${iface.length === 1 ? 's' : ''} on one specific address, reachable by whoever can reach it: ${some(iface.map((l) => `${hostPort(l.address, l.port)} ${who(l)}`))}.`)
  }
  if (wide.length === 0 && iface.length === 0 && all.length > 0) out.push('Everything listed listens on loopback only: nothing here is reachable from the network.')
  const eph = all.filter((l) => l.ephemeral)
  if (eph.length > 0) out.push(`${eph.length} port${eph.length === 1 ? ' lies' : 's lie'} in the ephemeral range (${range}): probably assigned by the OS, a different number next run.`)
  return `${out.join('\n')}\n`
}
