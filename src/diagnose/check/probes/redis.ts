/**
 * Redis: `PING` as an inline command (RESP: a line ending in CRLF). It changes nothing and every Redis answers it:
 * `+PONG` when the connection may run commands (no password), an error when it may not. Nothing else is sent; in
 * particular no AUTH, so no password is ever tried.
 */
import { oneTurn } from './conversation.js'
import { quote } from './quote.js'

export interface RedisAnswer {
  protocol: 'redis'
  product: 'redis'
  auth: 'none' | 'required' | 'unknown'
  evidence: string[]
  notes: string[]
}

/** The replies to PING that say whether a password is needed, with the server's own wording. */
export const REDIS_REPLIES = [
  // RESP: a simple string starts with '+', an error with '-'; PING answers PONG.
  { reply: /^\+PONG\r\n/, auth: 'none', source: 'https://redis.io/docs/latest/commands/ping/' },
  // A server with requirepass (or ACL users) refuses every command but AUTH/HELLO before authentication.
  { reply: /^-NOAUTH /, auth: 'required', source: 'redis-server 5:7.0.15-1~deb12u10 (Debian) /usr/bin/redis-server: "-NOAUTH Authentication required."' },
  // Protected mode: no password and bound beyond loopback; it refuses clients from other addresses.
  { reply: /^-DENIED /, auth: 'required', source: 'redis-server 5:7.0.15-1~deb12u10 (Debian) /usr/bin/redis-server: "-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user."' },
] as const

export async function probeRedis (host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<RedisAnswer | undefined> {
  const r = await oneTurn({ host, port, timeoutMs, signal, send: 'PING\r\n', enough: (b) => b.includes('\r\n') })
  const line = r.bytes.toString('latin1').split('\r\n')[0] ?? ''
  if (!/^[+-]/.test(line)) return undefined
  const evidence = [`PING -> ${quote(line)}`]
  for (const known of REDIS_REPLIES) {
    if (known.reply.test(r.bytes.toString('latin1'))) return { protocol: 'redis', product: 'redis', auth: known.auth, evidence, notes: [] }
  }
  // Another RESP error ("-ERR …"): RESP, but not an answer that says what authentication it wants.
  if (/^-ERR /.test(line)) return { protocol: 'redis', product: 'redis', auth: 'unknown', evidence, notes: ['PING was answered with an error, not PONG or NOAUTH: authentication unknown'] }
  return undefined
}
