/**
 * `localhost-lab check [target]`: for one port of this machine, or every listening TCP socket, say which program
 * holds it, what it speaks, what someone who can reach it could do, and a verdict.
 *
 * The pieces: the listener table (ports/listeners.ts), the owner's details (owner.ts), small read-only probes
 * (fingerprint.ts) and the risks they show (risks.ts), the address and root rules and the verdict (verdict.ts), the
 * known programs (known-programs.ts), and for a port nothing listens on, the client ends of connections
 * (client-ports.ts).
 *
 * Only this machine is ever probed: a target is accepted only when every address it names or resolves to belongs to
 * this machine (`localTarget`), and each listener is probed on an address of its own (a loopback address for one
 * bound to 0.0.0.0 or ::). Probes run at most `concurrency` at a time, each with its own deadline, and all of them
 * within one budget, so that a machine's worth of listeners is checked in about the time of a few.
 */
import { readFileSync } from 'node:fs'
import { LabError } from '../../core/errors.js'
import type { Family } from '../../core/events.js'
import { canonicalAddress, familyOf, hostPort, isAnyAddress, isLocalhostName, isLoopback, localAddresses, loopbackAddress } from '../../net/address.js'
import { now, since } from '../../core/clock.js'
import { ACCEPTED_FORMS, type Target } from '../probe/target.js'
import { listListeners, type Exposure, type Listener, type PortClass } from '../ports/listeners.js'
import type { ListenerSource } from '../ports/platform/types.js'
import { clientPorts, describeClientEnd, type ClientEnd } from './client-ports.js'
import { knownProgram, type ProgramMatch } from './known-programs.js'
import { ownerInfo, type ProcessInfo } from './owner.js'
import { serviceRisks } from './risks.js'
import type { Risk, Service } from './types.js'
import { exposureRisk, raiseForRoot, SEVERITY_RANK, verdictOf, VERDICT_RANK } from './verdict.js'
import type { Verdict } from './types.js'

/** One listener as `check --json` prints it: exactly the contract. */
export interface CheckedListener {
  address: string
  port: number
  family: Family
  exposure: Exposure
  pid: number | null
  user: string | null
  command: string | null
  commandLine: string | null
  /** The known program's name, else the owner's short name; null when nothing says. */
  program: string | null
  service: { protocol: Service['protocol'], product?: string, version?: string, evidence: string[] }
  risks: Risk[]
  verdict: Verdict
}

/** What the text view shows beyond the contract. */
export interface ListenerDetails {
  portClass: PortClass
  ephemeral: boolean | null
  /** The name /etc/services gives the port (`postgresql`, `http-alt`), if any. */
  servicesName: string | null
  owner: ProcessInfo | null
  /** More processes holding the same socket (a parent and its workers). */
  otherOwners: number
  known: ProgramMatch | null
  /** Where the probe connected (a loopback address for a listener on 0.0.0.0 or ::). */
  probedAt: string | null
  /** The probe's own notes: what ran out of time or was refused. */
  probeNotes: string[]
}

export interface CheckReport {
  listeners: Array<CheckedListener & { details: ListenerDetails }>
  notes: string[]
  /** The port asked about, when a target was given. */
  port?: number
  /** For a target nothing listens on: the connections whose client end that port is. */
  clientEnds?: ClientEnd[]
  probed: boolean
  elapsedMs: number
}

export interface CheckOptions {
  /** One port (and address) to check; without it every listener. */
  target?: LocalTarget
  /** Connect and ask what it speaks. Default true; false: address and owner only. */
  probe?: boolean
  /** Probes at once. Default 4. */
  concurrency?: number
  /** Each probe's deadline. Default 800 ms. */
  deadlineMs?: number
  /** Every probe of one check finishes within this. Default 2500 ms. */
  budgetMs?: number
  /**
   * How long each probe waits for the server to speak first (SSH, SMTP, MySQL greet; HTTP never does). Default 150 ms
   * (FINGERPRINT_DEFAULTS.greetingMs), what a busy real server needs; a caller that knows its own server never greets
   * (a lesson's HTTP service) may pass less.
   */
  greetingMs?: number
  /** Each request of a probe (the foreign Host, the CORS and WebSocket asks) within this. Default 300 ms. */
  stepMs?: number
  source?: ListenerSource | 'auto'
  signal?: AbortSignal
}

