/**
 * The bookkeeping every attempt needs: a deadline, an abort signal, and exactly one result. `settle()` returns true
 * the first time (and stops the timer and the abort listener), false ever after.
 */
import type { Socket } from 'node:net'
import type { Outcome } from '../core/events.js'
import { familyOf } from '../net/address.js'

export interface Guard {
  settle (): boolean
}

export function guard (timeoutMs: number, onTimeout: () => void, signal: AbortSignal | undefined, onAbort: () => void): Guard {
  let settled = false
  const timer = setTimeout(onTimeout, timeoutMs)
  signal?.addEventListener('abort', onAbort, { once: true })
  return {
    settle () {
      if (settled) return false
      settled = true
      clearTimeout(timer)
      signal?.removeEventListener('abort', onAbort)
      return true
    },
  }
}

/** Both ends of a connected socket (the 4-tuple) and its family, as outcome fields. */
export function endsOf (socket: Socket): Pick<Outcome, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort' | 'family'> {
  const ends: Pick<Outcome, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort' | 'family'> = {}
  if (socket.localAddress !== undefined) ends.localAddress = socket.localAddress
  if (socket.localPort !== undefined) ends.localPort = socket.localPort
  if (socket.remoteAddress !== undefined) ends.remoteAddress = socket.remoteAddress
  if (socket.remotePort !== undefined) ends.remotePort = socket.remotePort
  const family = familyOf(socket.remoteAddress)
  if (family) ends.family = family
  return ends
}
