/**
 * What a local listener speaks, found with small read-only probes one after another, each with its own deadline and
 * all of them within one overall deadline: the greeting (servers that speak first), TLS, HTTP (and, for HTTP, the
 * debuggers' /json/version, known programs and the web-risk checks), then the hellos of databases that wait for the
 * client. Nothing is written, no password is sent, every connection is closed before the next step; it never throws.
 *
 * Beware: a probe is a client the server did not expect. PostgreSQL logs "invalid length of startup packet" for our
 * TLS and HTTP attempts and Redis logs "Possible SECURITY ATTACK detected" for the HTTP one; on the ports those
 * servers usually hold, their own hello goes first so that the rest is not needed.
 */
import type { Service } from './types.js'
import { matchGreeting, readGreeting } from './probes/greeting.js'
import { probeTls, tlsEvidence } from './probes/tls.js'
import { httpGet, productOf, titleOf, type HttpAnswer } from './probes/http.js'
import { probeDevtools } from './probes/inspector.js'
import { recogniseApp } from './probes/http-apps.js'
import { probeDocker } from './probes/docker.js'
import { webChecks } from './probes/web.js'
import { probeRedis } from './probes/redis.js'
import { probePostgres } from './probes/postgres.js'
import { probeMongo } from './probes/mongodb.js'
import { quote } from './probes/quote.js'

export interface FingerprintOptions {
  /** The whole fingerprint's time, in ms. Default 1000. */
  deadlineMs?: number
  /** Each step's time (a connect and its answer), in ms, within what is left. Default 300. */
  stepMs?: number
  /** How long to wait for a server to speak first, in ms. Default 150. */
  greetingMs?: number
  signal?: AbortSignal
}

export const FINGERPRINT_DEFAULTS = { deadlineMs: 1000, stepMs: 300, greetingMs: 150 } as const

type Hello = 'redis' | 'postgres' | 'mongodb'

/** Ports these databases are registered for (and default to): their hello is tried first there. */
export const USUAL_PORTS = {
  ports: { 6379: 'redis', 5432: 'postgres', 27017: 'mongodb' } as Readonly<Record<number, Hello>>,
  source: 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml',
} as const

interface Budget {
  /** ms left of the whole fingerprint (at least 1, so a step always gets a timer). */
  left (): number
  /** The time for one step: the step default or what is left, whichever is less. */
  step (ms?: number): number
  spent (): boolean
}

function budgetOf (deadlineMs: number, stepMs: number): Budget {
  const end = Date.now() + deadlineMs
  return {
    left: () => Math.max(1, end - Date.now()),
    step: (ms = stepMs) => Math.max(1, Math.min(ms, end - Date.now())),
    spent: () => Date.now() >= end,
  }
}

/** What one probe found, taken into the service: its protocol and product replace the guesses made so far. */
function adopt (service: Service, found: Partial<Pick<Service, 'protocol' | 'product' | 'version' | 'auth'>> & { evidence: readonly string[], notes?: readonly string[] }): void {
  if (found.protocol !== undefined) service.protocol = found.protocol
  if (found.product !== undefined) {
    service.product = found.product
    // A version read from a Server header belongs to that product, not to the one found now.
    if (found.version !== undefined) service.version = found.version
    else delete service.version
  }
  if (found.auth !== undefined) service.auth = found.auth
  service.evidence.push(...found.evidence)
  service.notes.push(...found.notes ?? [])
}

/** Fill `service` from one database hello; true when it answered. */
async function hello (kind: Hello, service: Service, address: string, port: number, budget: Budget, signal: AbortSignal | undefined): Promise<boolean> {
  const probe = kind === 'redis' ? probeRedis : kind === 'postgres' ? probePostgres : probeMongo
  const found = await probe(address, port, budget.step(), signal)
  if (!found) return false
  adopt(service, found)
  return true
}

