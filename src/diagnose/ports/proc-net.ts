/**
 * Linux: the kernel's own table of TCP sockets (/proc/net/tcp and tcp6) and which process holds each socket
 * (/proc/<pid>/fd links to `socket:[inode]`). Read-only; connects to nothing.
 */
import { closeSync, openSync, readSync, readdirSync, readlinkSync, statSync } from 'node:fs'
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
  const wanted0 = wanted?.charCodeAt(0)
  const wanted1 = wanted?.charCodeAt(1)
  // Thousands of rows share a few addresses (127.0.0.1, 0.0.0.0): decode each distinct one once. IPv4 addresses are
  // keyed by their number, so a row's address costs no string until a new one turns up.
  const v4 = new Map<number, string>()
  const v6 = new Map<string, string>()
  const address = (from: number): string => {
    if (hexLength === 8) {
      const n = hexAt(text, from, 8)
      let a = v4.get(n)
      if (a === undefined) v4.set(n, a = decodeAddress(text.slice(from, from + 8)))
      return a
    }
    const hex = text.slice(from, from + 32)
    let a = v6.get(hex)
    if (a === undefined) v6.set(hex, a = decodeAddress(hex))
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
    if (at + tailAt > lineEnd || text.charCodeAt(at + hexLength) !== 58 || text.charCodeAt(at + remoteAt + hexLength) !== 58 || text.charCodeAt(at + stateAt + 2) !== 32) continue
    // The kernel prints hex in upper case; `| 32` compares either case.
    if (wanted !== undefined && ((text.charCodeAt(at + stateAt) | 32) !== (wanted0! | 32) || (text.charCodeAt(at + stateAt + 1) | 32) !== (wanted1! | 32))) continue
    // uid, timeout and inode: decimal, space-separated, of varying width.
    const uidEnd = fieldEnd(text, at + tailAt, lineEnd)
    const timeoutEnd = fieldEnd(text, uidEnd, lineEnd)
    const inodeEnd = fieldEnd(text, timeoutEnd, lineEnd)
    if (inodeEnd === timeoutEnd) continue
    const st = wanted ?? text.slice(at + stateAt, at + stateAt + 2).toUpperCase()
    const socket: ProcSocket = {
      family,
      localAddress: address(at),
      localPort: hexAt(text, at + hexLength + 1, 4),
      remoteAddress: address(at + remoteAt),
      remotePort: hexAt(text, at + remoteAt + hexLength + 1, 4),
      state: TCP_STATES[st] ?? st,
      uid: decimalBefore(text, uidEnd),
      inode: decimalBefore(text, inodeEnd),
      txQueue: hexAt(text, at + queuesAt, 8),
      rxQueue: hexAt(text, at + queuesAt + 9, 8),
    }
    if (text.charCodeAt(at + timerAt) !== 48 || text.charCodeAt(at + timerAt + 1) !== 48) socket.timerSeconds = hexAt(text, at + timerAt + 3, 8) / USER_HZ
    out.push(socket)
  }
  return out
}

/**
 * The number written in `length` hex digits at text[from]. By hand rather than parseInt(text.slice(...), 16): no
 * string per field. The row's shape was checked before.
 */
function hexAt (text: string, from: number, length: number): number {
  let n = 0
  for (let i = from; i < from + length; i++) {
    const c = text.charCodeAt(i) | 32 // lower case; digits are unchanged
    n = n * 16 + (c <= 57 ? c - 48 : c - 87)
  }
  return n
}

/** Where the space-separated field after text[from] ends (skipping the spaces before it), at most `to`. */
function fieldEnd (text: string, from: number, to: number): number {
  let i = from
  while (i < to && text.charCodeAt(i) === 32) i++
  while (i < to && text.charCodeAt(i) !== 32) i++
  return i
}

/** The decimal number that ends just before text[end] (the kernel's %u and %lu fields). */
function decimalBefore (text: string, end: number): number {
  let start = end
  while (start > 0 && text.charCodeAt(start - 1) !== 32) start--
  return Number(text.slice(start, end))
}

/**
 * node:fs/promises at the first async read, not at import: it loads fs/dir, the watchers and readline's interface
 * with it (1.1–1.5 ms of Node 20's start here), and `ports` and `probe` only read synchronously.
 */
async function fsPromises (): Promise<typeof import('node:fs/promises')> {
  return await import('node:fs/promises')
}

/** Every TCP socket the kernel knows of in this network namespace. */
export async function readProcNetTcp (): Promise<ProcSocket[]> {
  const { readFile } = await fsPromises()
  const [v4, v6] = await Promise.all([
    readFile('/proc/net/tcp', 'utf8').catch(() => ''),
    readFile('/proc/net/tcp6', 'utf8').catch(() => ''),
  ])
  return [...parseProcNetTcp(v4, 'IPv4'), ...parseProcNetTcp(v6, 'IPv6')]
}

