/**
 * A port a lesson closed, or borrowed while free, can be handed to another program before the lesson knocks: a busy
 * machine gives port-0 listeners the numbers just freed. A lesson that needs a refusal there checks it got one. When
 * it did not (a connect accepted, a reset, or its own listen on the number refused with EADDRINUSE), that door is
 * someone else's: the lesson says so, records fact `port-taken`, never narrates the other program's answer as its
 * own, and does that part again on a fresh port, a bounded number of times a run.
 */
import type { Outcome } from '../core/events.js'
import type { Lab } from '../core/lab.js'
import { hostPort } from './address.js'

/** A refusal the lesson needs: ECONNREFUSED. Anything else (a connection, a reset) met another program. */
export const refused = (o: Outcome): boolean => o.code === 'ECONNREFUSED'

/** Each attempt in turn while each is refused; the first that is not ends the round: it met another program. */
export async function whileRefused (attempts: ReadonlyArray<() => Promise<Outcome>>): Promise<{ outcomes: Outcome[], other?: Outcome }> {
  const outcomes: Outcome[] = []
  for (const attempt of attempts) {
    const o = await attempt()
    outcomes.push(o)
    if (!refused(o)) return { outcomes, other: o }
  }
  return { outcomes }
}

/** What happened at a port that is no longer ours, for the narration and the `port-taken` fact. */
export function takenBy (o: Outcome): string {
  return o.ok || o.status !== undefined ? `our ${o.client} connect was accepted there` : `our ${o.client} attempt got ${o.code ?? o.errorName}, not a refusal`
}

/** What `takenBy` says of a listen of ours on the number that failed because another program holds it. */
export const LISTEN_TAKEN = 'our listen there failed with EADDRINUSE'

export interface PortTaken {
  port: number
  address: string
  /** `takenBy(outcome)` or `LISTEN_TAKEN`. */
  what: string
  /** What the port was to the lesson, for the sentence: "free a moment ago", "ours until a moment ago". */
  was: string
}

export interface PortRetakes {
  /** How many of the run's ports another program took so far. */
  readonly count: number
  /**
   * Another program took `taken.port`: the `port-taken` fact, the run's bound (past `limit`, the check fails), and
   * one sentence: what the port was to us, what happened, and `then`, what the lesson does instead.
   */
  taken (taken: PortTaken, then: string): void
}

export interface PortRetakesOptions {
  /** How many taken ports a run tolerates before it gives up (a check that fails). */
  limit: number
}

/** One run's count of ports another program took, with what each lesson says and records when it happens. */
export function portRetakes (lab: Lab, opts: PortRetakesOptions): PortRetakes {
  let count = 0
  return {
    get count () { return count },
    taken ({ port, address, what, was }, then) {
      count++
      lab.fact('port-taken', 'a port of ours another program took meanwhile', { port, address, what, retake: count }, `this run: ${what}`)
      lab.check(count <= opts.limit, `another program took ${count} of our ports in this run (last ${hostPort(address, port)}: ${what}); this machine hands out port numbers too fast to show a refusal`)
      lab.say(`Port ${port} was ${was}, but another program took it on ${address} meanwhile (${what}): that door is someone else's. ${then}`)
    },
  }
}

/**
 * Knock on a borrowed `port` with `attempts(port)`, each while the one before was refused. When one is not refused,
 * another program took the port: that is said and recorded (`retakes.taken`), a fresh port is borrowed, and the
 * knock is done there. The port the refusals came from, and the refusals.
 */
export async function knockRefused (retakes: PortRetakes, opts: {
  port: number
  address: string
  /** Another closed port on `address`: borrowed from the OS, or opened and closed by the lesson. */
  borrow: () => Promise<number>
  attempts: (port: number) => ReadonlyArray<() => Promise<Outcome>>
  /** What the port was to the lesson. Default "free a moment ago" (borrowed). */
  was?: string
  /** What the lesson does instead, with the fresh port. Default "We borrowed port N and knock there instead." */
  instead?: (fresh: number) => string
}): Promise<{ port: number, outcomes: Outcome[] }> {
  let port = opts.port
  for (;;) {
    const round = await whileRefused(opts.attempts(port))
    if (round.other === undefined) return { port, outcomes: round.outcomes }
    const fresh = await opts.borrow()
    const instead = opts.instead?.(fresh) ?? `We borrowed port ${fresh} and knock there instead.`
    retakes.taken({ port, address: opts.address, what: takenBy(round.other), was: opts.was ?? 'free a moment ago' }, instead)
    port = fresh
  }
}
