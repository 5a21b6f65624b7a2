/**
 * The listening TCP sockets of this machine: who holds each one, and how far it reaches. Read-only: it reads the
 * kernel's tables (Linux /proc) or runs the system's own tool (ss, lsof, netstat) and connects to nothing.
 *
 * Kept light on purpose: only node: built-ins, so `localhost-lab ports` starts about as fast as Node itself.
 */
import { existsSync } from 'node:fs'
import { LabError } from '../../core/errors.js'
import type { Family } from '../../core/events.js'
import { isAnyAddress, isLocalhostName, isLoopback } from '../../net/address.js'
import { now, since } from '../../core/clock.js'
import { ephemeralRange, inRange, type EphemeralRange } from '../../net/ephemeral-range.js'
import { parseLsof } from './platform/lsof.js'
import { readLinuxProc } from './platform/linux-proc.js'
import { parseNetstat, parseTasklist } from './platform/netstat-windows.js'
import { parseSs } from './platform/ss.js'
import { run } from '../../process/tool.js'
import { userName } from './user-names.js'
import type { ListenerSource, Owner, RawListener } from './platform/types.js'

export type { ListenerSource, Owner, RawListener } from './platform/types.js'

/**
 * How far a listener reaches. `loopback`: only this machine. `all-interfaces` (0.0.0.0 or ::): every address the
 * machine has, so other computers can connect unless a firewall stops them. `interface`: one specific address.
 */
export type Exposure = 'loopback' | 'all-interfaces' | 'interface'

/** IANA's split: well-known (below 1024, needs privilege on most systems), registered (to 49151), dynamic (above). */
export type PortClass = 'well-known' | 'registered' | 'dynamic'

export interface Listener {
  protocol: 'tcp'
  address: string
  port: number
  family: Family
  exposure: Exposure
  /** For `::`: whether it also accepts IPv4 (known from ss only). */
  dualStack?: boolean
  /** The kernel's socket inode (known from /proc only). */
  inode?: number
  /** The first owner's pid and short name; null when the system would not tell us. */
  pid: number | null
  command: string | null
  /** The first owner's whole command line, secrets redacted (`--requirepass ***`); null when unknown (ss, lsof, netstat). */
  commandLine: string | null
  /**
   * Who the first owner runs as; without a visible owner, who opened the socket (Linux /proc). Null when the source
   * does not say (ss, netstat).
   */
  user: string | null
  /** Every process holding the socket (a parent and its workers share one). */
  owners: Owner[]
  portClass: PortClass
  /** Inside the OS ephemeral range: probably assigned by the OS (port 0), a different number next run. Null: unknown. */
  ephemeral: boolean | null
}

export interface ListenersReport {
  platform: NodeJS.Platform
  /** The port asked about, if any. */
  port?: number
  source: ListenerSource
  range: EphemeralRange
  listeners: Listener[]
  /** Why some owners are missing, and similar caveats about what this source can see. */
  notes: string[]
  elapsedMs: number
}

export interface ListOptions {
  /** Only this port. */
  port?: number
  /** Where to read from. Default `auto`: /proc on Linux, lsof on macOS and BSD, netstat on Windows. */
  source?: ListenerSource | 'auto'
  platform?: NodeJS.Platform
  /** The ephemeral range, when the caller has read it already (probe reads it once for its own notes and this). */
  range?: EphemeralRange
}

export function exposureOf (address: string): Exposure {
  // lsof without -n prints names (`localhost:5000`): the name localhost is loopback too.
  if (isLoopback(address) || isLocalhostName(address)) return 'loopback'
  if (isAnyAddress(address)) return 'all-interfaces'
  return 'interface'
}

export function portClassOf (port: number): PortClass {
  return port < 1024 ? 'well-known' : port <= 49151 ? 'registered' : 'dynamic'
}

function familyRank (f: Family): number {
  return f === 'IPv4' ? 0 : 1
}