/** A target of this machine: the port, and which of this machine's addresses it names (none: any). */
export interface LocalTarget {
  input: string
  port: number
  /** Canonical addresses; undefined for a port alone or `localhost`, which mean every listener on the port. */
  addresses?: string[]
}

/** `own` is asked only for an address that is not loopback: networkInterfaces() took ~0.4 ms of a Node 20 start (issue 15). */
function isThisMachine (address: string, own: () => ReadonlySet<string>): boolean {
  return isLoopback(address) || isAnyAddress(address) || own().has(canonicalAddress(address))
}

/**
 * A parsed target, accepted only if it is this machine's: a literal address of it, `localhost`, or a name every
 * address of which is this machine's (the resolved addresses are checked, not the name). Throws LAB_ERR_BAD_TARGET
 * (exit 2) otherwise.
 */
export async function localTarget (target: Target, lookup: (name: string) => Promise<string[]> = lookupNames): Promise<LocalTarget> {
  let ownSet: ReadonlySet<string> | undefined
  const own = (): ReadonlySet<string> => ownSet ??= localAddresses()
  if (target.isName && isLocalhostName(target.host)) return { input: target.input, port: target.port }
  let addresses: string[]
  if (target.isName) {
    try {
      addresses = await lookup(target.host)
    } catch {
      throw new LabError('LAB_ERR_BAD_TARGET', { target: target.input, problem: `'${target.host}' does not resolve here`, accepted: ACCEPTED_FORMS })
    }
  } else {
    addresses = [target.host]
  }
  const foreign = addresses.filter((a) => !isThisMachine(a, own))
  if (foreign.length > 0 || addresses.length === 0) {
    const which = target.isName ? `'${target.host}' resolves to ${foreign.join(', ') || 'nothing'}, which is` : `${target.host} is`
    throw new LabError('LAB_ERR_BAD_TARGET', { target: target.input, problem: `${which} not an address of this machine; check looks only at this machine's own listeners`, accepted: ACCEPTED_FORMS })
  }
  return { input: target.input, port: target.port, addresses: addresses.map((a) => canonicalAddress(a)) }
}

async function lookupNames (name: string): Promise<string[]> {
  const { lookupAll } = await import('../../net/resolver.js')
  return (await lookupAll(name)).map((r) => r.address)
}

/** Does a listener accept connections to `address`? Its own address, or the any-address of the family that covers it. */
function accepts (l: Listener, address: string): boolean {
  const a = canonicalAddress(address)
  if (canonicalAddress(l.address) === a) return true
  if (!isAnyAddress(l.address)) return false
  const family = familyOf(a)
  if (l.address === '0.0.0.0') return family === 'IPv4'
  // `::` takes IPv4 too unless it is IPV6_V6ONLY (known from ss; Linux's default is dual-stack).
  return family === 'IPv6' || l.dualStack !== false
}

/** Where to probe a listener: its own address, or this machine's loopback for one on 0.0.0.0 or ::. */
export function probeAddress (l: Listener): string {
  return isAnyAddress(l.address) ? loopbackAddress(l.family) : l.address
}