/** The socket inodes a process holds open. Empty when we may not look (another user's process without root). */
export async function socketInodesOf (pid: number): Promise<Set<number>> {
  const inodes = new Set<number>()
  const { readdir, readlink } = await fsPromises()
  let fds: string[]
  try {
    fds = await readdir(`/proc/${pid}/fd`)
  } catch {
    return inodes
  }
  await Promise.all(fds.map(async (fd) => {
    try {
      const inode = socketInode(await readlink(`/proc/${pid}/fd/${fd}`))
      if (inode >= 0) inodes.add(inode)
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



/** The inode in a /proc/<pid>/fd link `socket:[12345]`, or -1 for any other link (a file, a pipe, anon_inode:...). */
function socketInode (link: string): number {
  return link.startsWith('socket:[') && link.endsWith(']') ? Number(link.slice(8, -1)) : -1
}

/** A row's state (two hex digits) in /proc/net/tcp{,6} text, the row starting at `lineStart`; undefined if it has none. */
function stateOfRow (text: string, lineStart: number, family: Family): string | undefined {
  const colon = text.indexOf(':', lineStart)
  if (colon < 0) return undefined
  const at = colon + 2 + 2 * ((family === 'IPv4' ? 8 : 32) + 6)
  return text[at + 2] === ' ' ? text.slice(at, at + 2) : undefined
}

/**
 * The kernel fills one buffer of a page per read() (seq_read_iter in fs/seq_file.c, torvalds/linux) and stops
 * short of it only when the next row would not fit, or when there is no next row. No page is smaller than 4 KB, and
 * no row of tcp or tcp6 is near 512 bytes (about 150 and 180: the formats in get_tcp4_sock and get_tcp6_sock).
 * Asked for fewer bytes than a page, it stops adding rows as soon as it holds that many (the rest of a row it cut
 * waits for the next read): a read asked for at most PAGE_LEAST - ROW_MOST bytes returns all of them unless the
 * table ended.
 */
const PAGE_LEAST = 4096
const ROW_MOST = 512
/** The first read's size: the header and a row or two. Each read after it asks for twice as much, up to a page. */
const FIRST_READ = 512

/**
 * The listening part of /proc/net/tcp or tcp6, without the rest. The kernel prints its listening hash before its
 * established one (tcp_get_idx in net/ipv4/tcp_ipv4.c, torvalds/linux: TCP_SEQ_STATE_LISTENING, then
 * TCP_SEQ_STATE_ESTABLISHED), and reads go on from where the last one stopped. So once a read ends on a row in
 * another state, no listener follows, and the rest is not read: every connection and TIME_WAIT socket, and the
 * kernel's walk over its whole established hash table, which costs milliseconds even when it is nearly empty.
 * Each row the kernel prints after the listeners is one more stretch of that walk (to the next bucket that holds a
 * socket), so the first reads are small: a page-sized first read, filled with 27 TIME_WAIT rows after two listeners,
 * took 1.25 ms here, a 512-byte one 0.06 ms (262,144 buckets, 27 TIME_WAIT sockets); a table with no row after the
 * listeners is walked to its end either way (2.2 ms). Measured before with one listener and 329 TIME_WAIT sockets:
 * the first page of /proc/net/tcp in 0.25 ms, the whole file in 4–8 ms.
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
  // One buffer for the whole section, decoded once at the end: a string per page (the kernel hands out 4 KB per
  // read) was 370 strings and a join for 10,000 listeners.
  let buffer = Buffer.allocUnsafe(256 * 1024)
  let length = 0
  let rowsEnd = 0
  let ask = FIRST_READ
  try {
    for (;;) {
      if (buffer.length - length < 64 * 1024) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2)
        buffer.copy(bigger, 0, 0, length)
        buffer = bigger
      }
      const small = ask <= PAGE_LEAST - ROW_MOST
      const n = readSync(fd, buffer, length, small ? ask : buffer.length - length, null)
      if (n === 0) break
      const from = length
      length += n
      // Fewer bytes than asked for (a small read), or a page with room left for another row, means the kernel had
      // no row left: that was the end of the file, and the read that would say so (n === 0) walks the kernel's whole
      // table again, about as long as this one.
      if (small ? n < ask : n <= PAGE_LEAST - ROW_MOST) break
      ask *= 2
      const complete = buffer.lastIndexOf(10, length - 1) + 1
      if (complete <= from) continue
      const lastRow = complete >= 2 ? buffer.lastIndexOf(10, complete - 2) + 1 : 0
      const state = stateOfRow(buffer.toString('latin1', lastRow, complete), 0, family)
      if (state !== undefined && state !== '0A' && state !== '03') {
        // Whole rows only: a row cut short could be misread.
        rowsEnd = complete
        break
      }
    }
  } catch {
    // The file went away while we read (a namespace removed): what was read stands.
  } finally {
    closeSync(fd)
  }
  return buffer.toString('latin1', 0, rowsEnd || length)
}

/**
 * How many TCP sockets of a family are in the kernel's hash tables (`TCP: inuse N` in /proc/net/sockstat, `TCP6:
 * inuse N` in sockstat6), undefined when unreadable. Every listening socket is among them: __inet_hash
 * (net/ipv4/inet_hashtables.c, torvalds/linux) counts it with sock_prot_inuse_add as it enters the listening hash,
 * under its protocol (tcp_prot, or tcpv6_prot for an IPv6 socket, a dual-stack `::` one included). So at 0 the table
 * holds no listener, and reading it would only walk the kernel's empty established hash: 2.2 ms of /proc/net/tcp6
 * here, where no IPv6 socket is open; sockstat6 took 0.02 ms.
 */
export function tcpInUse (family: Family): number | undefined {
  const text = readProcText(family === 'IPv4' ? '/proc/net/sockstat' : '/proc/net/sockstat6')
  const m = text === undefined ? null : (family === 'IPv4' ? /^TCP: inuse (\d+)/m : /^TCP6: inuse (\d+)/m).exec(text)
  return m ? Number(m[1]) : undefined
}

/** The listening part of a family's table; empty without reading it when sockstat says it holds no socket. */
function listeningText (family: Family): string {
  if (tcpInUse(family) === 0) return ''
  return readListeningText(family === 'IPv4' ? '/proc/net/tcp' : '/proc/net/tcp6', family)
}

/** The listening TCP sockets (both families), optionally only those on one port. */
export function readListeningSync (port?: number): ProcSocket[] {
  const all = [...parseProcNetTcp(listeningText('IPv4'), 'IPv4', '0A'), ...parseProcNetTcp(listeningText('IPv6'), 'IPv6', '0A')]
  return port === undefined ? all : all.filter((s) => s.localPort === port)
}

/**
 * Whether stat() of /proc/<pid>/fd counts the process's open descriptors in its size: Linux 6.2 and later
 * (proc_fd_getattr in fs/proc/fd.c, torvalds/linux); before, the size is 0. This process always has some open (Node's
 * epoll and event descriptors), so a size of 0 for its own means the kernel does not count them.
 */
function fdsCounted (): boolean {
  return openFds('/proc/self/fd/') > 0
}

/**
 * The size of a /proc/<pid>/fd directory, or -1 when stat fails (the process is gone). A kernel thread or a zombie
 * has no descriptor table (0): one stat instead of listing an empty directory (open, two getdents, close), ~4 against
 * ~11 µs here, where two thirds of the processes are kernel threads.
 */
function openFds (dir: string): number {
  try {
    return statSync(dir, { throwIfNoEntry: false })?.size ?? -1
  } catch {
    return -1
  }
}

/** linkAt's answer for a descriptor of a process we may not look at. */
const DENIED = Symbol('denied')

/** Where a /proc/<pid>/fd link points; undefined when the fd is gone (or never was), DENIED when we may not look. */
function linkAt (path: string): string | undefined | typeof DENIED {
  try {
    return readlinkSync(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return code === 'EACCES' || code === 'EPERM' ? DENIED : undefined
  }
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
  const counted = fdsCounted()
  for (const pid of processIds()) {
    const dir = `/proc/${pid}/fd/`
    if (counted && openFds(dir) === 0) continue
    // fd 0 before the listing: a process we may not look at says so there, before its directory is listed (this
    // sandbox's init: 281 names in 0.29 ms, then refused at the first of them).
    const first = linkAt(dir + '0')
    if (first === DENIED) continue
    let fds: string[]
    try {
      fds = readdirSync(dir)
    } catch {
      continue
    }
    let owner: Owner | undefined
    for (const fd of fds) {
      const link = fd === '0' ? first : linkAt(dir + fd)
      // May not look at one fd of a process, may look at none (the kernel's ptrace access check is per process):
      // skip the rest rather than pay for one exception per fd. An fd that closed while we looked is just gone.
      if (link === DENIED) break
      if (link === undefined) continue
      const inode = socketInode(link)
      if (inode < 0 || !wanted.has(inode)) continue
      if (!owner) {
        const name = readProcText(`/proc/${pid}/comm`)?.trim() ?? '?'
        // Redacted here, as it is read: nothing downstream (a table, --json, the dashboard) can print the secret.
        const cmdline = redactArgv(readProcText(`/proc/${pid}/cmdline`)?.split('\0').filter(Boolean) ?? []).join(' ')
        owner = { pid, command: name, commandLine: cmdline || name }
        const uid = effectiveUid(readProcText(`/proc/${pid}/status`))
        if (uid !== undefined) owner.user = userName(uid)
      }
      const list = found.get(inode)
      if (list === undefined) found.set(inode, [owner])
      else if (!list.includes(owner)) list.push(owner)
    }
  }
  return found
}
