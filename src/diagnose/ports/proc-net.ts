/**
 * Linux: the kernel's own table of TCP sockets (/proc/net/tcp and tcp6) and which process holds each socket
 * (/proc/<pid>/fd links to `socket:[inode]`). Read-only; connects to nothing.
 */
import { closeSync, openSync, readSync, readdirSync, readlinkSync } from 'node:fs'
import { readFile, readdir, readlink } from 'node:fs/promises'
import type { Family } from '../../core/events.js'
import { formatIPv6 } from '../../net/address.js'
import { redactArgv } from '../redact.js'
import type { Owner } from './platform/types.js'
import { userName } from './user-names.js'
import { effectiveUid, processIds, readProcText } from '../../process/proc.js'

/** TCP states as /proc/net/tcp numbers them (include/net/tcp_states.h). */
export const TCP_STATES: Record<string, string> = {
  '01': 'ESTABLISHED', '02': 'SYN_SENT', '03': 'SYN_RECV', '04': 'FIN_WAIT1', '05': 'FIN_WAIT2', '06': 'TIME_WAIT',
  '07': 'CLOSE', '08': 'CLOSE_WAIT', '09': 'LAST_ACK', '0A': 'LISTEN', '0B': 'CLOSING', '0C': 'NEW_SYN_RECV',
}

export interface ProcSocket {
  family: Family
  localAddress: string
  localPort: number
  remoteAddress: string
  remotePort: number
  state: string
  uid: number
  inode: number
  /** Seconds left on the socket's active timer (e.g. how long a TIME_WAIT socket still holds its port), if one runs. */
  timerSeconds?: number
  /** Bytes sent but not yet acknowledged by the peer. */
  txQueue?: number
  /**
   * Bytes received that the owning program has not read yet. For a LISTEN socket: the connections whose handshake
   * the kernel completed and that wait in the accept queue for the program to accept().
   */
  rxQueue?: number
}

/** The kernel prints timers in USER_HZ clock ticks, 100 a second on Linux. */
const USER_HZ = 100

/** The kernel prints addresses as host-order 32-bit words in hex: 0100007F is 127.0.0.1. */
export function decodeAddress (hex: string): string {
  if (hex.length === 8) {
    const n = Number.parseInt(hex, 16)
    return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.')
  }
  const words: string[] = []
  for (let i = 0; i < 32; i += 8) {
    const w = hex.slice(i, i + 8)
    // Each 32-bit word is little-endian on the machines we run on.
    words.push(w.slice(6, 8) + w.slice(4, 6), w.slice(2, 4) + w.slice(0, 2))
  }
  const groups = words.map((g) => g.replace(/^0+(?=.)/, '').toLowerCase())
  if (groups.slice(0, 5).every((g) => g === '0') && groups[5] === 'ffff') {
    // An IPv4-mapped IPv6 address, as the kernel and Node print it: ::ffff:127.0.0.1
    return `::ffff:${decodeAddress(hex.slice(24, 32))}`
  }
  return formatIPv6(groups)
}

/**
 * Parse the text of /proc/net/tcp or /proc/net/tcp6. With `onlyState` (the kernel's hex code, e.g. `0A` for LISTEN),
 * other rows are skipped before their addresses are decoded: with thousands of connections that is most of the work.
 *
 * The kernel prints every row with one format (net/ipv4/tcp_ipv4.c get_tcp4_sock, net/ipv6/tcp_ipv6.c get_tcp6_sock):
 * `%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu ...`, the addresses 32 hex digits in tcp6.
 * So everything up to the retransmit count sits at a fixed distance from the row number's colon, and only uid,
 * timeout and inode need a scan. Reading fields by position instead of splitting each line on /\s+/ made parsing
 * 10,000 listeners about 5× faster (`npm run bench:ports`). A row that does not have that shape is skipped.
 */