/** One line of `/etc/services` (`name  port/tcp  aliases  # comment`): its TCP port and name, or undefined. */
function servicesLine (line: string): [number, string] | undefined {
  const m = /^([A-Za-z0-9][\w.+-]*)\s+(\d+)\/tcp\b/.exec(line.replace(/#.*/, ''))
  return m ? [Number(m[2]), m[1]!] : undefined
}

/** `/etc/services`: `name  port/tcp  aliases`; the first name for a TCP port wins. */
export function parseEtcServices (text: string): Map<number, string> {
  const names = new Map<number, string>()
  for (const line of text.split('\n')) {
    const entry = servicesLine(line)
    if (entry && !names.has(entry[0])) names.set(entry[0], entry[1])
  }
  return names
}

/**
 * Past this many ports the whole file is parsed once; below it each port's line is looked for on its own. Parsing
 * every line (about 600) took check ~0.7 ms of its start (issue 15), for the one port it usually asks about.
 */
const WHOLE_FILE_PAST = 32

/**
 * The names of `ports` in `text`, as parseEtcServices gives them. A line that names port P holds `P/tcp` (leading
 * zeros or not), so each port's candidates are found by a search for it and parsed as whole lines, first to last.
 */
export function etcServicesNames (text: string, ports: readonly number[]): Map<number, string> {
  const wanted = new Set(ports)
  if (wanted.size > WHOLE_FILE_PAST) return parseEtcServices(text)
  const names = new Map<number, string>()
  for (const port of wanted) {
    const needle = `${port}/tcp`
    for (let at = text.indexOf(needle); at !== -1;) {
      const start = text.lastIndexOf('\n', at) + 1
      const end = text.indexOf('\n', at)
      const entry = servicesLine(text.slice(start, end === -1 ? undefined : end))
      if (entry !== undefined && entry[0] === port) { names.set(port, entry[1]); break }
      at = end === -1 ? -1 : text.indexOf(needle, end)
    }
  }
  return names
}

function etcServices (ports: readonly number[]): Map<number, string> {
  if (ports.length === 0) return new Map()
  const path = process.platform === 'win32' ? `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\drivers\\etc\\services` : '/etc/services'
  // Synchronous: one small file (about 12 KB), and node:fs/promises at import cost `check` about 1.1 ms of its start.
  let text = ''
  try {
    text = readFileSync(path, 'utf8')
  } catch {}
  return etcServicesNames(text, ports)
}

/** Run `work` over `items`, at most `limit` at a time. */
async function bounded<T, R> (items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await work(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane))
  return out
}

const NOT_PROBED: Service = { protocol: 'unknown', evidence: [], notes: [] }

/** The contract's service: what was found, without the probe's internal facts. */
function serviceOf (s: Service): CheckedListener['service'] {
  return { protocol: s.protocol, ...(s.product !== undefined && { product: s.product }), ...(s.version !== undefined && { version: s.version }), evidence: [...s.evidence] }
}

function byWorst (a: { verdict: Verdict, port: number }, b: { verdict: Verdict, port: number }): number {
  return VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || a.port - b.port
}

/** Check one target or every listener. Never connects beyond this machine; leaves nothing open. */
export async function check (opts: CheckOptions = {}): Promise<CheckReport> {
  const t0 = now()
  const probe = opts.probe ?? true
  const deadlineMs = opts.deadlineMs ?? 800
  const budgetEnd = t0 + (opts.budgetMs ?? 2500)
  const target = opts.target
  const listed = await listListeners({ ...(target !== undefined && { port: target.port }), ...(opts.source !== undefined && { source: opts.source }) })
  const listeners = target?.addresses === undefined
    ? listed.listeners
    : listed.listeners.filter((l) => target.addresses!.some((a) => accepts(l, a)))
  const services = etcServices(listeners.map((l) => l.port))
  const notes = [...listed.notes]

  const owners = new Map<number, ProcessInfo | null>()
  await Promise.all([...new Set(listeners.flatMap((l) => l.pid === null ? [] : [l.pid]))].map(async (pid) => { owners.set(pid, await ownerInfo(pid, listed.platform)) }))

  let outOfTime = 0
  const found = await bounded(listeners, opts.concurrency ?? 4, async (l): Promise<{ service: Service, at: string | null }> => {
    if (!probe) return { service: NOT_PROBED, at: null }
    const left = budgetEnd - now()
    if (left <= 0 || opts.signal?.aborted === true) {
      outOfTime++
      return { service: NOT_PROBED, at: null }
    }
    const at = probeAddress(l)
    // Loaded only when something is probed: the probes bring node:tls and node:crypto, which --no-probe never uses.
    const { fingerprint } = await import('./fingerprint.js')
    return { service: await fingerprint(at, l.port, { deadlineMs: Math.min(deadlineMs, left), ...(opts.greetingMs !== undefined && { greetingMs: opts.greetingMs }), ...(opts.stepMs !== undefined && { stepMs: opts.stepMs }), ...(opts.signal !== undefined && { signal: opts.signal }) }), at }
  })
  if (outOfTime > 0) notes.push(`${outOfTime} listener${outOfTime === 1 ? ' was' : 's were'} not probed: the ${opts.budgetMs ?? 2500} ms for all probes ran out. Check ${outOfTime === 1 ? 'it' : 'them'} one at a time: \`localhost-lab check PORT\`.`)
  if (!probe) notes.push('Not probed (--no-probe): the verdicts weigh only where each listener listens, not what it answers.')

  const checked = listeners.map((l, i) => {
    const { service, at } = found[i]!
    const exposure = exposureRisk(l.address, l.exposure)
    const risks = raiseForRoot([...serviceRisks(service), ...(exposure === undefined ? [] : [exposure])], l.user)
      .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    const known = knownProgram({ commandLine: l.commandLine ?? l.command, port: l.port, ...(probe && { service }) }) ?? null
    const row: CheckedListener & { details: ListenerDetails } = {
      address: l.address,
      port: l.port,
      family: l.family,
      exposure: l.exposure,
      pid: l.pid,
      user: l.user,
      command: l.command,
      // The owner's own reading keeps empty arguments in place; the listener table's is the fallback (ss, lsof).
      commandLine: (l.pid === null ? undefined : owners.get(l.pid)?.commandLine) ?? l.commandLine,
      program: known?.program.name ?? l.command,
      service: serviceOf(service),
      risks,
      verdict: verdictOf(risks),
      details: {
        portClass: l.portClass,
        ephemeral: l.ephemeral,
        servicesName: services.get(l.port) ?? null,
        owner: l.pid === null ? null : owners.get(l.pid) ?? null,
        otherOwners: Math.max(0, l.owners.length - 1),
        known,
        probedAt: at,
        probeNotes: [...service.notes],
      },
    }
    return row
  }).sort(byWorst)

  if (checked.some((c) => c.user === 'root' && c.risks.length > 0)) {
    notes.push('Running as root is not a risk of its own; it raises the severity of the others, because whoever gets in acts as root.')
  }

  const report: CheckReport = { listeners: checked, notes, probed: probe, elapsedMs: 0 }
  if (target !== undefined) {
    report.port = target.port
    if (checked.length === 0) {
      const shown = target.addresses === undefined ? `TCP port ${target.port}` : target.addresses.map((a) => hostPort(a, target.port)).join(', ')
      notes.unshift(`Nothing listens on ${shown} now.`)
      const ends = await clientPorts(target.port, listed.platform)
      report.clientEnds = ends.ends
      if (!ends.supported) notes.push('Whether it is the client end of a connection is read from /proc/net/tcp, which this system does not have.')
      else if (ends.ends.length === 0) notes.push(`No connection uses port ${target.port} as its client end either: whatever used it is gone.`)
      for (const e of ends.ends) notes.push(describeClientEnd(e))
    }
  }
  report.elapsedMs = since(t0)
  return report
}

/** The `--json` document: exactly `{ listeners: [...], notes: [...] }`. */
export function checkJson (report: CheckReport): { listeners: CheckedListener[], notes: string[] } {
  return { listeners: report.listeners.map(({ details: _details, ...contract }) => contract), notes: report.notes }
}
