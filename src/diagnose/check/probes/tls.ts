/**
 * Is it TLS? A ClientHello through node:tls, the certificate not checked (we ask what it is, not whether to trust it)
 * and no server name sent (there is none to send for an address). A handshake that completes says TLS, and the
 * certificate says who claims to be there: subject, issuer, validity, self-signed or not.
 */
import type { TLSSocket } from 'node:tls'
import { open } from './conversation.js'
import { quote } from './quote.js'

export interface TlsFacts {
  ok: boolean
  /** The negotiated version (`TLSv1.3`) and the ALPN protocol the server picked, if any. */
  version?: string
  alpn?: string
  subject?: string
  issuer?: string
  validFrom?: string
  validTo?: string
  selfSigned?: boolean
  /** Why it is not TLS: the handshake's error code, or ETIMEDOUT. */
  code?: string
}

/** A certificate name (`CN=localhost, O=…`) as one line. */
function nameOf (name: Record<string, string | string[]> | undefined): string | undefined {
  if (!name) return undefined
  const parts = Object.entries(name).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
  return parts.length > 0 ? parts.join(', ') : undefined
}

/** Try a TLS handshake; never throws, and closes the connection before returning. */
export async function probeTls (host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<TlsFacts> {
  const opened = await open({ host, port, tls: true, timeoutMs, signal })
  if (!opened.ok) return { ok: false, code: opened.code }
  const socket = opened.conversation.socket as TLSSocket
  try {
    const facts: TlsFacts = { ok: true }
    const version = socket.getProtocol()
    if (version) facts.version = version
    if (typeof socket.alpnProtocol === 'string') facts.alpn = socket.alpnProtocol
    const cert = socket.getPeerCertificate()
    if (cert && Object.keys(cert).length > 0) {
      const subject = nameOf(cert.subject as unknown as Record<string, string>)
      const issuer = nameOf(cert.issuer as unknown as Record<string, string>)
      if (subject) facts.subject = quote(subject)
      if (issuer) facts.issuer = quote(issuer)
      if (cert.valid_from) facts.validFrom = cert.valid_from
      if (cert.valid_to) facts.validTo = cert.valid_to
      if (subject !== undefined && subject === issuer) facts.selfSigned = true
    }
    return facts
  } finally {
    opened.conversation.close()
  }
}

/** The facts as evidence lines. */
export function tlsEvidence (facts: TlsFacts): string[] {
  if (!facts.ok) return []
  const lines = [`TLS handshake completed${facts.version ? ` (${facts.version})` : ''}`]
  if (facts.subject) lines.push(`certificate subject: ${facts.subject}${facts.selfSigned ? ' (self-signed)' : ''}`)
  if (facts.issuer && !facts.selfSigned) lines.push(`certificate issuer: ${facts.issuer}`)
  if (facts.validTo) lines.push(`certificate valid ${facts.validFrom ?? '?'} to ${facts.validTo}`)
  return lines
}