export function parseProcNetTcp (text: string, family: Family, onlyState?: string): ProcSocket[] {
  const out: ProcSocket[] = []
  const hexLength = family === 'IPv4' ? 8 : 32
  const wanted = onlyState?.toUpperCase()
  // Thousands of rows share a few addresses (127.0.0.1, 0.0.0.0): decode each distinct one once.
  const addresses = new Map<string, string>()
  const address = (hex: string): string => {
    let a = addresses.get(hex)
    if (a === undefined) addresses.set(hex, a = decodeAddress(hex))
    return a
  }
  // Offsets from the first character of the local address: local:port remote:port state tx:rx tr:when retrnsmt.
  const remoteAt = hexLength + 6
  const stateAt = 2 * remoteAt
  const queuesAt = stateAt + 3
  const timerAt = queuesAt + 18
  const tailAt = timerAt + 21
  let lineStart = text.indexOf('\n') + 1 // the header
  while (lineStart > 0 && lineStart < text.length) {
    const next = text.indexOf('\n', lineStart)
    const lineEnd = next < 0 ? text.length : next
    const colon = text.indexOf(':', lineStart)
    lineStart = lineEnd + 1
    if (colon < 0 || colon >= lineEnd) continue
    const at = colon + 2
    if (at + tailAt > lineEnd || text[at + hexLength] !== ':' || text[at + remoteAt + hexLength] !== ':' || text[at + stateAt + 2] !== ' ') continue
    const st = text.slice(at + stateAt, at + stateAt + 2).toUpperCase()
    if (wanted !== undefined && st !== wanted) continue
    const tail = fields(text, at + tailAt, lineEnd, 3)
    if (tail.length < 3) continue
    const socket: ProcSocket = {
      family,
      localAddress: address(text.slice(at, at + hexLength)),
      localPort: Number.parseInt(text.slice(at + hexLength + 1, at + hexLength + 5), 16),
      remoteAddress: address(text.slice(at + remoteAt, at + remoteAt + hexLength)),
      remotePort: Number.parseInt(text.slice(at + remoteAt + hexLength + 1, at + remoteAt + hexLength + 5), 16),
      state: TCP_STATES[st] ?? st,
      uid: Number(tail[0]),
      inode: Number(tail[2]),
      txQueue: Number.parseInt(text.slice(at + queuesAt, at + queuesAt + 8), 16),
      rxQueue: Number.parseInt(text.slice(at + queuesAt + 9, at + queuesAt + 17), 16),
    }
    const timer = text.slice(at + timerAt, at + timerAt + 2)
    if (timer !== '00') socket.timerSeconds = Number.parseInt(text.slice(at + timerAt + 3, at + timerAt + 11), 16) / USER_HZ
    out.push(socket)
  }
  return out
}

/** Up to `count` space-separated fields of text[from, to). */
function fields (text: string, from: number, to: number, count: number): string[] {
  const out: string[] = []
  let i = from
  while (out.length < count) {
    while (i < to && text.charCodeAt(i) === 32) i++
    if (i >= to) break
    const start = i
    while (i < to && text.charCodeAt(i) !== 32) i++
    out.push(text.slice(start, i))
  }
  return out
}

/** Every TCP socket the kernel knows of in this network namespace. */
export async function readProcNetTcp (): Promise<ProcSocket[]> {
  const [v4, v6] = await Promise.all([
    readFile('/proc/net/tcp', 'utf8').catch(() => ''),
    readFile('/proc/net/tcp6', 'utf8').catch(() => ''),
  ])
  return [...parseProcNetTcp(v4, 'IPv4'), ...parseProcNetTcp(v6, 'IPv6')]
}

