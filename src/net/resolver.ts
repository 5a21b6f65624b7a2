/**
 * How this machine and this Node turn `localhost` into addresses, and the Node settings that decide which address a
 * client tries first and how long it waits on each. Read at run time, never assumed: hosts files and Node defaults
 * differ between machines and versions.
 */
// Named imports: a default import made esbuild copy every export of node:dns and node:net into an object of its own
// (__toESM) at each start of the bundled CLI.
import { getDefaultResultOrder, promises as dnsPromises, setDefaultResultOrder } from 'node:dns'
// Small system files, read synchronously: node:fs/promises at import costs about 1.1 ms of a start on Node 20.
import { readFileSync } from 'node:fs'
import { createServer, getDefaultAutoSelectFamily, getDefaultAutoSelectFamilyAttemptTimeout } from 'node:net'
import type { Family } from '../core/events.js'
import { familyOf } from './address.js'

export interface NodeNetDefaults {
  /** `dns.getDefaultResultOrder()`: `verbatim` (the resolver's order), `ipv4first` or `ipv6first`. */
  resultOrder: string
  /** `net.getDefaultAutoSelectFamily()`: does a connect to a name try every address (Happy Eyeballs)? */
  autoSelectFamily: boolean
  /** `net.getDefaultAutoSelectFamilyAttemptTimeout()`: how long Happy Eyeballs waits on one address before the next. */
  attemptTimeoutMs: number
}

export function nodeNetDefaults (): NodeNetDefaults {
  return {
    resultOrder: getDefaultResultOrder(),
    autoSelectFamily: getDefaultAutoSelectFamily(),
    attemptTimeoutMs: getDefaultAutoSelectFamilyAttemptTimeout(),
  }
}

export interface Resolved {
  address: string
  family: Family
}

/** `dns.lookup(name, { all: true })`: every address, in the order Node hands them to a client. */
export async function lookupAll (name: string): Promise<Resolved[]> {
  const all = await dnsPromises.lookup(name, { all: true })
  return all.map((a) => ({ address: a.address, family: familyOf(a.address) ?? (a.family === 6 ? 'IPv6' : 'IPv4') }))
}

/** The hosts file of this platform. */
export function hostsFilePath (): string {
  return process.platform === 'win32'
    ? `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\drivers\\etc\\hosts`
    : '/etc/hosts'
}

/** The lines of the hosts file that name `name` (comments dropped), or undefined if the file cannot be read. */
export async function hostsLines (name: string, path = hostsFilePath()): Promise<string[] | undefined> {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
  return text.split(/\r?\n/)
    .map((l) => l.replace(/#.*/, '').trim())
    .filter((l) => l.split(/\s+/).slice(1).includes(name))
}

/** The meaningful lines of a system file (comments and blank lines dropped) that `keep` picks, or undefined if unreadable. */
async function configLines (path: string, keep: (line: string) => boolean): Promise<string[] | undefined> {
  let text: string | undefined
  try {
    text = readFileSync(path, 'utf8')
  } catch {}
  return text?.split(/\r?\n/).map((l) => l.replace(/#.*/, '').trim()).filter((l) => l !== '' && keep(l))
}

/**
 * Where the C library looks names up, in order (glibc, musl and the BSDs read these files; macOS and Windows have
 * their own): the `hosts:` line of nsswitch.conf (e.g. `hosts: files dns`), and the `nameserver` addresses of
 * resolv.conf. Read, never asked: reading them sends no query anywhere. undefined for a file that cannot be read.
 */
export async function resolverConfig (nsswitch = '/etc/nsswitch.conf', resolvConf = '/etc/resolv.conf'): Promise<{ hosts?: string, nameservers?: string[] }> {
  const hosts = (await configLines(nsswitch, (l) => l.startsWith('hosts:')))?.[0]?.split(/\s+/).join(' ')
  const nameservers = (await configLines(resolvConf, (l) => /^nameserver\s/.test(l)))?.map((l) => l.split(/\s+/)[1]!)
  return { ...(hosts !== undefined && { hosts }), ...(nameservers !== undefined && { nameservers }) }
}

export type Availability = { ok: true } | { ok: false, code?: string, message: string }

/** Can we listen on this loopback address (`::1` is missing where IPv6 is disabled)? Binds port 0 and closes. */
export function canListenOn (host: string): Promise<Availability> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', (err: NodeJS.ErrnoException) => {
      const out: Availability = { ok: false, message: err.message }
      if (err.code !== undefined) out.code = err.code
      resolve(out)
    })
    server.listen({ host, port: 0 }, () => server.close(() => resolve({ ok: true })))
  })
}

/** Linux: how many times the kernel resends an unanswered SYN before connect() fails (`net.ipv4.tcp_syn_retries`). */
export async function synRetries (): Promise<{ retries: number, source: string } | undefined> {
  const source = '/proc/sys/net/ipv4/tcp_syn_retries'
  try {
    const n = Number(readFileSync(source, 'utf8').trim())
    return Number.isInteger(n) ? { retries: n, source } : undefined
  } catch {
    return undefined
  }
}

/**
 * Set Node's DNS result order for this process, as `--dns-result-order=<order>` does at startup, and return the
 * function that puts the previous order back (hand it to `lab.defer`).
 */
export function setResultOrder (order: 'ipv4first' | 'verbatim'): () => void {
  const previous = getDefaultResultOrder() as 'ipv4first' | 'verbatim'
  setDefaultResultOrder(order)
  return () => setDefaultResultOrder(previous)
}
