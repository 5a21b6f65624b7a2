/**
 * The dashboard's two data sources, behind one small adapter: the explain box and the ports view. The page and the
 * server only know these shapes; what fills them can change without touching either.
 *
 * `explainText` is the `explain` command's own analysis (src/diagnose/explain.ts); `listPorts` reads the kernel's own
 * table of listening TCP sockets (/proc/net/tcp, tcp6) with the process that holds each. Read-only: it connects to
 * nothing. Linux only; elsewhere the list is empty.
 */
import { ephemeralRange, inRange } from '../diagnose/ephemeral-range.js'
import { ownersOf, readProcNetTcp } from '../diagnose/proc-net.js'
import type { Family } from '../events.js'

export interface Candidate {
  /** What kind of problem, e.g. `refused`, `port-in-use`. */
  kind: string
  /** The scenario that reproduces it (an id in the catalogue). */
  scenario: string
  /** 0..1 */
  confidence: number
  why: string
  fix: string
  /** The command that runs the scenario, e.g. `npm run demo:refused`. */
  command: string
}

export interface ExplainResult {
  candidates: Candidate[]
  /** Set when there is something to say besides the candidates (e.g. that explain is not available). */
  note?: string
  /** The address and port found in the text, when there was one. */
  address?: string
  port?: number
}

export async function explainText (text: string): Promise<ExplainResult> {
  const { explain } = await import('../diagnose/explain.js')
  const r = explain(text)
  const out: ExplainResult = { candidates: r.candidates }
  if (r.tellApart.length > 0) out.note = r.tellApart.join(' ')
  if (r.address !== null) out.address = r.address
  if (r.port !== null) out.port = r.port
  return out
}

export type Exposure = 'loopback' | 'all-interfaces' | 'interface'

export interface PortRow {
  protocol: 'tcp'
  address: string
  port: number
  family: Family
  /** The process holding the socket; null when we may not look (another user's process, without root). */
  pid: number | null
  command: string | null
  /** Who can reach it: only this machine, every interface, or one specific interface. */
  exposure: Exposure
  /** Is the port inside the OS's ephemeral range (null when the range is unknown)? */
  ephemeral: boolean | null
}

export function exposureOf (address: string): Exposure {
  if (address === '0.0.0.0' || address === '::') return 'all-interfaces'
  if (address === '::1' || /^(::ffff:)?127\./.test(address)) return 'loopback'
  return 'interface'
}

/** Every listening TCP socket on this machine (this network namespace), by port. */
export async function listPorts (): Promise<PortRow[]> {
  const [sockets, range] = await Promise.all([readProcNetTcp(), ephemeralRange()])
  const listening = sockets.filter((s) => s.state === 'LISTEN')
  const owners = await ownersOf(listening.map((s) => s.inode))
  return listening
    .map((s): PortRow => {
      const owner = owners.get(s.inode)?.[0]
      return {
        protocol: 'tcp',
        address: s.localAddress,
        port: s.localPort,
        family: s.family,
        pid: owner?.pid ?? null,
        command: owner?.command ?? null,
        exposure: exposureOf(s.localAddress),
        ephemeral: inRange(range, s.localPort) ?? null,
      }
    })
    .sort((a, b) => a.port - b.port || a.address.localeCompare(b.address))
}

export interface Sources {
  explainText: (text: string) => Promise<ExplainResult>
  listPorts: () => Promise<PortRow[]>
}

export const sources: Sources = { explainText, listPorts }
