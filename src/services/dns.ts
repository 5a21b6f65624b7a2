/**
 * A DNS server of the smallest kind, for a network namespace of our own: it answers A and AAAA questions from a table
 * and says NXDOMAIN ("no such name") for every other name, as a real resolver answers for a name nobody registered.
 * It keeps every question it was asked, so a lesson can show which names the C library sent to DNS and which it
 * answered itself (from /etc/hosts). UDP only, no recursion, no forwarding: nothing it is asked leaves its namespace.
 *
 * Beware: glibc's resolver (/etc/resolv.conf) can only name port 53, so this listens on 53: as root, inside a
 * namespace of ours, never in the machine's own.
 */
import dgram from 'node:dgram'
import { isIP } from 'node:net'

/** One question that arrived: the name and the record type asked for. */
export interface DnsQuestion {
  name: string
  type: 'A' | 'AAAA' | string
}

export interface DnsServerOptions {
  /** Names and their addresses (IPv4 answers A questions, IPv6 answers AAAA). Default: no names at all. */
  names?: Record<string, string[]>
  /** The address to listen on. Default `127.0.0.1`. */
  host?: string
  /** Default 53: the only port /etc/resolv.conf can name. */
  port?: number
}

export interface DnsServer {
  address: string
  port: number
  /** Every question asked since the last call, in order; the list starts empty again. */
  takeQuestions (): DnsQuestion[]
  close (): Promise<void>
}

const TYPES: Record<number, string> = { 1: 'A', 28: 'AAAA' }
const NXDOMAIN = 3

/** The question's name and where the question section ends, or undefined for a packet that is not one. */
function readQuestion (msg: Buffer): { name: string, type: number, end: number } | undefined {
  if (msg.length < 17 || msg.readUInt16BE(4) !== 1) return undefined
  const labels: string[] = []
  let i = 12
  while (i < msg.length && msg[i] !== 0) {
    const len = msg[i]!
    // A compression pointer has no place in a question: refuse the packet rather than follow it.
    if (len > 63 || i + 1 + len > msg.length) return undefined
    labels.push(msg.subarray(i + 1, i + 1 + len).toString('latin1'))
    i += len + 1
  }
  if (i + 5 > msg.length) return undefined
  return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), end: i + 5 }
}

function addressBytes (address: string): Buffer {
  if (isIP(address) === 4) return Buffer.from(address.split('.').map(Number))
  // Expand `::` so every address is eight groups of 16 bits.
  const [head, tail] = address.split('::') as [string, string | undefined]
  const h = head === '' ? [] : head.split(':')
  const t = tail === undefined || tail === '' ? [] : tail.split(':')
  const groups = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t]
  const out = Buffer.alloc(16)
  groups.forEach((g, n) => out.writeUInt16BE(parseInt(g, 16), n * 2))
  return out
}

function answer (msg: Buffer, q: { name: string, type: number, end: number }, names: Record<string, string[]>): Buffer {
  const known = names[q.name]
  const family = q.type === 1 ? 4 : q.type === 28 ? 6 : 0
  const addresses = (known ?? []).filter((a) => isIP(a) === family)
  const header = Buffer.from(msg.subarray(0, 12))
  header[2] = 0x84 | (msg[2]! & 0x01) // a response (QR), authoritative (AA), RD copied from the question
  header[3] = known === undefined ? 0x80 | NXDOMAIN : 0x80 // RA; NXDOMAIN when we have never heard of the name
  header.writeUInt16BE(addresses.length, 6)
  header.writeUInt16BE(0, 8)
  header.writeUInt16BE(0, 10) // the question's EDNS record is not echoed
  const records = addresses.map((a) => {
    const data = addressBytes(a)
    const rr = Buffer.alloc(12)
    rr.writeUInt16BE(0xc00c, 0) // the name: a pointer to the question's
    rr.writeUInt16BE(q.type, 2)
    rr.writeUInt16BE(1, 4) // class IN
    rr.writeUInt32BE(5, 6) // TTL in seconds
    rr.writeUInt16BE(data.length, 10)
    return Buffer.concat([rr, data])
  })
  return Buffer.concat([header, msg.subarray(12, q.end), ...records])
}

export async function startDnsServer (opts: DnsServerOptions = {}): Promise<DnsServer> {
  const host = opts.host ?? '127.0.0.1'
  const names = Object.fromEntries(Object.entries(opts.names ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  const questions: DnsQuestion[] = []
  const socket = dgram.createSocket(isIP(host) === 6 ? 'udp6' : 'udp4')
  socket.on('message', function dnsOnMessage (msg, rinfo) {
    const q = readQuestion(msg)
    if (q === undefined) return
    questions.push({ name: q.name, type: TYPES[q.type] ?? String(q.type) })
    socket.send(answer(msg, q, names), rinfo.port, rinfo.address)
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject)
    socket.bind(opts.port ?? 53, host, () => {
      socket.off('error', reject)
      resolve()
    })
  })
  // A late send to a client that went away is not our failure.
  socket.on('error', () => {})
  const bound = socket.address()
  return {
    address: bound.address,
    port: bound.port,
    takeQuestions: () => questions.splice(0),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  }
}