/** Everything an HTTP answer says about who sent it. */
async function describeHttp (service: Service, address: string, port: number, tls: boolean, root: HttpAnswer, budget: Budget, signal: AbortSignal | undefined): Promise<void> {
  service.protocol = tls ? 'https' : 'http'
  service.evidence.push(`GET / -> ${root.statusLine ?? root.status}`)
  const server = root.headers.server
  if (server !== undefined) {
    service.evidence.push(`Server: ${quote(server)}`)
    const { product, version } = productOf(server)
    service.product = product
    if (version !== undefined) service.version = version
  }
  const poweredBy = root.headers['x-powered-by']
  if (poweredBy !== undefined) service.evidence.push(`X-Powered-By: ${quote(poweredBy)}`)
  const title = titleOf(root.body)
  if (title !== undefined) service.evidence.push(`<title>${title}</title>`)
  // `ws` answers a plain GET with 426 Upgrade Required: a WebSocket-only server.
  if (root.status === 426) service.protocol = 'websocket'

  const devtools = await probeDevtools(address, port, { tls, timeoutMs: budget.step(), signal })
  const docker = devtools || budget.spent() ? undefined : await probeDocker(address, port, { tls, timeoutMs: budget.step(), signal })
  const ask = (path: string): Promise<HttpAnswer> => httpGet({ host: address, port, path, tls, timeoutMs: budget.step(), signal })
  const found = devtools ?? docker ?? await recogniseApp(root, ask, () => budget.spent() ? 0 : budget.left())
  if (found) adopt(service, found)

  if (budget.spent()) {
    service.notes.push('the web checks (foreign Host, foreign Origin, WebSocket) did not run: the time was up')
    return
  }
  const web = await webChecks({ host: address, port, tls, root, timeoutMs: () => budget.step(), signal })
  service.web = { foreignHostAnswered: web.foreignHostAnswered, corsAnyOrigin: web.corsAnyOrigin, websocketAnyOrigin: web.websocketAnyOrigin }
  service.evidence.push(...web.evidence)
  if (web.websocketAnyOrigin && service.protocol === 'http' && root.status !== undefined && root.status >= 400) service.protocol = 'websocket'
}

/**
 * Find what the listener at `address`:`port` speaks. `address` must be this machine's (the caller checks): a probe
 * connects to it several times. Never throws; what could not be learned is in `notes`.
 */
export async function fingerprint (address: string, port: number, opts: FingerprintOptions = {}): Promise<Service> {
  const service: Service = { protocol: 'unknown', evidence: [], notes: [] }
  const signal = opts.signal
  const budget = budgetOf(opts.deadlineMs ?? FINGERPRINT_DEFAULTS.deadlineMs, opts.stepMs ?? FINGERPRINT_DEFAULTS.stepMs)
  try {
    const greeting = await readGreeting(address, port, budget.step(opts.greetingMs ?? FINGERPRINT_DEFAULTS.greetingMs), signal)
    if (!greeting.connected) {
      service.notes.push(signal?.aborted ? 'stopped: the caller aborted' : `could not connect: ${greeting.connectCode ?? 'error'}`)
      return service
    }
    if (greeting.bytes.length > 0) {
      const m = matchGreeting(greeting.bytes)
      if (m) {
        adopt(service, { ...m, evidence: [m.evidence] })
      } else {
        service.evidence.push(`greeting: ${quote(greeting.bytes)}`)
        service.notes.push('the server spoke first, in no protocol known here')
      }
      return service
    }
    if (greeting.closed) service.notes.push('the server closed the connection without a word')

    const usual = USUAL_PORTS.ports[port]
    if (usual !== undefined && await hello(usual, service, address, port, budget, signal)) return service

    if (budget.spent()) return outOfTime(service)
    const tls = await probeTls(address, port, budget.step(), signal)
    if (tls.ok) {
      service.protocol = 'tls'
      service.evidence.push(...tlsEvidence(tls))
    }

    if (budget.spent()) return outOfTime(service)
    const root = await httpGet({ host: address, port, tls: tls.ok, timeoutMs: budget.step(), signal })
    if (root.ok) {
      await describeHttp(service, address, port, tls.ok, root, budget, signal)
      return service
    }
    // TLS without HTTP inside (an SMTPS, a database behind TLS): the certificate is all we learn.
    if (tls.ok) return service
    if (root.raw.length > 0) {
      // A server that speaks first but took longer than the greeting wait (a busy MariaDB): its greeting came now.
      const late = matchGreeting(root.raw)
      if (late) {
        adopt(service, { ...late, evidence: [late.evidence], notes: ['it spoke first, later than the greeting wait'] })
        return service
      }
      service.evidence.push(`GET / -> ${quote(root.raw)}`)
    }

    for (const kind of ['redis', 'postgres', 'mongodb'] as const satisfies readonly Hello[]) {
      if (kind === usual) continue
      if (budget.spent()) return outOfTime(service)
      if (await hello(kind, service, address, port, budget, signal)) return service
    }
    if (service.protocol === 'unknown') service.notes.push('it answered none of the probes (greeting, TLS, HTTP, Redis, PostgreSQL, MongoDB)')
  } catch (err) {
    // The probes settle rather than throw; this is the promise kept if one ever does.
    service.notes.push(`a probe failed: ${quote(err instanceof Error ? err.message : String(err))}`)
  }
  if (signal?.aborted) service.notes.push('stopped: the caller aborted')
  return service
}

function outOfTime (service: Service): Service {
  service.notes.push(`the time was up before every probe ran (protocol so far: ${service.protocol})`)
  return service
}
