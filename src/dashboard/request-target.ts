/**
 * The request line's own rules, checked before the host guard: which authority a request names, and how many times.
 * Node keeps only the first `Host` of several in `req.headers` (it drops the rest), and fastify's router strips the
 * scheme and authority from an absolute-form target (`GET http://evil/ HTTP/1.1`) and serves the path. So the guard,
 * which reads `req.headers.host`, would let through requests that name someone else. RFC 9112 says what to do:
 * - §3.2: more than one `Host` field line is a 400;
 * - §3.2.2: an absolute-form target's authority wins over `Host`, so a target that names a foreign authority is a 400
 *   (we answer only to our own names); one that names our own is served as its path would be.
 * Any other form (asterisk-form `*`, authority-form `host:port`) is a 400 too: the page never sends one.
 */
import type { IncomingMessage } from 'node:http'
import { labErrorMessage } from '../core/errors.js'
import { ownHosts } from '../services/host-guard.js'

export type TargetVerdict =
  | { ok: true }
  | { ok: false, status: 400, code: 'LAB_ERR_BAD_REQUEST', message: string }

/** Is this request's target, and its `Host` lines, one that names us once? `port` is the port it arrived on. */
export function checkRequestTarget (req: Pick<IncomingMessage, 'url' | 'headersDistinct'>, port: number): TargetVerdict {
  const hosts = req.headersDistinct.host ?? []
  if (hosts.length > 1) return refuse({ hosts })
  const target = req.url ?? ''
  if (target.startsWith('/')) return { ok: true }
  const own = ownHosts(port)
  const absolute = /^http:\/\/([^/?#]*)/i.exec(target)
  if (absolute === null || !own.includes(absolute[1]!.toLowerCase())) return refuse({ target, own })
  return { ok: true }
}

function refuse (params: { hosts: readonly string[] } | { target: string, own: readonly string[] }): TargetVerdict {
  return { ok: false, status: 400, code: 'LAB_ERR_BAD_REQUEST', message: labErrorMessage('LAB_ERR_BAD_REQUEST', params) }
}