/** Turn what a source reported into classified listeners, sorted by port, then family, then address. */
export function classify (rows: RawListener[], range: EphemeralRange): Listener[] {
  // Thousands of listeners share a few addresses; each address is classified once (about half of classify's time
  // with 10,000 listeners on 127.0.0.1 went to re-validating the same address).
  const exposures = new Map<string, Exposure>()
  const exposure = (address: string): Exposure => {
    let e = exposures.get(address)
    if (e === undefined) exposures.set(address, e = exposureOf(address))
    return e
  }
  return rows
    .map((r): Listener => {
      const first = r.owners[0]
      const l: Listener = {
        protocol: 'tcp',
        address: r.address,
        port: r.port,
        family: r.family,
        exposure: exposure(r.address),
        pid: first?.pid ?? null,
        command: first?.command ?? null,
        commandLine: first?.commandLine ?? null,
        user: first?.user ?? (r.uid !== undefined ? userName(r.uid) : null),
        owners: r.owners,
        portClass: portClassOf(r.port),
        ephemeral: inRange(range, r.port) ?? null,
      }
      if (r.dualStack !== undefined) l.dualStack = r.dualStack
      if (r.inode !== undefined) l.inode = r.inode
      return l
    })
    .sort((a, b) => a.port - b.port || familyRank(a.family) - familyRank(b.family) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
}

/** The listing tool's stdout: the one tool runner, with a hint for when the tool is not installed. */
async function listing (cmd: string, args: string[], okCodes: number[] = [0]): Promise<string> {
  return (await run(cmd, args, { timeoutMs: 10_000, okCodes, neededTo: 'list listeners here', tryInstead: 'another --source' })).stdout
}

export function defaultSource (platform: NodeJS.Platform): ListenerSource {
  if (platform === 'linux') return existsSync('/proc/net/tcp') ? 'proc' : 'ss'
  if (platform === 'win32') return 'netstat'
  return 'lsof'
}

async function read (source: ListenerSource, port: number | undefined): Promise<RawListener[]> {
  switch (source) {
    case 'proc':
      if (!existsSync('/proc/net/tcp')) throw new LabError('LAB_ERR_TOOL_MISSING', { file: '/proc/net/tcp', tryInstead: '--source lsof or --source ss' })
      return readLinuxProc(port)
    case 'ss':
      return parseSs(await listing('ss', ['-ltnp']))
    case 'lsof':
      return parseLsof(await listing('lsof', ['-iTCP' + (port !== undefined ? `:${port}` : ''), '-sTCP:LISTEN', '-P', '-n'], [1]))
    case 'netstat': {
      const [sockets, tasks] = await Promise.all([listing('netstat', ['-ano']), listing('tasklist', ['/FO', 'CSV', '/NH']).catch(() => '')])
      return parseNetstat(sockets, parseTasklist(tasks))
    }
  }
}

function notesFor (source: ListenerSource, listeners: Listener[]): string[] {
  const notes: string[] = []
  const orphans = listeners.filter((l) => l.pid === null).length
  const root = typeof process.getuid === 'function' ? process.getuid() === 0 : undefined
  if (orphans > 0) {
    if (source === 'proc' || source === 'ss') {
      notes.push(root
        ? `${orphans} listener${orphans === 1 ? ' has' : 's have'} no visible owner even though we run as root: the process lives outside this PID namespace (another container, a sandbox, the host of this VM).`
        : `${orphans} listener${orphans === 1 ? ' has' : 's have'} no visible owner: another user's process. Run with sudo to see it.`)
    } else if (source === 'netstat') {
      notes.push(`${orphans} listener${orphans === 1 ? ' has' : 's have'} PID 0 or 4 (the System process: drivers and http.sys).`)
    }
  }
  if (source === 'lsof') {
    notes.push(root === false
      ? 'lsof lists sockets by process and sees only your own processes: run with sudo to see every listener.'
      : 'lsof lists sockets by process: a listener whose process it cannot see (another PID namespace) is missing here.')
  }
  return notes
}

/** Every listening TCP socket (optionally on one port: "who listens on port P"), classified. Connects to nothing. */
export async function listListeners (opts: ListOptions = {}): Promise<ListenersReport> {
  const t0 = now()
  const platform = opts.platform ?? process.platform
  const source = opts.source === undefined || opts.source === 'auto' ? defaultSource(platform) : opts.source
  const [rows, range] = await Promise.all([read(source, opts.port), opts.range ?? ephemeralRange(platform)])
  const filtered = opts.port === undefined ? rows : rows.filter((r) => r.port === opts.port)
  const listeners = classify(filtered, range)
  const report: ListenersReport = { platform, source, range, listeners, notes: notesFor(source, listeners), elapsedMs: since(t0) }
  if (opts.port !== undefined) report.port = opts.port
  return report
}