/** The socket inodes a process holds open. Empty when we may not look (another user's process without root). */
export async function socketInodesOf (pid: number): Promise<Set<number>> {
  const inodes = new Set<number>()
  let fds: string[]
  try {
    fds = await readdir(`/proc/${pid}/fd`)
  } catch {
    return inodes
  }
  await Promise.all(fds.map(async (fd) => {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`))
      if (m) inodes.add(Number(m[1]))
    } catch {
      // The fd closed while we looked.
    }
  }))
  return inodes
}

/** The TCP sockets a given process holds, as the kernel sees them (not as our own bookkeeping remembers). */
export async function tcpSocketsOf (pid: number): Promise<ProcSocket[]> {
  const [inodes, sockets] = await Promise.all([socketInodesOf(pid), readProcNetTcp()])
  return sockets.filter((s) => inodes.has(s.inode))
}

// ---- synchronous on purpose ---------------------------------------------------------------------------------------
// `ports` and `probe` read /proc once and exit: they gain nothing from async I/O, and with 10,000 sockets one
// synchronous pass over /proc/*/fd is several times faster than thousands of readlink calls queued on libuv's thread
// pool (`npm run bench:ports`). So the one owner lookup is synchronous; every listener lookup goes through
// listListeners (listeners.ts), which calls it.



/** A row's state (two hex digits) in /proc/net/tcp{,6} text, the row starting at `lineStart`; undefined if it has none. */
function stateOfRow (text: string, lineStart: number, family: Family): string | undefined {
  const colon = text.indexOf(':', lineStart)
  if (colon < 0) return undefined
  const at = colon + 2 + 2 * ((family === 'IPv4' ? 8 : 32) + 6)
  return text[at + 2] === ' ' ? text.slice(at, at + 2) : undefined
}

/**
 * The listening part of /proc/net/tcp or tcp6, without the rest. The kernel prints its listening hash before its
 * established one (tcp_get_idx in net/ipv4/tcp_ipv4.c, torvalds/linux: TCP_SEQ_STATE_LISTENING, then
 * TCP_SEQ_STATE_ESTABLISHED) and hands out one page per read(). So once a page ends on a row in another state, no
 * listener follows, and the rest is not read: every connection and TIME_WAIT socket, and the kernel's walk over its
 * whole established hash table, which costs milliseconds even when it is nearly empty. Measured here with one
 * listener and 329 TIME_WAIT sockets: the first page of /proc/net/tcp in 0.25 ms, the whole file in 4–8 ms.
 * SYN_RECV (03) rows do not end the section: kernels before 4.4 print a listener's pending requests under it.
 * Empty when the file cannot be read.
 */
export function readListeningText (path: string, family: Family): string {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch {
    return ''
  }
  const chunks: string[] = []
  const buffer = Buffer.allocUnsafe(64 * 1024)
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null)
      if (n === 0) break
      const chunk = buffer.toString('latin1', 0, n)
      const complete = chunk.lastIndexOf('\n') + 1
      const lastRow = chunk.lastIndexOf('\n', complete - 2) + 1
      const state = complete > 0 ? stateOfRow(chunk, lastRow, family) : undefined
      if (state !== undefined && state !== '0A' && state !== '03') {
        // Whole rows only: a row cut short could be misread.
        chunks.push(chunk.slice(0, complete))
        break
      }
      chunks.push(chunk)
    }
  } catch {
    // The file went away while we read (a namespace removed): what was read stands.
  } finally {
    closeSync(fd)
  }
  return chunks.join('')
}

/** The listening TCP sockets (both families), optionally only those on one port. */
export function readListeningSync (port?: number): ProcSocket[] {
  const all = [...parseProcNetTcp(readListeningText('/proc/net/tcp', 'IPv4'), 'IPv4', '0A'), ...parseProcNetTcp(readListeningText('/proc/net/tcp6', 'IPv6'), 'IPv6', '0A')]
  return port === undefined ? all : all.filter((s) => s.localPort === port)
}

/**
 * Which processes hold these socket inodes, in one pass over /proc/<pid>/fd of every process we may read (all of them
 * as root; only our own user's otherwise), however many inodes are asked for. Each owner as every listener source
 * reports one: `command` the short name (/proc/<pid>/comm), `commandLine` the arguments joined by spaces with their
 * secrets redacted (or the short name, for a kernel thread that has none), `user` who it runs as.
 */
export function ownersOf (inodes: Iterable<number>): Map<number, Owner[]> {
  const wanted = new Set(inodes)
  const found = new Map<number, Owner[]>()
  if (wanted.size === 0) return found
  for (const pid of processIds()) {
    let fds: string[]
    try {
      fds = readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    let owner: Owner | undefined
    for (const fd of fds) {
      let link: string
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      if (!link.startsWith('socket:[')) continue
      const inode = Number(link.slice(8, -1))
      if (!wanted.has(inode)) continue
      if (!owner) {
        const name = readProcText(`/proc/${pid}/comm`)?.trim() ?? '?'
        // Redacted here, as it is read: nothing downstream (a table, --json, the dashboard) can print the secret.
        const cmdline = redactArgv(readProcText(`/proc/${pid}/cmdline`)?.split('\0').filter(Boolean) ?? []).join(' ')
        owner = { pid: Number(pid), command: name, commandLine: cmdline || name }
        const uid = effectiveUid(readProcText(`/proc/${pid}/status`))
        if (uid !== undefined) owner.user = userName(uid)
      }
      const list = found.get(inode) ?? []
      if (!list.some((o) => o.pid === owner!.pid)) list.push(owner)
      found.set(inode, list)
    }
  }
  return found
}
