/**
 * What a listener's address and owner add to the risks its answers showed (fingerprint.ts, risks.ts), and the one
 * verdict per listener. The service risks come from what the service said; the two rules here come from where it
 * listens and who runs it, which only the listener table knows.
 */
import type { Exposure } from '../ports/listeners.js'
import type { Risk, RiskId, Verdict } from './types.js'

/** Risks that are a danger on their own: whoever reaches the port runs code or reads and writes data. */
const DANGER_ALONE: ReadonlySet<RiskId> = new Set(['code-execution', 'no-auth'])
/** Risks a web page can exploit from the user's browser: worth a look, not an alarm by themselves. */
const REVIEW: ReadonlySet<RiskId> = new Set(['dns-rebinding', 'cors-any-origin', 'websocket-any-origin'])

const RAISED: Record<Risk['severity'], Risk['severity']> = { low: 'medium', medium: 'high', high: 'high' }

/**
 * `network-exposure` for a listener beyond loopback, or nothing. All interfaces (0.0.0.0, ::) is medium: any
 * computer that can reach this one may connect unless a firewall stops it; one specific address is low, since who
 * can reach it depends on that network.
 */
export function exposureRisk (address: string, exposure: Exposure): Risk | undefined {
  if (exposure === 'loopback') return undefined
  if (exposure === 'all-interfaces') {
    return {
      id: 'network-exposure',
      severity: 'medium',
      evidence: `listens on ${address}, every interface of this machine: other computers can connect unless a firewall stops them`,
      fix: 'bind 127.0.0.1 (or ::1) if only this computer needs it; otherwise put a firewall rule or authentication in front',
    }
  }
  return {
    id: 'network-exposure',
    severity: 'low',
    evidence: `listens on ${address}, an address other computers on that network can reach`,
    fix: 'bind 127.0.0.1 (or ::1) if only this computer needs it',
  }
}

/**
 * Running as root is not a risk of its own: it makes every other one worse, because whoever gets in acts as root.
 * Each risk goes up one step (low → medium → high) and its evidence says why.
 */
export function raiseForRoot (risks: readonly Risk[], user: string | null): Risk[] {
  if (user !== 'root') return [...risks]
  return risks.map((r) => ({ ...r, severity: RAISED[r.severity], evidence: `${r.evidence}; it runs as root, so whoever gets in acts as root` }))
}

/** `danger`: code execution or no authentication, or any risk together with network exposure. `review`: web risks or exposure alone. */
export function verdictOf (risks: readonly Risk[]): Verdict {
  const ids = new Set(risks.map((r) => r.id))
  if ([...ids].some((id) => DANGER_ALONE.has(id))) return 'danger'
  if (ids.has('network-exposure') && ids.size > 1) return 'danger'
  if (ids.has('network-exposure') || [...ids].some((id) => REVIEW.has(id))) return 'review'
  return 'ok'
}

/** Worst first: for sorting findings. */
export const VERDICT_RANK: Readonly<Record<Verdict, number>> = { danger: 0, review: 1, ok: 2 }
export const SEVERITY_RANK: Readonly<Record<Risk['severity'], number>> = { high: 0, medium: 1, low: 2 }
