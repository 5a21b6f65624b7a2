import type { InnerError } from '../core/events.js'
import { familyOf } from './address.js'

interface NodeErrorLike {
  code?: unknown
  syscall?: unknown
  address?: unknown
  port?: unknown
  message?: unknown
  name?: unknown
  cause?: unknown
  errors?: unknown
}

function inner (err: NodeErrorLike): InnerError {
  const address = typeof err.address === 'string' ? err.address : undefined
  const out: InnerError = { message: typeof err.message === 'string' ? err.message : String(err) }
  if (typeof err.code === 'string') out.code = err.code
  if (typeof err.syscall === 'string') out.syscall = err.syscall
  if (address !== undefined) out.address = address
  if (typeof err.port === 'number') out.port = err.port
  const family = familyOf(address)
  if (family) out.family = family
  return out
}

/**
 * Flattens what a client threw into the facts that matter: the innermost code, syscall, address and port, plus every
 * inner error. fetch wraps the socket error in `cause`; Node's Happy-Eyeballs connect throws an AggregateError whose
 * `errors` hold one error per address tried. We match on `code`, never on message text.
 */
export function unwrapError (thrown: unknown): InnerError & { causes: InnerError[] } {
  const top = (thrown ?? {}) as NodeErrorLike
  const causes: InnerError[] = []
  let deepest: NodeErrorLike = top
  const seen = new Set<unknown>()
  let cur: NodeErrorLike | undefined = top
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur)
    if (cur !== top) causes.push(inner(cur))
    if (Array.isArray(cur.errors)) for (const e of cur.errors) causes.push(inner(e as NodeErrorLike))
    if (typeof cur.code === 'string') deepest = cur
    cur = cur.cause as NodeErrorLike | undefined
  }
  const result = { ...inner(top), causes }
  // The top error's message is what the client prints; the code and address come from the deepest error that has one.
  const d = inner(deepest)
  if (d.code !== undefined) result.code = d.code
  if (d.syscall !== undefined) result.syscall = d.syscall
  if (d.address !== undefined) result.address = d.address
  if (d.port !== undefined) result.port = d.port
  if (d.family !== undefined) result.family = d.family
  // An AggregateError carries no address of its own: take the first inner error's.
  if (result.address === undefined) {
    const first = causes.find((c) => c.address !== undefined)
    if (first) {
      result.address = first.address
      if (first.port !== undefined) result.port = first.port
      if (first.family !== undefined) result.family = first.family
      if (result.syscall === undefined && first.syscall !== undefined) result.syscall = first.syscall
    }
  }
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError and no string code.
  if (result.code === undefined && typeof top.name === 'string' && top.name !== 'Error') result.code = top.name
  return result
}
