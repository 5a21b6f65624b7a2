/**
 * The greeting: connect and say nothing. SSH, MySQL/MariaDB, SMTP, FTP and VNC servers speak first; HTTP, TLS, Redis,
 * PostgreSQL and MongoDB wait for the client. Nothing is sent, so this probe cannot trouble any server.
 */
import type { Protocol } from '../types.js'
import { oneTurn } from './conversation.js'
import { quote } from './quote.js'

export interface Greeting {
  /** What the server sent unasked within the wait (empty when it waits for us). */
  bytes: Buffer
  connected: boolean
  /** The connect's error code (ECONNREFUSED …), when it failed. */
  connectCode?: string
  /** The server closed the connection without a word. */
  closed: boolean
}

export interface GreetingMatch {
  protocol: Protocol
  product?: string
  version?: string
  evidence: string
}

interface GreetingSignature {
  protocol: Protocol
  /** Reads the greeting; undefined when it is not this protocol's. */
  match (bytes: Buffer): Omit<GreetingMatch, 'protocol'> | undefined
  source: string
}

const text = (bytes: Buffer): string => bytes.toString('latin1')

/** What each protocol's server sends first, as its specification writes it. */
export const GREETINGS: readonly GreetingSignature[] = [
  {
    protocol: 'ssh',
    // "SSH-protoversion-softwareversion SP comments CR LF"
    match (bytes) {
      const m = /^SSH-(\d+\.\d+)-([^\s\r\n]+)/.exec(text(bytes))
      if (!m) return undefined
      const [name, version] = m[2]!.split('_')
      return { product: name!, ...(version !== undefined && { version }), evidence: `greeting: ${quote(m[0])}` }
    },
    source: 'https://www.rfc-editor.org/rfc/rfc4253#section-4.2',
  },
  {
    protocol: 'mysql',
    // Protocol::HandshakeV10: a 3-byte length, a sequence id 0, protocol version 10, then the server version, NUL-ended.
    match (bytes) {
      if (bytes.length < 6 || bytes[3] !== 0 || bytes[4] !== 10) return undefined
      const end = bytes.indexOf(0, 5)
      if (end < 0) return undefined
      const version = bytes.subarray(5, end).toString('latin1')
      if (!/^\d+\.\d+/.test(version)) return undefined
      const product = /mariadb/i.test(version) ? 'MariaDB' : 'MySQL'
      return { product, version: version.replace(/^5\.5\.5-/, ''), evidence: `greeting: handshake v10, server version ${quote(version)}` }
    },
    source: 'https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_connection_phase_packets_protocol_handshake_v10.html',
  },
  {
    protocol: 'vnc',
    // ProtocolVersion: "RFB 003.008\n", twelve bytes.
    match (bytes) {
      const m = /^RFB (\d{3})\.(\d{3})\n/.exec(text(bytes))
      return m ? { product: 'VNC (RFB)', version: `${Number(m[1])}.${Number(m[2])}`, evidence: `greeting: ${quote(m[0])}` } : undefined
    },
    source: 'https://www.rfc-editor.org/rfc/rfc6143#section-7.1.1',
  },
  {
    protocol: 'smtp',
    // A 220 greeting; SMTP servers name the protocol in it ("ESMTP"), which is what tells it from FTP's 220.
    match (bytes) {
      const line = text(bytes).split(/\r?\n/)[0]!
      return /^220[ -]/.test(line) && /\bE?SMTP\b/i.test(line) ? { evidence: `greeting: ${quote(line)}` } : undefined
    },
    source: 'https://www.rfc-editor.org/rfc/rfc5321#section-4.3.1',
  },
  {
    protocol: 'ftp',
    // "220 Service ready for new user."; FTP servers usually name themselves (vsftpd, ProFTPD, FileZilla) and FTP.
    match (bytes) {
      const line = text(bytes).split(/\r?\n/)[0]!
      return /^220[ -]/.test(line) && /FTP/i.test(line) ? { evidence: `greeting: ${quote(line)}` } : undefined
    },
    source: 'https://www.rfc-editor.org/rfc/rfc959#section-5.4',
  },
]

/** Wait `waitMs` for the server to speak first; read at most a few KB. */
export async function readGreeting (host: string, port: number, waitMs: number, signal?: AbortSignal): Promise<Greeting> {
  // Any byte is a greeting; waiting for more would only add time: the first segment holds the banner.
  const r = await oneTurn({ host, port, timeoutMs: waitMs, signal, enough: (b) => b.length > 0 })
  const g: Greeting = { bytes: r.bytes, connected: r.connected, closed: r.connected && r.ended && r.bytes.length === 0 }
  if (r.connectCode !== undefined) g.connectCode = r.connectCode
  return g
}

/** The protocol a greeting belongs to, or undefined. */
export function matchGreeting (bytes: Buffer): GreetingMatch | undefined {
  for (const sig of GREETINGS) {
    const m = sig.match(bytes)
    if (m) return { protocol: sig.protocol, ...m }
  }
  return undefined
}
