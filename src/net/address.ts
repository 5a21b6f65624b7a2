import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { performance } from 'node:perf_hooks'
import type { Family, InnerError } from '../core/events.js'

/** Milliseconds with microsecond resolution, from a monotonic clock. */
export function now (): number {
  return performance.now()
}

/** Elapsed milliseconds since `start`, rounded to 3 decimals (a microsecond). */
export function since (start: number): number {
  return Math.round((performance.now() - start) * 1000) / 1000
}

/** The family of a literal address, or undefined for a name such as `localhost`. */
export function familyOf (address: string | undefined): Family | undefined {
  if (address === undefined) return undefined
  const v = isIP(address)
  return v === 4 ? 'IPv4' : v === 6 ? 'IPv6' : undefined
}

/** `127.0.0.1:80` or `[::1]:80`. */
export function hostPort (address: string, port: number | string): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

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

/** Does this machine have this loopback address (e.g. `::1`, absent when IPv6 is disabled)? */
export function hasLocalAddress (address: string): boolean {
  return Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === address))
}

/**
 * Where a service listens, as every kind of service reports it: the address and port the OS gave it, their family, and
 * the URL a client would use (`http://127.0.0.1:40123`, `tcp://[::1]:40124`). Declared once; services extend it.
 */
export interface ServiceAddress {
  address: string
  port: number
  family: Family
  url: string
}
