/**
 * A length that is really another protocol's first bytes. A program that frames its messages with a 4-byte length
 * reads the first bytes of whatever the other side sent as that length; when the other side speaks another protocol,
 * the "length" is its text: `GET ` read as a big-endian number is 1195725856. Kafka ("Invalid receive (size =
 * 1195725856 …)"), ZooKeeper ("Packet len1213486160 is out of range!"), Thrift ("Frame size (1347375956) larger than max
 * length"), OpenSSH ("Bad packet length 1213486160") and libvirt ("packet 1397966889 bytes received from server too
 * large", its length word already taken off) print it big-endian; MongoDB's wire protocol is little-endian ("message
 * len 1347703880 is invalid": `HTTP`). Elasticsearch prints the four bytes themselves, in hex ("invalid internal
 * transport message format, got (47,45,54,20)").
 *
 * Decoding the number back to its bytes names the protocol the other side spoke, which is the whole diagnosis.
 */
import type { Meaning } from './lexicon.js'

/** How each protocol's first bytes begin, from its specification. */
const OPENINGS: Array<{ bytes: string, is: string }> = [
  // The request line starts with the method (RFC 9110 §9; PATCH, RFC 5789): an HTTP client talked to this port.
  ...['GET ', 'HEAD', 'POST', 'PUT ', 'DELE', 'CONN', 'OPTI', 'TRAC', 'PATC'].map((bytes) => ({ bytes, is: 'an HTTP request' })),
  // The status line starts with the version (RFC 9112 §4): an HTTP server answered.
  { bytes: 'HTTP', is: 'an HTTP response' },
  // The HTTP/2 connection preface (RFC 9113 §3.4).
  { bytes: 'PRI ', is: 'an HTTP/2 connection preface' },
  // The identification string (RFC 4253 §4.2).
  { bytes: 'SSH-', is: 'an SSH banner' },
  // The greetings of SMTP (RFC 5321 §4.2) and FTP (RFC 959 §4.2), POP3 (RFC 1939 §4), IMAP (RFC 9051 §7.1.1), VNC's
  // ProtocolVersion (RFC 6143 §7.1.1), AMQP's protocol header (AMQP 0-9-1 §4.2.2) and a Redis error reply (RESP).
  { bytes: '220 ', is: 'an SMTP or FTP greeting' },
  { bytes: '220-', is: 'an SMTP or FTP greeting' },
  { bytes: '+OK ', is: 'a POP3 greeting' },
  { bytes: '* OK', is: 'an IMAP greeting' },
  { bytes: 'RFB ', is: 'a VNC greeting' },
  { bytes: 'AMQP', is: 'an AMQP protocol header' },
  { bytes: '-ERR', is: 'a Redis error reply' },
]

/** A TLS record: content type 22 (handshake) or 21 (alert), then version 3.x (RFC 8446 §5.1). */
const isTlsRecord = (b: number[]): boolean => (b[0] === 0x16 || b[0] === 0x15) && b[1] === 0x03 && b[2]! <= 0x04

const shown = (b: number[]): string => b.map((c) => String.fromCharCode(c)).join('')

/**
 * Lines whose every byte is fixed, for a length read at an offset into them: AMQP 0-9-1 reads its frame size from
 * bytes 3 to 6 (type, channel, then size; §4.2.3), which of "HTTP/1.1 400" are "P/1." (amqplib: "Frame size 1345270062").
 */
const FIXED_LINES: Array<{ text: string, is: string }> = [
  { text: 'HTTP/1.1 ', is: 'an HTTP/1.1 status line' },
  { text: 'HTTP/1.0 ', is: 'an HTTP/1.0 status line' },
  // What an HTTP server answers bytes it cannot parse (pymongo read " 400" of it as a response id).
  { text: 'HTTP/1.1 400 Bad Request\r\n', is: 'an HTTP server\'s 400 Bad Request' },
  { text: 'SSH-2.0-', is: 'an SSH banner' },
]

/** What the four bytes are, in words ("the start of an SSH banner", "part of an HTTP/1.1 status line"), or null. */
function opening (b: number[]): string | null {
  if (isTlsRecord(b)) return 'the start of a TLS record (a TLS client or server on the other side)'
  const text = shown(b)
  const start = OPENINGS.find((o) => o.bytes === text)
  if (start) return `the start of ${start.is}`
  const line = FIXED_LINES.find((l) => l.text.includes(text))
  return line ? `part of ${line.is}` : null
}

const bigEndian = (n: number): number[] => [n >>> 24 & 255, n >>> 16 & 255, n >>> 8 & 255, n & 255]

/**
 * What a printed length means when it is another protocol's first four bytes: read big-endian, little-endian, and
 * with the 4-byte length word added back (libvirt prints the length without it). Null for any ordinary number.
 * `anywhere`: the number stands without a word saying it is a length (a translated message: "Paket 1397966889",
 * "数据包 1397966889"): only an exact opening counts then, a few hundred values of four billion.
 */
export function foreignLengthMeaning (printed: string, anywhere = false): Meaning | null {
  const n = Number(printed)
  if (!Number.isSafeInteger(n) || n < 0x01000000 || n > 0xffffffff) return null
  for (const value of [n, n + 4]) {
    if (value > 0xffffffff) continue
    const be = bigEndian(value)
    for (const bytes of [be, [...be].reverse()]) {
      const is = opening(bytes)
      if (is) return { kind: 'protocol-mismatch', weight: anywhere ? 0.8 : 0.9, code: `bytes:${printed}`, means: `the ${anywhere ? 'number' : 'length'} ${printed} is ${JSON.stringify(shown(bytes).replace(/[^\x20-\x7e]/g, '.'))}, ${is}: the other side speaks another protocol` }
    }
  }
  if (anywhere) return null
  // Text no table names (sshd's "Protocol mismatch." read by an ssh client is "Prot"): a length no program sends,
  // whose bytes are words, is still text where a binary length belongs.
  const text = shown(bigEndian(n))
  if (/^[\x20-\x7e]{4}$/.test(text) && (text.match(/[A-Za-z]/g) ?? []).length >= 3) {
    return { kind: 'protocol-mismatch', weight: 0.6, code: `bytes:${printed}`, means: `the length ${printed} is the text ${JSON.stringify(text)}: the other side sent text where a binary length belongs` }
  }
  return null
}

/** The same for four bytes printed in hex (Elasticsearch's `got (47,45,54,20)`). */
export function foreignBytesMeaning (hex: string[]): Meaning | null {
  const bytes = hex.map((h) => parseInt(h, 16))
  if (bytes.length !== 4 || bytes.some((b) => !(b >= 0 && b <= 255))) return null
  const is = opening(bytes)
  return is ? { kind: 'protocol-mismatch', weight: 0.9, means: `the first bytes (${hex.join(',')}) are ${is}: the other side speaks another protocol` } : null
}
