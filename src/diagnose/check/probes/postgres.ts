/**
 * PostgreSQL: an SSLRequest, then a startup message for user `postgres` and database `postgres`, then stop at the
 * server's first answer. The startup message asks what the server requires; it carries no password, and the
 * connection is closed at the authentication request (or at AuthenticationOk, before any query can be sent).
 */
import { withConversation } from './conversation.js'
import { quote } from './quote.js'

export interface PostgresAnswer {
  protocol: 'postgres'
  product: 'PostgreSQL'
  version?: string
  auth: 'none' | 'required' | 'unknown'
  evidence: string[]
  notes: string[]
}

/** The protocol's numbers, from "Message Formats" of the PostgreSQL documentation. */
export const POSTGRES_PROTOCOL = {
  /** SSLRequest's request code: 1234 in the high 16 bits, 5679 in the low. */
  sslRequest: 80877103,
  /** Protocol version 3.0, the startup message's first field. */
  version3: 196608,
  /** Authentication request codes ('R' messages): what the server wants next. */
  auth: { 0: 'AuthenticationOk', 2: 'AuthenticationKerberosV5', 3: 'AuthenticationCleartextPassword', 5: 'AuthenticationMD5Password', 7: 'AuthenticationGSS', 9: 'AuthenticationSSPI', 10: 'AuthenticationSASL' } as Record<number, string>,
  source: 'https://www.postgresql.org/docs/current/protocol-message-formats.html',
} as const

function startupMessage (): Buffer {
  const params = Buffer.from('user\0postgres\0database\0postgres\0application_name\0localhost-lab-check\0\0', 'latin1')
  const head = Buffer.alloc(8)
  head.writeInt32BE(8 + params.length, 0)
  head.writeInt32BE(POSTGRES_PROTOCOL.version3, 4)
  return Buffer.concat([head, params])
}

/** A whole backend message ('R', 'E' …: a type byte, then an int32 length that counts itself) has arrived. */
function wholeMessage (b: Buffer): boolean {
  return b.length >= 5 && b.length >= 1 + b.readInt32BE(1)
}

/** An ErrorResponse's fields (S severity, C code, M message …). */
function errorFields (b: Buffer): Record<string, string> {
  const fields: Record<string, string> = {}
  let at = 5
  while (at < b.length && b[at] !== 0) {
    const end = b.indexOf(0, at + 1)
    if (end < 0) break
    fields[String.fromCharCode(b[at]!)] = b.subarray(at + 1, end).toString('utf8')
    at = end + 1
  }
  return fields
}

export function probePostgres (host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<PostgresAnswer | undefined> {
  return withConversation({ host, port, timeoutMs, signal }, async (c, left) => {
    const ssl = Buffer.alloc(8)
    ssl.writeInt32BE(8, 0)
    ssl.writeInt32BE(POSTGRES_PROTOCOL.sslRequest, 4)
    c.write(ssl)
    const first = await c.read((b) => b.length >= 1, left())
    const answer = first.bytes.toString('latin1', 0, 1)
    // Exactly one byte, S or N: anything more is not PostgreSQL answering an SSLRequest.
    if (first.bytes.length !== 1 || (answer !== 'S' && answer !== 'N')) return undefined
    const result: PostgresAnswer = { protocol: 'postgres', product: 'PostgreSQL', auth: 'unknown', evidence: [`SSLRequest -> ${answer === 'S' ? "'S' (TLS offered)" : "'N' (no TLS)"}`], notes: [] }
    if (answer === 'S' && !await c.startTls(left())) {
      result.notes.push('the TLS handshake after SSLRequest failed: the startup message was not sent')
      return result
    }
    c.write(startupMessage())
    const reply = await c.read(wholeMessage, left())
    const b = reply.bytes
    if (b.length >= 9 && b[0] === 0x52 /* R */) {
      const code = b.readInt32BE(5)
      const name = POSTGRES_PROTOCOL.auth[code] ?? `authentication request ${code}`
      result.evidence.push(`startup (user postgres, database postgres) -> ${name}${code === 10 ? ` (${quote(b.subarray(9).toString('latin1').split('\0').filter(Boolean).join(', '))})` : ''}`)
      result.auth = code === 0 ? 'none' : 'required'
      if (code === 0) {
        // ParameterStatus messages follow AuthenticationOk; server_version among them, when they came in time.
        const rest = Buffer.concat([b, (await c.read((x) => x.includes('server_version\0'), Math.min(100, left()))).bytes]).toString('latin1')
        const v = /server_version\0([^\0]+)\0/.exec(rest)
        if (v) result.version = quote(v[1]!)
      }
    } else if (b.length >= 5 && b[0] === 0x45 /* E */) {
      const f = errorFields(b)
      result.evidence.push(`startup (user postgres, database postgres) -> ${quote(`${f.S ?? 'ERROR'} ${f.C ?? ''} ${f.M ?? ''}`.replace(/\s+/g, ' ').trim())}`)
      // 28000 invalid_authorization_specification (no pg_hba.conf entry), 28P01 invalid_password: credentials are
      // checked. Anything else (3D000 no such database …) says nothing about them.
      if (f.C === '28000' || f.C === '28P01') result.auth = 'required'
    } else {
      result.notes.push(reply.timedOut ? 'no answer to the startup message in time' : 'the startup message was not answered')
    }
    return result
  })
}
